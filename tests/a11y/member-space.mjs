#!/usr/bin/env node
// The members' space in a real browser (headless Chromium, playwright-core) against the running
// stack through one origin (the gateway: the site, /api/<service>, /auth), Keycloak included:
//   node tests/a11y/member-space.mjs [--base URL] [--shots DIR]
// A panel draw makes two members of a fresh assembly, invited (secretariat token, ops/token).
// At 1280 and at 320 px wide, one of them (each run its own) opens /espace-membre signed out,
// signs in on Keycloak's own login page, is told a decline needs a reason (next to the field,
// focused), confirms; the secretariat seats the confirmed members (the opening plenary: a
// workshop each) and schedules a session of the member's workshop starting now; the member finds
// the workshop, the session and their calendar feed (read back: the session is in it), checks in
// with a mistyped code, a wrong code, then the room's code (read back from the attendance), gives
// contact details and the follow-up consent, downloads their data (the file's content checked:
// their record, the confirmation in its history, the e-mail, the consent), and at 320 px
// withdraws after the confirmation step (read back: withdrawn). An account without a member id
// gets the not-a-member page. On every state: axe-core (WCAG 2.0/2.1 A and AA, zero violations),
// no Content Security Policy violation, a full-page screenshot
// (DIR/member-<state>-<width>.png, default var/screenshots/web/).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import fs from 'node:fs';

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
import { eventually, invitedMembers, reachable, signInThroughKeycloak, staffApi, testPassword, token } from './lib/stack.mjs';

const TIMEOUT_MS = 60000;
const { base: BASE, shots: SHOTS } = options();
const { check, finish } = checks('member space');
const api = staffApi(BASE, 'web-member-space');
const PASSWORD = testPassword();

const membership = (method, route, body, opts) => api(method, 'membership', route, body, opts);
const workshops = (method, route, body, opts) => api(method, 'workshops', route, body, opts);

// The opening plenary for the confirmed members: seated (active), each placed in a workshop
// that the workshops service knows; then a session of that workshop from now, with its code.
async function seatAndSchedule(assembly, memberId) {
  await membership('POST', `/v1/assemblies/${assembly}/bulk-actions`, { action: 'activate' });
  const me = await membership('GET', `/v1/members/${memberId}`);
  if (me.status !== 'active' || !me.workshop_theme) throw new StackError(`member not seated: ${JSON.stringify(me)}`);
  const workshop = await eventually('the workshop knowing the member', async () => {
    const list = await workshops('GET', `/v1/workshops?assembly_id=${assembly}`);
    const w = list.items.find((x) => x.theme === me.workshop_theme);
    if (!w) return undefined;
    const roster = await workshops('GET', `/v1/workshops/${w.id}/roster`);
    return roster.member_ids.includes(memberId) ? w : undefined;
  });
  const now = Date.now();
  const session = await workshops('POST', '/v1/sessions', {
    type: 'working-session',
    workshop_id: workshop.id,
    title: `Séance de travail ${memberId.slice(0, 8)}`,
    // Begun ten minutes ago, but never on the day before (UTC): the session's day must be one
    // the member was on the roster.
    starts_at: new Date(Math.max(now - 10 * 60000, now - (now % 86400000))).toISOString().replace(/\.\d+Z$/, 'Z'),
    ends_at: new Date(now + 2 * 3600000).toISOString().replace(/\.\d+Z$/, 'Z'),
    place: 'Hôtel de Ville, salle des fêtes',
  });
  const details = await workshops('GET', `/v1/sessions/${session.id}/details`);
  if (!details.checkin_code) throw new StackError('no check-in code in the session details');
  return { workshop, session, code: details.checkin_code };
}

// The side menu's link to a section (behind the menu's button on a phone).
async function openSection(page, name) {
  const button = page.locator('.fr-sidemenu__btn');
  if (await button.isVisible()) {
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  }
  await page.locator('.fr-sidemenu').getByRole('link', { name, exact: true }).click();
}

async function run(browser, width, assembly, me, withdraw) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  const shot = (state) => audit(page, check, SHOTS, `member-${state}-${width}`);
  const noOverflow = async (what) => {
    const overflow = await horizontalOverflow(page);
    check(overflow <= 0, `${width}px ${what}: no horizontal scrolling (overflow ${overflow}px)`);
  };

  // Signed out: the space offers to sign in.
  const r = await page.goto(`${BASE}/espace-membre`, { waitUntil: 'networkidle' });
  check(r?.status() === 200, `${width}px: /espace-membre answers 200 (got ${r?.status()})`);
  await page.getByRole('heading', { level: 1, name: 'Espace membre' }).waitFor();
  await shot('signed-out');

  // Keycloak's login page, then back to the space, signed in as the member.
  await page.locator('#contenu').getByRole('button', { name: 'Se connecter' }).click();
  await signInThroughKeycloak(page, me, PASSWORD);
  await page.waitForURL(`${BASE}/espace-membre`);
  await page.getByRole('heading', { level: 1, name: 'Ma situation et la suite' }).waitFor();
  check((await page.locator('#member-status').textContent()).includes('invité·e'), `${width}px: the member is shown invited`);
  check(await page.locator('header').getByRole('link', { name: 'Mon espace membre', includeHidden: true }).count() > 0,
    `${width}px: the header links to the space once signed in`);
  await noOverflow('status');
  await shot('invited');

  // A decline without its reason: said next to the field, which takes the focus; nothing sent.
  await page.getByRole('button', { name: 'Décliner l’invitation' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'member-reason');
  check((await describedBy(page, 'member-reason')).includes('Indiquez la raison'), `${width}px: a decline's missing reason is said next to the field`);
  await shot('decline-missing');
  check((await membership('GET', `/v1/members/${me}`)).status === 'invited', `${width}px: nothing changed`);

  // Confirmed.
  await page.getByRole('button', { name: 'Je confirme ma participation' }).click();
  await page.getByText('Votre participation est confirmée.').waitFor();
  check((await page.locator('#member-status').textContent()).includes('participation confirmée'), `${width}px: the page shows the confirmation`);
  check((await membership('GET', `/v1/members/${me}`)).status === 'confirmed', `${width}px: membership has the member confirmed`);
  await shot('confirmed');

  // The opening plenary, then the workshop and its calendar.
  const { workshop, session, code } = await seatAndSchedule(assembly, me);
  await openSection(page, 'Mon atelier');
  await page.getByRole('heading', { level: 1, name: 'Mon atelier et son calendrier' }).waitFor();
  const themes = { 'social-education': 'Affaires sociales et éducation', environment: 'Environnement', 'public-space': 'Espace public' };
  await page.getByText(`Votre atelier : ${themes[workshop.theme] ?? workshop.title}`).waitFor();
  await page.getByRole('heading', { level: 3, name: session.title }).waitFor();
  // Both times (and both days when the session, from now, runs past midnight in Paris).
  check(/\d{1,2}:\d{2}\s*–[^:]*\d{1,2}:\d{2}/.test(await page.locator('#contenu li', { hasText: session.title }).textContent()),
    `${width}px: the session's times are shown`);
  const feed = await page.locator('#member-calendar').inputValue();
  check(feed.startsWith(`${BASE}/api/workshops/v1/calendars/${me}/`), `${width}px: the calendar feed is the member's (${feed})`);
  const ics = await (await fetch(feed)).text();
  check(ics.includes('BEGIN:VCALENDAR') && ics.includes(session.id), `${width}px: the feed holds the session`);
  await noOverflow('workshop');
  await shot('workshop');

  // Check-in: a mistyped code, a wrong one, then the room's code.
  await openSection(page, 'Signaler ma présence');
  await page.getByRole('heading', { level: 1, name: 'Signaler ma présence à une séance' }).waitFor();
  await page.waitForFunction(() => document.getElementById('member-checkin-session')?.value);
  check((await page.locator('#member-checkin-session').inputValue()) === session.id, `${width}px: the session open now is chosen`);
  await page.locator('#member-checkin-code').fill('AB1');
  await page.getByRole('button', { name: 'Signaler ma présence' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'member-checkin-code');
  check((await describedBy(page, 'member-checkin-code')).includes('6 lettres ou chiffres'), `${width}px: a mistyped code is said next to the field`);
  await shot('checkin-mistyped');
  const wrong = code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
  await page.locator('#member-checkin-code').fill(wrong.toLowerCase());
  await page.getByRole('button', { name: 'Signaler ma présence' }).click();
  await page.waitForFunction(() => document.body.textContent.includes('Ce code ne permet pas de signaler'));
  check((await describedBy(page, 'member-checkin-code')).includes('Ce code ne permet pas'), `${width}px: a wrong code is refused next to the field`);
  check((await focusedId(page)) === 'member-checkin-code', `${width}px: the refusal focuses the code`);
  await shot('checkin-refused');
  await page.locator('#member-checkin-code').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Signaler ma présence' }).click();
  await page.getByText(/Votre présence est enregistrée/).waitFor();
  const attendance = await workshops('GET', `/v1/sessions/${session.id}/attendance`);
  const mine = attendance.items.find((a) => a.member_id === me);
  check(mine?.status === 'present', `${width}px: the attendance has the member present (${JSON.stringify(mine)})`);
  await shot('checked-in');

  // My data: contact details and the follow-up consent, then the download.
  await openSection(page, 'Mes données');
  await page.getByRole('heading', { level: 1, name: 'Mes données' }).waitFor();
  await page.locator('label', { hasText: 'Par courriel' }).click();
  await page.getByRole('button', { name: 'Enregistrer mes coordonnées' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'member-contact-email');
  check((await describedBy(page, 'member-contact-email')).includes('Saisissez votre adresse électronique'),
    `${width}px: the e-mail the channel needs is asked next to the field`);
  await shot('contact-missing');
  const email = `membre.${width}@example.org`;
  await page.locator('#member-contact-email').fill(email);
  await page.getByRole('button', { name: 'Enregistrer mes coordonnées' }).click();
  await page.getByText('Vos coordonnées sont enregistrées.').waitFor();
  await page.getByRole('button', { name: 'Donner mon accord' }).click();
  await page.getByText('Vous avez donné votre accord.').waitFor();
  await noOverflow('data');
  await shot('data');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Télécharger mes données' }).click(),
  ]);
  check(download.suggestedFilename() === `mes-donnees-${me}.json`, `${width}px: the file is named ${download.suggestedFilename()}`);
  let data = {};
  try {
    data = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  } catch (e) {
    check(false, `${width}px: the downloaded file is JSON (${e.message})`);
  }
  check(data.member?.id === me && data.member?.status === 'active', `${width}px: the file holds the member's record (active)`);
  check((data.history ?? []).some((h) => h.to === 'confirmed'), `${width}px: the file's history has the confirmation`);
  check(data.contact?.email === email && data.contact?.preferred_channel === 'email', `${width}px: the file holds the contact details typed`);
  check((data.consents ?? []).some((c) => c.purpose === 'follow-up' && c.given === true && c.channel === 'web'),
    `${width}px: the file holds the consent given`);
  await page.getByText('Le fichier de vos données est téléchargé.').waitFor();

  // Leaving: the reason, then the confirmation step; read back.
  if (withdraw) {
    await openSection(page, 'Ma situation');
    await page.locator('#member-reason').fill('Je déménage hors de Paris.');
    await page.getByRole('button', { name: 'Me retirer', exact: true }).click();
    await page.getByRole('heading', { name: 'Confirmez-vous votre retrait ?' }).waitFor();
    check((await page.evaluate(() => document.activeElement?.textContent)) === 'Confirmez-vous votre retrait ?',
      `${width}px: the confirmation step takes the focus`);
    check((await membership('GET', `/v1/members/${me}`)).status === 'active', `${width}px: nothing changed before the confirmation`);
    await shot('withdraw-confirm');
    await page.getByRole('button', { name: 'Oui, je me retire' }).click();
    await page.getByText('Votre retrait est enregistré.').waitFor();
    const after = await membership('GET', `/v1/members/${me}`);
    check(after.status === 'withdrawn' && after.status_reason === 'Je déménage hors de Paris.',
      `${width}px: membership has the member withdrawn with the reason (${after.status}, ${after.status_reason})`);
    await shot('withdrawn');
  }
  check(csp.length === 0, `${width}px: no Content Security Policy violation${csp.length ? `: ${csp.join(' | ')}` : ''}`);
  await context.close();
}

// Signed in with an account that is not a member's: the space says it is not open to them, in
// English at its English address.
async function notMember(browser, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  await page.goto(`${BASE}/member-space`, { waitUntil: 'networkidle' });
  await page.locator('#contenu').getByRole('button', { name: 'Sign in' }).click();
  await signInThroughKeycloak(page, 'secretariat.web-member-space', PASSWORD);
  await page.waitForURL(`${BASE}/member-space`);
  await page.getByText(/this space is not open to you/).waitFor();
  check((await page.evaluate(() => document.documentElement.lang)) === 'en', `${width}px: the English address in English`);
  // A staff account's header leads to the console, not to a members' space it has none of.
  const link = page.locator('header').getByRole('link', { name: 'Console', includeHidden: true }).first();
  check((await link.getAttribute('href')) === '/console', `${width}px: the header of a staff account links to the console`);
  check(await page.locator('header').getByRole('link', { name: 'My members’ space', includeHidden: true }).count() === 0,
    `${width}px: and not to a members' space`);
  await audit(page, check, SHOTS, `member-not-member-${width}`);
  check(csp.length === 0, `${width}px: no Content Security Policy violation (not a member)`);
  await context.close();
}

async function main() {
  await reachable(BASE);
  const { assembly, members } = await invitedMembers(api, 'web-member-space', 2);
  // Their accounts (made by membership at the invitation) with the test password.
  for (const m of members) token('member', m.id);
  const browser = await launch();
  try {
    await run(browser, 1280, assembly, members[0].id, false);
    await run(browser, 320, assembly, members[1].id, true);
    await notMember(browser, 1280);
    await notMember(browser, 320);
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${SHOTS}`);
  finish();
}

main().catch((e) => {
  console.error(`member-space: ${e instanceof StackError ? '' : 'error: '}${e.message}`);
  process.exit(e instanceof StackError ? 2 : 1);
});
