#!/usr/bin/env node
// The console's workshops section in a real browser (headless Chromium, playwright-core) against
// the running stack through the gateway, Keycloak's login page included:
//   node tests/a11y/console-workshops.mjs [--base URL] [--shots DIR]
// A panel draw seats nine members of a fresh assembly (a workshop each, by the opening plenary)
// and the secretariat saves two versions of a workshop's notebook (through the APIs). Then, at
// 1280 px, the secretariat signs in on Keycloak's page and, in the console: sees the calendar
// (the month view, a table); schedules a hearing (a missing title said next to its field and
// focused; then the people heard), moves it with a reason (read back); takes its attendance with
// the keyboard alone — no click: Tab, the arrows, the P/E/A shortcuts, Space and Enter, bulk
// marking of the ticked rows, the sheet saved (read back); corrects one member with a reason (the
// missing reason said next to the row's field first; the reason read back from the service);
// shows the check-in code (the service's); compares the notebook's two versions side by side. At
// 320 px the same screens (the list view by default on a phone), without horizontal scrolling. The
// workshop's facilitator schedules in its workshop only (no plenary, no notebook) and reaches the
// session's sheet. A city-service account does not see the section (the menu has no entry; its address is not open)
// and the service refuses it the attendance (403, nothing changed). On every state: axe-core
// (WCAG 2.0/2.1 A and AA, zero violations), no Content Security Policy violation, a full-page
// screenshot (DIR/console-workshops-<state>-<width>.png, default var/screenshots/console/).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import { signInStaff } from './lib/console.mjs';
import {
  audit,
  checks,
  cspViolations,
  describedBy,
  focusedId,
  horizontalOverflow,
  launch,
  options,
  StackError,
} from './lib/page-audit.mjs';
import { seatedAssembly } from './lib/ballot-fixture.mjs';
import { reachable, staffApi, token } from './lib/stack.mjs';

const TIMEOUT_MS = 60000;
const { base: BASE, shots: SHOTS } = options('var/screenshots/console');
const { check, finish } = checks('console workshops');
const api = staffApi(BASE, 'web-console-ws');
const workshops = (method, route, body, opts) => api(method, 'workshops', route, body, opts);

// A Paris day `days` from today, "YYYY-MM-DD".
const parisDay = (days) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86400000),
  );

// The Paris day and time of an instant, "YYYY-MM-DD HH:MM".
const parisWall = (iso) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

// The assembly seated: its members active, each on a workshop's roster; the workshop with most
// members, with two notebook versions (the second changes a line and adds one).
async function setUp() {
  const { assembly, workshops: byTheme } = await seatedAssembly(api, 'web-console-ws', 9);
  let workshop;
  for (const id of Object.values(byTheme)) {
    const roster = (await workshops('GET', `/v1/workshops/${id}/roster`)).member_ids;
    if (!workshop || roster.length > workshop.roster.length) workshop = { id, roster };
  }
  if (workshop.roster.length < 3) throw new StackError(`the largest workshop has ${workshop.roster.length} members: 3 wanted`);
  await workshops('POST', `/v1/workshops/${workshop.id}/notebook/versions`, {
    text: '# Carnet\nOuvrir les bibliothèques le dimanche.\nPlanter des arbres rue de Rivoli.\n',
  });
  await workshops('POST', `/v1/workshops/${workshop.id}/notebook/versions`, {
    text: '# Carnet\nOuvrir les bibliothèques le soir.\nPlanter des arbres rue de Rivoli.\nUne fontaine par quartier.\n',
    note: 'Après l’audition',
  });
  return { assembly, workshop };
}

// A browser `width` px wide with the secretariat signed in on Keycloak's page, on the section's
// calendar: the page, its CSP watch, the state's audit (`shot`) and the overflow check.
async function secretariatOn(browser, width, assembly) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  const section = `/console/${assembly}/ateliers`;
  await signInStaff(page, BASE, 'secretariat', 'web-console-ws', { assemblies: [assembly], backTo: section });
  await page.getByRole('heading', { level: 1, name: 'Ateliers et séances' }).waitFor();
  return {
    context,
    page,
    csp,
    section,
    shot: (state) => audit(page, check, SHOTS, `console-workshops-${state}-${width}`),
    noOverflow: async (what) => {
      const overflow = await horizontalOverflow(page);
      check(overflow <= 0, `${width}px ${what}: no horizontal scrolling (overflow ${overflow}px)`);
    },
  };
}

// Presses `key` until the focus is on `id` (at most `max` times): moving by keyboard alone.
async function pressUntil(page, key, id, max = 60) {
  for (let i = 0; i < max; i++) {
    if ((await focusedId(page)) === id) return true;
    await page.keyboard.press(key);
  }
  return (await focusedId(page)) === id;
}

const statuses = async (sessionId) =>
  Object.fromEntries((await workshops('GET', `/v1/sessions/${sessionId}/attendance`)).items.map((a) => [a.member_id, a]));

async function secretariat1280(browser, assembly, workshop) {
  const width = 1280;
  const { context, page, csp, shot, noOverflow, section } = await secretariatOn(browser, width, assembly);

  // The month view by default on a wide screen: a table with a caption and weekday headers.
  await page.locator('table.ws-month').waitFor();
  check((await page.locator('table.ws-month thead th[scope="col"]').count()) === 7, `${width}px: the month grid has seven column headers`);
  await shot('calendar-month');

  // Schedule a hearing: a missing title first.
  const day = parisDay(1);
  await page.locator('#ws-new-type').selectOption('hearing');
  await page.locator('#ws-new-workshop').selectOption(workshop.id);
  await page.locator('#ws-new-day').fill(day);
  await page.locator('#ws-new-start').fill('18:30');
  await page.locator('#ws-new-end').fill('20:30');
  await page.locator('#ws-new-place').fill('Hôtel de Ville, salle Lobau');
  await page.getByRole('button', { name: 'Programmer la séance' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'ws-new-title');
  check((await describedBy(page, 'ws-new-title')).includes('Donnez un titre'), `${width}px: a missing title is said next to its field, focused`);
  check((await describedBy(page, 'ws-new-speakers')).includes('au moins une personne'), `${width}px: a hearing without the people heard is said next to the field`);
  await shot('new-session-missing');
  const title = `Audition de la direction de la voirie ${Date.now().toString(36)}`;
  await page.locator('#ws-new-title').fill(title);
  await page.locator('#ws-new-speakers').fill('Jeanne Martin, Direction de la voirie et des déplacements');
  await page.getByRole('button', { name: 'Programmer la séance' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const sessionId = new URL(page.url()).pathname.split('/').pop();
  const created = await workshops('GET', `/v1/sessions/${sessionId}/details`);
  check(created.type === 'hearing' && created.speakers?.[0]?.name === 'Jeanne Martin' && created.workshop_id === workshop.id,
    `${width}px: the service has the hearing with the person heard (${created.type}, ${created.speakers?.[0]?.name})`);
  check(parisWall(created.starts_at) === `${day} 18:30` && parisWall(created.ends_at) === `${day} 20:30`,
    `${width}px: the times are the Paris times typed (${created.starts_at}, ${created.ends_at})`);
  await shot('session');

  // Moved, with its reason.
  const later = parisDay(2);
  await page.locator('#ws-move-day').fill(later);
  await page.locator('#ws-move-reason').fill('Salle indisponible');
  await page.getByRole('button', { name: 'Déplacer la séance' }).click();
  await page.getByText('La séance est déplacée').waitFor();
  const moved = await workshops('GET', `/v1/sessions/${sessionId}/details`);
  check(parisWall(moved.starts_at) === `${later} 18:30`, `${width}px: the service has the session moved to ${later} (${moved.starts_at})`);
  check(JSON.stringify(moved.changes ?? []).includes('Salle indisponible'), `${width}px: the move's reason is kept in the session's changes`);

  // The attendance with the keyboard alone (no click from here to the save).
  const rows = [...workshop.roster].sort();
  await page.locator('#ws-sel-all').focus();
  await page.keyboard.press('Tab'); // row 1's box
  await page.keyboard.press('Tab'); // row 1's statuses
  check((await focusedId(page)) === `ws-att-${rows[0]}-present`, `${width}px: Tab reaches the first row's statuses`);
  await page.keyboard.press('p'); // row 1 present, on to row 2
  await page.keyboard.press('a'); // row 2 absent, on to row 3
  check((await focusedId(page)) === `ws-att-${rows[2]}-present`, `${width}px: a shortcut marks the row and goes to the next`);
  await page.keyboard.press('ArrowUp'); // back to row 2, on its status
  check((await focusedId(page)) === `ws-att-${rows[1]}-absent`, `${width}px: ↑ goes to the row above, on its status`);
  await page.keyboard.press('ArrowLeft'); // row 2: excused
  check(await page.locator(`#ws-att-${rows[1]}-excused`).isChecked(), `${width}px: ← changes the row's status`);
  await page.keyboard.press('ArrowRight'); // row 2: absent again
  await page.keyboard.press('ArrowDown'); // row 3
  await page.keyboard.press('Shift+Tab'); // row 3's box
  await page.keyboard.press('Space');
  for (let i = 3; i < rows.length; i++) {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
  }
  check(await page.locator(`#ws-sel-${rows[rows.length - 1]}`).isChecked(), `${width}px: Space and ↓ tick the rows`);
  const bulk = `Cochés présents (${rows.length - 2})`;
  check(await pressUntil(page, 'Shift+Tab', await page.getByRole('button', { name: bulk }).evaluate((b) => {
    b.id ||= 'ws-bulk-present';
    return b.id;
  })), `${width}px: Shift+Tab reaches the bulk buttons`);
  await page.keyboard.press('Enter');
  check(await page.locator(`#ws-att-${rows[rows.length - 1]}-present`).isChecked(), `${width}px: Enter marks the ticked rows present`);
  const save = await page.getByRole('button', { name: /Enregistrer la feuille/ }).evaluate((b) => {
    b.id ||= 'ws-sheet-save';
    return b.id;
  });
  check(await pressUntil(page, 'Tab', save, 200), `${width}px: Tab reaches the save button`);
  await page.keyboard.press('Enter');
  await page.getByText(`Feuille enregistrée : ${rows.length} changements.`).waitFor();
  let held = await statuses(sessionId);
  check(held[rows[0]]?.status === 'present' && held[rows[1]]?.status === 'absent' && rows.slice(2).every((m) => held[m]?.status === 'present'),
    `${width}px: the service has the sheet as typed (${rows.map((m) => held[m]?.status).join(', ')})`);
  await shot('attendance');

  // A correction: the reason is asked for, next to the row's field, then kept.
  await page.locator(`label[for="ws-att-${rows[1]}-excused"]`).click();
  await page.getByRole('button', { name: /Enregistrer la feuille/ }).click();
  await page.waitForFunction((id) => document.activeElement?.id === id, `ws-reason-${rows[1]}`);
  check((await describedBy(page, `ws-reason-${rows[1]}`)).includes('Une correction demande son motif'),
    `${width}px: a correction without its reason is said next to the row's field, focused`);
  check((await statuses(sessionId))[rows[1]]?.status === 'absent', `${width}px: nothing changed`);
  await shot('correction-missing');
  await page.locator(`#ws-reason-${rows[1]}`).fill('Prévenu la veille par courriel');
  await page.getByRole('button', { name: /Enregistrer la feuille/ }).click();
  await page.getByText('Feuille enregistrée : 1 changement.').waitFor();
  held = await statuses(sessionId);
  const change = held[rows[1]]?.changes?.at(-1);
  check(held[rows[1]]?.status === 'excused' && change?.reason === 'Prévenu la veille par courriel' && held[rows[1]]?.revision === 2,
    `${width}px: the service has the correction with its reason (${JSON.stringify(change)})`);
  await page.getByText(/Corrigé le .*Prévenu la veille par courriel/).waitFor();
  await noOverflow('attendance');
  await shot('corrected');

  // The check-in code, as the service made it.
  await page.getByRole('link', { name: 'Afficher le code de présence' }).click();
  await page.locator('#ws-code').waitFor();
  const shown = (await page.locator('#ws-code [aria-hidden="true"]').textContent()).trim();
  check(shown === moved.checkin_code && /^[A-Z2-9]{6}$/.test(shown), `${width}px: the code shown is the session's (${shown})`);
  const size = await page.locator('#ws-code').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  const lines = await page.locator('#ws-code').evaluate((e) => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)));
  check(size >= 96 && lines === 1, `${width}px: the code is large, on one line (${size}px, ${lines} line)`);
  await shot('code');

  // The notebook's two versions side by side.
  await page.goto(`${BASE}${section}/carnet/${workshop.id}`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Carnet de synthèse' }).waitFor();
  await page.locator('table.ws-diff').waitFor();
  const diff = await page.locator('table.ws-diff').textContent();
  check(diff.includes('Supprimé : Ouvrir les bibliothèques le dimanche.') && diff.includes('Ajouté : Ouvrir les bibliothèques le soir.')
    && diff.includes('Ajouté : Une fontaine par quartier.'), `${width}px: the diff shows what changed, in words too`);
  check((await page.locator('table.ws-diff thead th').allTextContents()).every((h) => /Version [12] du/.test(h)),
    `${width}px: the diff's columns are the two versions`);
  await shot('notebook-diff');
  check(csp.length === 0, `${width}px: no Content Security Policy violation${csp.length ? `: ${csp.join(' | ')}` : ''}`);
  await context.close();
  return sessionId;
}

// On a phone: the list view by default; the session's sheet, the code and the diff fit.
async function secretariat320(browser, assembly, workshop, sessionId) {
  const width = 320;
  const { context, page, csp, shot, noOverflow, section } = await secretariatOn(browser, width, assembly);
  check((await page.getByRole('link', { name: 'Liste', exact: true }).getAttribute('aria-current')) === 'page', `${width}px: the list view by default`);
  check((await page.locator('table.ws-month').count()) === 0, `${width}px: no month grid by default`);
  await noOverflow('calendar');
  await shot('calendar-list');
  await page.getByRole('link', { name: 'Mois', exact: true }).click();
  await page.locator('table.ws-month').waitFor();
  await noOverflow('month');
  await shot('calendar-month');
  for (const [state, path] of [
    ['session', `seance/${sessionId}`],
    ['code', `seance/${sessionId}/code`],
    ['notebook-diff', `carnet/${workshop.id}`],
  ]) {
    await page.goto(`${BASE}${section}/${path}`, { waitUntil: 'networkidle' });
    await page.locator(state === 'session' ? 'table.ws-sheet' : state === 'code' ? '#ws-code' : 'table.ws-diff').waitFor();
    if (state === 'code') {
      const lines = await page.locator('#ws-code').evaluate((e) => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)));
      check(lines === 1, `${width}px: the code is on one line (${lines})`);
    }
    await noOverflow(state);
    await shot(state);
  }
  check(csp.length === 0, `${width}px: no Content Security Policy violation${csp.length ? `: ${csp.join(' | ')}` : ''}`);
  await context.close();
}

// A city department's account: no workshops entry in the menu, the address not open, and the
// service refuses it the attendance.
async function cityService(browser, width, assembly, sessionId, member) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  await signInStaff(page, BASE, 'city-service', 'web-console-ws-dvd', { department: 'DVD', assemblies: [assembly], backTo: `/console/${assembly}` });
  await page.locator('#contenu h1').first().waitFor();
  check((await page.locator('.fr-sidemenu').getByRole('link', { name: 'Ateliers et séances', includeHidden: true }).count()) === 0,
    `${width}px: the menu of a city-service account has no workshops entry`);
  await page.goto(`${BASE}/console/${assembly}/ateliers/seance/${sessionId}`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Cette partie ne vous est pas ouverte' }).waitFor();
  check((await page.locator('table.ws-sheet').count()) === 0, `${width}px: the session's address is not open to a city-service account (no sheet)`);
  await audit(page, check, SHOTS, `console-workshops-city-service-${width}`);
  check(csp.length === 0, `${width}px: no Content Security Policy violation (city service)`);
  await context.close();

  const before = (await statuses(sessionId))[member]?.status;
  const bearer = token('city-service', 'web-console-ws-dvd', 'DVD');
  const refused = await fetch(`${BASE}/api/workshops/v1/sessions/${sessionId}/attendance`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ records: [{ member_id: member, status: before === 'absent' ? 'present' : 'absent', reason: 'essai' }] }),
  });
  check(refused.status === 403, `the service refuses the attendance to a city-service token (${refused.status})`);
  check((await statuses(sessionId))[member]?.status === before, 'nothing changed');
}

// A facilitator of the workshop: the section with its own workshops to schedule in (no plenary,
// no notebook), and the session's sheet.
async function facilitator(browser, width, assembly, workshop, sessionId) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  const section = `/console/${assembly}/ateliers`;
  await signInStaff(page, BASE, 'facilitator', 'web-console-ws-fac', { assemblies: [assembly], workshops: [workshop.id], backTo: section });
  await page.getByRole('heading', { level: 1, name: 'Ateliers et séances' }).waitFor();
  await page.locator('#ws-new-type').waitFor();
  check((await page.locator('#ws-new-type option[value="plenary"]').count()) === 0, `${width}px: a facilitator is not offered a plenary`);
  check((await page.locator('#ws-new-workshop option:not([disabled])').count()) === 1, `${width}px: a facilitator schedules in its own workshop only`);
  check((await page.getByRole('link', { name: /Carnet de synthèse/ }).count()) === 0, `${width}px: a facilitator is not offered the notebooks`);
  await page.goto(`${BASE}${section}/seance/${sessionId}`, { waitUntil: 'networkidle' });
  await page.locator('table.ws-sheet').waitFor();
  await audit(page, check, SHOTS, `console-workshops-facilitator-${width}`);
  check(csp.length === 0, `${width}px: no Content Security Policy violation (facilitator)`);
  await context.close();
}

async function main() {
  await reachable(BASE);
  const { assembly, workshop } = await setUp();
  const browser = await launch();
  try {
    const sessionId = await secretariat1280(browser, assembly, workshop);
    await secretariat320(browser, assembly, workshop, sessionId);
    await facilitator(browser, 1280, assembly, workshop, sessionId);
    await cityService(browser, 1280, assembly, sessionId, [...workshop.roster].sort()[0]);
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${SHOTS}`);
  finish();
}

main().catch((e) => {
  console.error(`console-workshops: ${e instanceof StackError ? '' : 'error: '}${e.message}`);
  process.exit(e instanceof StackError ? 2 : 1);
});
