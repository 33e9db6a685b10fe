#!/usr/bin/env node
// The workshops' cycle steps of the secretariat in the console, in a real browser (headless
// Chromium, playwright-core) against the running stack through the gateway, Keycloak's login
// page included:
//   node tests/a11y/console-workshop-steps.mjs [--base URL] [--shots DIR]
// A panel draw seats six members of a fresh assembly (its own phases and workshops: nothing
// another test reads), and two members of a workshop propose three axes with their own tokens.
// Then, at 1280 px, the secretariat signs in on Keycloak's page and, in the console: sees the
// phases in short on the calendar and opens their page; dates the recommendations phase (read
// back); is told next to the field when a last day comes before the first (nothing sent) and
// when the service refuses the discovery phase's order (said next to the field the service
// names, nothing changed, read back); dates the discovery phase (read back). On the workshop's
// page: the proposals; opens the members' choice (a number of axes out of range said next to
// its field first; then the choice read back open); the members approve through the API with
// their tokens; the secretariat closes it and sees the count the service holds (voters,
// approvals, the axes kept in order); corrects the axes (the missing reason said next to its
// field, nothing changed; then the correction and its reason read back, shown in the axes'
// history). At 320 px the phases and the workshop's page, without horizontal scrolling. The
// workshop's facilitator sees the dates and the count but no form, and the service refuses its
// token the phases, the choice and the correction (403, nothing changed); a city-service account
// has no entry in the menu, the phases' address is not open to it and its token is refused too.
// On every state: axe-core (WCAG 2.0/2.1 A and AA, zero violations), no Content Security Policy
// violation, a full-page screenshot (DIR/console-workshop-steps-<state>-<width>.png, default
// var/screenshots/console/).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import { signInStaff } from './lib/console.mjs';
import { audit, checks, cspViolations, describedBy, horizontalOverflow, launch, options, StackError } from './lib/page-audit.mjs';
import { seatedAssembly } from './lib/ballot-fixture.mjs';
import { call, reachable, staffApi, token } from './lib/stack.mjs';

const TIMEOUT_MS = 60000;
const { base: BASE, shots: SHOTS } = options('var/screenshots/console');
const { check, finish } = checks('console workshop steps');
const api = staffApi(BASE, 'web-console-wst');
const workshops = (method, route, body, opts) => api(method, 'workshops', route, body, opts);

// A Paris day `days` from today, "YYYY-MM-DD".
const parisDay = (days) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86400000),
  );

const PROPOSALS = [
  { title: 'Lire partout', text: 'Des bibliothèques ouvertes le dimanche.' },
  { title: 'Des arbres dans chaque rue', text: 'Planter rue de Rivoli.' },
  { title: 'Une fontaine par quartier' },
];

// The assembly seated; the workshop with most members, where two of them propose the axes.
async function setUp() {
  const { assembly, workshops: byTheme } = await seatedAssembly(api, 'web-console-wst', 6);
  let workshop;
  for (const id of Object.values(byTheme)) {
    const roster = (await workshops('GET', `/v1/workshops/${id}/roster`)).member_ids;
    if (!workshop || roster.length > workshop.roster.length) workshop = { id, roster };
  }
  if (workshop.roster.length < 2) throw new StackError(`the largest workshop has ${workshop.roster.length} members: 2 wanted`);
  const proposals = [];
  for (const [i, p] of PROPOSALS.entries())
    proposals.push(await call(BASE, 'workshops', 'POST', `/v1/workshops/${workshop.id}/axis-proposals`, p,
      { bearer: token('member', workshop.roster[i % 2]) }));
  return { assembly, workshop, proposals };
}

async function signedIn(browser, width, role, subject, claims, backTo) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  await signInStaff(page, BASE, role, subject, { ...claims, backTo });
  return {
    context,
    page,
    csp,
    shot: (state) => audit(page, check, SHOTS, `console-workshop-steps-${state}-${width}`),
    noOverflow: async (what) => {
      const overflow = await horizontalOverflow(page);
      check(overflow <= 0, `${width}px ${what}: no horizontal scrolling (overflow ${overflow}px)`);
    },
  };
}

const phasesOf = async (assembly) =>
  Object.fromEntries((await workshops('GET', `/v1/assemblies/${assembly}/phases`)).items.map((p) => [p.kind, p]));

async function secretariat1280(browser, assembly, workshop, proposals) {
  const width = 1280;
  const section = `/console/${assembly}/ateliers`;
  const { context, page, csp, shot, noOverflow } = await signedIn(browser, width, 'secretariat', 'web-console-wst',
    { assemblies: [assembly] }, section);
  await page.getByRole('heading', { level: 1, name: 'Ateliers et séances' }).waitFor();
  await page.getByText('Découverte : pas encore datée').first().waitFor();
  check(await page.getByText('Recommandations : pas encore datée').count() > 0, `${width}px: the calendar says the phases are not dated yet`);
  await page.getByRole('link', { name: 'Voir et fixer les dates des phases' }).click();
  await page.getByRole('heading', { level: 1, name: 'Les phases de l’assemblée' }).waitFor();
  await shot('phases-undated');

  // The recommendations phase dated, read back.
  const rec = { starts_on: parisDay(30), ends_on: parisDay(60) };
  await page.locator('#ws-phase-recommendations-starts').fill(rec.starts_on);
  await page.locator('#ws-phase-recommendations-ends').fill(rec.ends_on);
  await page.getByRole('button', { name: 'Enregistrer les dates — Recommandations' }).click();
  await page.getByRole('form', { name: 'Recommandations' }).getByText('Les dates de la phase sont enregistrées.').waitFor();
  let held = await phasesOf(assembly);
  check(held.recommendations?.starts_on === rec.starts_on && held.recommendations?.ends_on === rec.ends_on,
    `${width}px: the service has the recommendations phase as typed (${JSON.stringify(held.recommendations)})`);

  // A last day before the first: said next to the field, nothing sent.
  await page.locator('#ws-phase-discovery-starts').fill(parisDay(10));
  await page.locator('#ws-phase-discovery-ends').fill(parisDay(5));
  await page.getByRole('button', { name: 'Enregistrer les dates — Découverte' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'ws-phase-discovery-ends');
  check((await describedBy(page, 'ws-phase-discovery-ends')).includes('finir le jour de son début ou après'),
    `${width}px: a last day before the first is said next to its field, focused`);

  // Discovery after recommendations: the service refuses the order, said where it says.
  await page.locator('#ws-phase-discovery-starts').fill(parisDay(70));
  await page.locator('#ws-phase-discovery-ends').fill(parisDay(80));
  await page.getByRole('button', { name: 'Enregistrer les dates — Découverte' }).click();
  await page.waitForFunction(() => ['ws-phase-discovery-starts', 'ws-phase-discovery-ends'].includes(document.activeElement?.id));
  const said = `${await describedBy(page, 'ws-phase-discovery-starts')} ${await describedBy(page, 'ws-phase-discovery-ends')}`;
  check(/recommendations phase/.test(said) && said.includes(rec.starts_on),
    `${width}px: the service's refusal of the order is said next to the field it names (${said})`);
  held = await phasesOf(assembly);
  check(!held.discovery, `${width}px: nothing changed (no discovery phase: ${JSON.stringify(held.discovery)})`);
  await shot('phase-refused');

  // Discovery before it, from five days ago: accepted, read back, shown.
  const disc = { starts_on: parisDay(-5), ends_on: parisDay(20) };
  await page.locator('#ws-phase-discovery-starts').fill(disc.starts_on);
  await page.locator('#ws-phase-discovery-ends').fill(disc.ends_on);
  await page.getByRole('button', { name: 'Enregistrer les dates — Découverte' }).click();
  await page.getByRole('form', { name: 'Découverte' }).getByText('Les dates de la phase sont enregistrées.').waitFor();
  held = await phasesOf(assembly);
  check(held.discovery?.starts_on === disc.starts_on && held.discovery?.ends_on === disc.ends_on,
    `${width}px: the service has the discovery phase as typed (${JSON.stringify(held.discovery)})`);
  check(!(await page.locator('#ws-phase-discovery-dates').textContent()).includes('pas encore datée'),
    `${width}px: the page shows the discovery phase dated`);
  await noOverflow('phases');
  await shot('phases');

  // The workshop's page: the proposals, the choice opened.
  await page.goto(`${BASE}${section}/atelier/${workshop.id}`, { waitUntil: 'networkidle' });
  await page.locator('#ws-proposals').waitFor();
  const listed = await page.locator('#ws-proposals li').allTextContents();
  check(listed.length === 3 && PROPOSALS.every((p, i) => listed[i].includes(p.title) && listed[i].includes('un membre')),
    `${width}px: the three proposals are listed in order, by "a member" (${listed.join(' | ')})`);
  await shot('axes-proposals');
  await page.locator('#ws-choice-seats').fill('11');
  await page.getByRole('button', { name: 'Ouvrir le choix des axes' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'ws-choice-seats');
  check((await describedBy(page, 'ws-choice-seats')).includes('de 1 à 10'), `${width}px: a number of axes out of range is said next to its field`);
  check((await call(BASE, 'workshops', 'GET', `/v1/workshops/${workshop.id}/axes-choice`, undefined, { expect: [404] })) !== undefined,
    `${width}px: nothing opened`);
  await page.locator('#ws-choice-seats').fill('2');
  await page.getByRole('button', { name: 'Ouvrir le choix des axes' }).click();
  await page.getByText(/Choix ouvert le .*2 axes seront retenus/).waitFor();
  const opened = await workshops('GET', `/v1/workshops/${workshop.id}/axes-choice`);
  check(opened.state === 'open' && opened.seats === 2, `${width}px: the service has the choice open, 2 seats (${opened.state}, ${opened.seats})`);
  await shot('choice-open');

  // The members approve with their own tokens: the second proposal by both, the first by one.
  const [m0, m1] = workshop.roster;
  for (const [member, approve] of [[m0, [proposals[0].id, proposals[1].id]], [m1, [proposals[1].id]]])
    await call(BASE, 'workshops', 'PUT', `/v1/workshops/${workshop.id}/axes-choice/ballot`, { approve }, { bearer: token('member', member) });

  // Closed today (in the discovery phase): the count the service holds, on the page.
  await page.reload({ waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Clore le choix et compter' }).click();
  await page.locator('#ws-tally').waitFor();
  const closed = await workshops('GET', `/v1/workshops/${workshop.id}/axes-choice`);
  check(closed.state === 'closed' && closed.chosen_on === parisDay(0) && closed.result?.voters === 2,
    `${width}px: the service has the choice closed today with 2 voters (${closed.state}, ${closed.chosen_on}, ${closed.result?.voters})`);
  const rows = await page.locator('#ws-tally tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  const tallies = closed.result?.tallies ?? [];
  check(rows.length === tallies.length && tallies.every((x) => rows.some((r) => r[0].startsWith(x.title) && r[1] === String(x.approvals)
    && (x.chosen ? r[2] === `Retenue, rang ${x.rank}` : r[2] === 'Non retenue'))),
    `${width}px: the table is the service's count (${JSON.stringify(rows)})`);
  check((await page.locator('#ws-choice-figures').textContent()).includes('2 membres ont voté'), `${width}px: the voters are said`);
  const axes = await workshops('GET', `/v1/workshops/${workshop.id}/priority-axes`);
  check(axes.chosen_by === 'members' && axes.items.map((a) => a.title).join('|') === `${PROPOSALS[1].title}|${PROPOSALS[0].title}`,
    `${width}px: the axes kept are the most approved, in order (${axes.items.map((a) => a.title).join(', ')})`);
  const shown = await page.locator('#ws-axes li').allTextContents();
  check(shown.length === 2 && shown[0].startsWith(PROPOSALS[1].title), `${width}px: the page shows the axes kept in order`);
  await shot('choice-closed');

  // The correction: the reason asked for, nothing changed; then kept.
  await page.locator('#ws-correct-axes').fill(`${PROPOSALS[1].title}\nLire partout, le soir aussi`);
  await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'ws-correct-reason');
  check((await describedBy(page, 'ws-correct-reason')).includes('donne son motif'), `${width}px: a correction without its reason is said next to the field, focused`);
  check((await workshops('GET', `/v1/workshops/${workshop.id}/priority-axes`)).corrections.length === 0, `${width}px: nothing changed`);
  await shot('correction-missing');
  const reason = 'Le titre repris à la demande des membres';
  await page.locator('#ws-correct-reason').fill(reason);
  await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await page.getByText('La correction est enregistrée.').waitFor();
  const corrected = await workshops('GET', `/v1/workshops/${workshop.id}/priority-axes`);
  check(corrected.corrections.length === 1 && corrected.corrections[0].reason === reason
    && corrected.items.map((a) => a.title).join('|') === `${PROPOSALS[1].title}|Lire partout, le soir aussi`
    && corrected.items[0].description === PROPOSALS[1].text,
    `${width}px: the service has the correction, its reason, and the unchanged axis its description (${JSON.stringify(corrected)})`);
  check((await page.locator('#ws-corrections').textContent()).includes(reason), `${width}px: the reason is in the axes' history`);
  await noOverflow('workshop');
  await shot('corrected');
  check(csp.length === 0, `${width}px: no Content Security Policy violation${csp.length ? `: ${csp.join(' | ')}` : ''}`);
  await context.close();
}

async function secretariat320(browser, assembly, workshop) {
  const width = 320;
  const section = `/console/${assembly}/ateliers`;
  const { context, page, csp, shot, noOverflow } = await signedIn(browser, width, 'secretariat', 'web-console-wst',
    { assemblies: [assembly] }, `${section}/phases`);
  await page.locator('#ws-phase-discovery-starts').waitFor();
  await noOverflow('phases');
  await shot('phases');
  await page.goto(`${BASE}${section}/atelier/${workshop.id}`, { waitUntil: 'networkidle' });
  await page.locator('#ws-tally').waitFor();
  await noOverflow('workshop');
  await shot('workshop');
  check(csp.length === 0, `${width}px: no Content Security Policy violation${csp.length ? `: ${csp.join(' | ')}` : ''}`);
  await context.close();
}

// What a token other than the secretariat's gets on the three changes: 403 each, nothing changed.
async function refused(who, bearer, assembly, workshop) {
  const before = { phases: await phasesOf(assembly), axes: await workshops('GET', `/v1/workshops/${workshop.id}/priority-axes`) };
  const tries = [
    ['PUT', `/v1/assemblies/${assembly}/phases/co-construction-and-vote`, { starts_on: parisDay(90), ends_on: parisDay(100) }],
    ['POST', `/v1/workshops/${workshop.id}/axes-choice/close`, { chosen_on: parisDay(0) }],
    ['PUT', `/v1/workshops/${workshop.id}/priority-axes`, { chosen_on: parisDay(0), axes: [{ title: 'Autre chose' }], reason: 'essai' }],
  ];
  for (const [method, route, body] of tries) {
    const r = await fetch(`${BASE}/api/workshops${route}`, {
      method,
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    check(r.status === 403, `the service refuses ${who} ${method} ${route.replace(/[0-9a-f-]{36}/, '<workshop>')} (${r.status})`);
  }
  const after = { phases: await phasesOf(assembly), axes: await workshops('GET', `/v1/workshops/${workshop.id}/priority-axes`) };
  check(JSON.stringify(after) === JSON.stringify(before), `${who}: nothing changed`);
}

async function facilitator(browser, assembly, workshop) {
  const width = 1280;
  const section = `/console/${assembly}/ateliers`;
  const claims = { assemblies: [assembly], workshops: [workshop.id] };
  const { context, page, csp, shot } = await signedIn(browser, width, 'facilitator', 'web-console-wst-fac', claims, `${section}/phases`);
  await page.getByRole('heading', { level: 1, name: 'Les phases de l’assemblée' }).waitFor();
  check((await page.locator('#ws-phase-discovery-dates').textContent()).startsWith('du '), `${width}px: a facilitator sees the phases' dates`);
  check((await page.locator('input[id^="ws-phase-"]').count()) === 0, `${width}px: a facilitator is offered no phase form`);
  await shot('facilitator-phases');
  await page.goto(`${BASE}${section}/atelier/${workshop.id}`, { waitUntil: 'networkidle' });
  await page.locator('#ws-tally').waitFor();
  check((await page.locator('#ws-correct-axes, #ws-choice-seats, #ws-choice-day').count()) === 0,
    `${width}px: a facilitator is offered neither the choice nor the correction`);
  await shot('facilitator-workshop');
  check(csp.length === 0, `${width}px: no Content Security Policy violation (facilitator)`);
  await context.close();
  await refused('a facilitator', token('facilitator', 'web-console-wst-fac', '--assemblies', assembly, '--workshops', workshop.id), assembly, workshop);
}

async function cityService(browser, assembly, workshop) {
  const width = 1280;
  const { context, page, csp } = await signedIn(browser, width, 'city-service', 'web-console-wst-dvd',
    { department: 'DVD', assemblies: [assembly] }, `/console/${assembly}`);
  await page.locator('#contenu h1').first().waitFor();
  check((await page.locator('.fr-sidemenu').getByRole('link', { name: 'Ateliers et séances', includeHidden: true }).count()) === 0,
    `${width}px: the menu of a city-service account has no workshops entry`);
  await page.goto(`${BASE}/console/${assembly}/ateliers/phases`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Cette partie ne vous est pas ouverte' }).waitFor();
  check((await page.locator('#ws-phase-discovery-starts').count()) === 0, `${width}px: the phases' address is not open to a city-service account`);
  await audit(page, check, SHOTS, `console-workshop-steps-city-service-${width}`);
  check(csp.length === 0, `${width}px: no Content Security Policy violation (city service)`);
  await context.close();
  await refused('a city-service account', token('city-service', 'web-console-wst-dvd', 'DVD', '--assemblies', assembly), assembly, workshop);
}

async function main() {
  await reachable(BASE);
  const { assembly, workshop, proposals } = await setUp();
  const browser = await launch();
  try {
    await secretariat1280(browser, assembly, workshop, proposals);
    await secretariat320(browser, assembly, workshop);
    await facilitator(browser, assembly, workshop);
    await cityService(browser, assembly, workshop);
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${SHOTS}`);
  finish();
}

main().catch((e) => {
  console.error(`console-workshop-steps: ${e instanceof StackError ? '' : 'error: '}${e.message}`);
  process.exit(e instanceof StackError ? 2 : 1);
});
