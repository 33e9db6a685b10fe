#!/usr/bin/env node
// The console's recommendations and ballots in a real browser (headless Chromium, playwright-core)
// against the running stack through the gateway, Keycloak's own login page included:
//   node tests/a11y/console-recommendations.mjs [--base URL] [--shots DIR]
// Sets up through the real APIs (a secretariat token): an assembly of four seated members, a
// workshop's mandate adopted at a plenary, one recommendation handed over, in co-construction and
// addressed to a department, another one a draft with an amendment (addressed to nobody). Then,
// at 1280 and at 320 px wide:
// - a city department's account (its department in the token) signs in on Keycloak's page, sees
//   only the recommendation addressed to it, answers it with the feedback form: an empty opinion
//   said next to its field (focused), a cost estimate too long refused by the service next to its
//   field, then the answer, read back from the service with the token's department; it is offered
//   none of the secretariat's actions (no ballots, no steps) and the service refuses them with its
//   token (403: open, tally, close a ballot; address a recommendation), nothing changed;
// - the secretariat sees the recommendations with the amendment to decide; opens a ballot, sees
//   the turnout move as members vote (votes cast through the API with their tokens) with the time
//   of the last reading, closes it, sees the results; opens a ballot by show of hands, enters a
//   tally the electorate cannot hold (refused next to each count), then a good one, and sees it
//   listed with who recorded it; closes it and sees its results;
// - on the motions' page, proposes a new version of a drafted motion's text (drafted in the
//   workshop's co-construction session, by a department), read back from the service, and sees
//   what it changed (the diff); records the debate on a motion the workshop approved (one motion
//   for each width): a name without the speaker's consent said next to its field first, then the
//   record, read back from the service and shown as recorded; the department's token is refused
//   both routes (403), nothing changed.
// On every state: axe-core (WCAG 2.0/2.1 A and AA, zero violations), no Content Security Policy
// violation, no horizontal scrolling, a full-page screenshot
// (DIR/console-recommendations-<state>-<width>.png, default var/screenshots/console/).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import { seatedAssembly } from './lib/ballot-fixture.mjs';
import { signInStaff } from './lib/console.mjs';
import { audit, checks, cspViolations, describedBy, focusedId, horizontalOverflow, launch, options, StackError } from './lib/page-audit.mjs';
import { call, eventually, reachable, staffApi, token } from './lib/stack.mjs';

const TIMEOUT_MS = 60000;
const DEPARTMENT = 'DVD';
const { base: BASE, shots: SHOTS } = options('var/screenshots/console');
const { check, finish } = checks('console recommendations');
const api = staffApi(BASE, 'web-console-reco');

// A recommendation of `workshop` handed over at `plenary`, in co-construction, addressed to
// DEPARTMENT; and a draft with an amendment proposed.
async function fixture() {
  const seated = await seatedAssembly(api, 'web-reco', 4);
  const { assembly } = seated;
  const workshop = Object.values(seated.workshops)[0];
  const notebook = await api('POST', 'workshops', `/v1/workshops/${workshop}/notebook/versions`, { text: '# Carnet\n' });
  await api('POST', 'workshops', `/v1/workshops/${workshop}/notebook/versions/${notebook.version}/submit`, {});
  await api('PUT', 'workshops', `/v1/workshops/${workshop}/departments`, { departments: ['DAC'] });
  const mandate = await call(BASE, 'workshops', 'POST', `/v1/workshops/${workshop}/mandates`,
    { text: 'Des recommandations pour les mobilités.', notebook_version: notebook.version },
    { bearer: token('city-service', 'executive', 'DAC') });
  const plenary = await api('POST', 'workshops', '/v1/sessions', {
    type: 'plenary',
    assembly_id: assembly,
    title: 'Plénière de remise',
    starts_at: '2026-06-18T09:00:00Z',
    ends_at: '2026-06-18T17:00:00Z',
    place: 'Hôtel de Ville',
  });
  await api('POST', 'workshops', `/v1/mandates/${mandate.id}/vote`,
    { votes_for: 4, votes_against: 0, abstentions: 0, session_id: plenary.id });
  const draft = (title, text) => eventually('the mandate adopted in recommendations', () =>
    api('POST', 'recommendations', '/v1/recommendations', { workshop_id: workshop, title, text }), 90);
  const addressed = await draft('Des rues scolaires partout', 'Fermer aux voitures les rues des écoles aux heures d’entrée et de sortie.\n');
  for (const step of ['adopt', 'hand-over', 'co-construct'])
    await api('POST', 'recommendations', `/v1/recommendations/${addressed.id}/${step}`,
      step === 'hand-over' ? { plenary_session_id: plenary.id } : {});
  await api('PUT', 'recommendations', `/v1/recommendations/${addressed.id}/departments`, { departments: [DEPARTMENT] });
  const other = await draft('Des bancs dans chaque square', 'Installer des bancs à l’ombre.\n');
  await api('POST', 'recommendations', `/v1/recommendations/${other.id}/amendments`,
    { text: 'Installer des bancs à l’ombre, et des fontaines.\n', rationale: 'Les étés chauds.' });
  // The motions (one per workshop): the first workshop's drafted (version 1 set by the
  // secretariat), discussed in a co-construction session; the two others approved by their
  // workshop (a unanimous workshop ballot on their text), their debate to record.
  const coConstruction = await api('POST', 'workshops', '/v1/sessions', {
    type: 'co-construction',
    workshop_id: workshop,
    title: 'Co-construction du vœu avec les directions',
    starts_at: '2026-05-12T16:00:00Z',
    ends_at: '2026-05-12T19:00:00Z',
    place: 'Hôtel de Ville',
  });
  const motions = (await api('GET', 'recommendations', `/v1/motions?assembly_id=${assembly}`)).items;
  const drafted = motions.find((m) => m.workshop_id === workshop);
  await api('PUT', 'recommendations', `/v1/motions/${drafted.id}`, { title: 'Des rues pour les enfants', text: 'Des rues scolaires devant chaque école.\n' });
  const active = (await api('GET', 'membership', `/v1/members?assembly_id=${assembly}&status=active`)).items;
  const approved = [];
  for (const m of motions.filter((x) => x.id !== drafted.id).slice(0, 2)) {
    await api('PUT', 'recommendations', `/v1/motions/${m.id}`, { title: `Le vœu de l’atelier ${m.theme}`, text: 'Un texte approuvé par l’atelier.\n' });
    const ballot = await api('POST', 'recommendations', '/v1/ballots', {
      assembly_id: assembly,
      workshop: m.theme,
      motion_id: m.id,
      question: `L’atelier ${m.theme} approuve-t-il son vœu ?`,
      rule: 'unanimity-of-votes-cast',
      quorum: 0,
      secret: false,
      closes_at: new Date(Date.now() + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    const voter = active.find((x) => x.workshop_theme === m.theme);
    if (voter) await call(BASE, 'recommendations', 'POST', `/v1/ballots/${ballot.id}/votes`, { choice: 'for' }, { bearer: token('member', voter.id) });
    await api('POST', 'recommendations', `/v1/ballots/${ballot.id}/close`, {});
    const status = (await api('GET', 'recommendations', `/v1/motions/${m.id}`)).status;
    if (status !== 'approved-by-workshop') throw new Error(`the motion of ${m.theme} is ${status}, not approved by its workshop`);
    approved.push(m);
  }
  return { ...seated, addressed, other, plenary, coConstruction, drafted, approved };
}

async function run(browser, width, fx) {
  const csp = [];
  const fresh = async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const seen = cspViolations(page);
    page.on('close', () => csp.push(...seen));
    return { context, page };
  };
  let { context, page } = await fresh();
  const shot = async (state) => {
    await audit(page, check, SHOTS, `console-recommendations-${state}-${width}`, `${width}px ${state}`);
    const overflow = await horizontalOverflow(page);
    check(overflow <= 0, `${width}px ${state}: no horizontal scrolling (overflow ${overflow}px)`);
  };
  const section = `/console/${encodeURIComponent(fx.assembly)}/recommandations`;

  // The department.
  const subject = `reco-${width}`;
  await signInStaff(page, BASE, 'city-service', subject, { department: DEPARTMENT, backTo: section });
  const main = page.locator('main');
  const article = main.locator(`article[data-recommendation="${fx.addressed.id}"]`);
  await article.waitFor();
  check(await main.locator(`article[data-recommendation="${fx.other.id}"]`).count() === 0,
    `${width}px: the department sees only the recommendation addressed to it`);
  for (const name of ['Scrutins', 'Vœux', 'Adopter (décision de l’atelier)', 'Adresser aux directions'])
    check(await main.getByRole('link', { name, exact: true }).or(main.getByRole('button', { name, exact: true })).count() === 0,
      `${width}px: the department is not offered "${name}"`);
  await shot('department');

  const ids = { text: `feedback-${fx.addressed.id}-text`, cost: `feedback-${fx.addressed.id}-cost` };
  await article.getByLabel('Faisabilité').fill('Faisable en deux ans, école par école.');
  await article.getByRole('button', { name: 'Envoyer l’avis' }).click();
  await page.waitForFunction((id) => document.activeElement?.id === id, ids.text);
  check((await describedBy(page, ids.text)).includes('Écrivez l’avis de la direction'), `${width}px: an empty opinion is said next to its field`);
  await shot('department-missing');
  await article.getByLabel('Avis de la direction').fill('La direction de la voirie soutient la mesure.');
  await article.getByLabel('Coût estimé').fill('x'.repeat(501));
  await article.getByRole('button', { name: 'Envoyer l’avis' }).click();
  await page.waitForFunction((id) => document.activeElement?.id === id, ids.cost);
  check((await describedBy(page, ids.cost)).includes('Refusé par le service'), `${width}px: a cost estimate too long is refused by the service next to its field`);
  await shot('department-refused');
  const before = (await api('GET', 'recommendations', `/v1/recommendations/${fx.addressed.id}/feedback`)).items.length;
  const cost = `1,2 M€ sur deux ans (${width} px)`;
  await article.getByLabel('Coût estimé').fill(cost);
  await article.getByRole('button', { name: 'Envoyer l’avis' }).click();
  await article.getByText('Votre avis est enregistré').waitFor();
  await article.locator('[data-feedback]').getByText(cost).waitFor();
  const feedback = (await api('GET', 'recommendations', `/v1/recommendations/${fx.addressed.id}/feedback`)).items;
  check(feedback.length === before + 1 && feedback.at(-1).department === DEPARTMENT && feedback.at(-1).cost_estimate === cost,
    `${width}px: the feedback is kept once, in the token's department (${feedback.at(-1)?.department})`);
  await shot('department-answered');

  // The service refuses the secretariat's actions to the department's token, nothing changed.
  const dept = token('city-service', subject, DEPARTMENT);
  const closes = new Date(Date.now() + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const ballotsBefore = (await api('GET', 'recommendations', `/v1/ballots?assembly_id=${fx.assembly}`)).items.length;
  const refused = async (method, route, body) =>
    (await fetch(`${BASE}/api/recommendations${route}`, {
      method,
      headers: { Authorization: `Bearer ${dept}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })).status;
  check(await refused('POST', '/v1/ballots', { assembly_id: fx.assembly, question: 'Q ?', rule: 'simple-majority', quorum: 0, secret: false, closes_at: closes }) === 403,
    `${width}px: the service refuses the department's token to open a ballot (403)`);
  check((await api('GET', 'recommendations', `/v1/ballots?assembly_id=${fx.assembly}`)).items.length === ballotsBefore, `${width}px: no ballot was opened`);
  check(await refused('PUT', `/v1/recommendations/${fx.other.id}/departments`, { departments: [DEPARTMENT] }) === 403,
    `${width}px: the service refuses the department's token to address a recommendation (403)`);
  check((await api('GET', 'recommendations', `/v1/recommendations/${fx.other.id}`)).departments.length === 0, `${width}px: the recommendation is addressed to nobody still`);
  await context.close();

  // The secretariat.
  ({ context, page } = await fresh());
  await signInStaff(page, BASE, 'secretariat', `web-console-reco-${width}`, { backTo: section });
  const smain = page.locator('main');
  const draftItem = smain.locator(`article[data-recommendation="${fx.other.id}"]`);
  await draftItem.getByRole('button', { name: 'Accepter l’amendement' }).waitFor();
  await shot('secretariat-recommendations');

  await smain.getByRole('link', { name: 'Scrutins' }).click();
  await page.waitForURL((url) => url.pathname === `${section}/scrutins`);
  const openBallot = async (question, mode) => {
    await smain.getByLabel('Question').fill(question);
    if (mode) await smain.locator('label', { hasText: mode }).click();
    await smain.getByRole('button', { name: 'Ouvrir le scrutin' }).click();
    await smain.getByText('Le scrutin est ouvert.').waitFor();
    const card = smain.locator('article', { hasText: question });
    await card.waitFor();
    return { card, id: await card.getAttribute('data-ballot') };
  };

  // An online ballot: the turnout moves as members vote.
  const question = `Faut-il des rues scolaires partout ? (${width} px)`;
  const { card, id } = await openBallot(question);
  await card.getByText('Participation : 0 sur 4').waitFor();
  check(await card.getByText(/Relevé à \d{2}:\d{2}:\d{2}/).count() === 1, `${width}px: the time of the last reading is said`);
  await shot('ballot-open');
  for (const [i, choice] of ['for', 'for', 'against'].entries())
    await call(BASE, 'recommendations', 'POST', `/v1/ballots/${id}/votes`, { choice }, { bearer: token('member', fx.members[i].id) });
  await card.getByText('Participation : 3 sur 4 (75 %)').waitFor({ timeout: 15000 });
  check((await api('GET', 'recommendations', `/v1/ballots/${id}`)).voted === 3 && await card.getByText('Participation : 3 sur 4 (75 %)').count() === 1,
    `${width}px: the turnout moved to 3 of 4 as members voted`);
  await shot('ballot-turnout');
  await card.getByRole('button', { name: 'Clore le scrutin' }).click();
  const results = card.locator(`#ballot-${id}-results`);
  await results.waitFor();
  const cell = async (name) => (await results.getByRole('row', { name: new RegExp(`^${name}`) }).locator('td').textContent())?.trim();
  check(await cell('Pour') === '2' && await cell('Contre') === '1' && await cell('Abstention') === '0',
    `${width}px: the results are the votes cast (2 for, 1 against)`);
  check(await card.getByText('Adopté').count() >= 1, `${width}px: the outcome is said (adopted)`);
  await shot('ballot-results');

  // A show of hands: the tally entered by the secretariat.
  const hands = await openBallot(`Le règlement intérieur est-il adopté ? (${width} px)`, 'À main levée');
  const tally = hands.card;
  await tally.getByRole('heading', { name: 'Décompte des mains levées' }).waitFor();
  await shot('hands-open');
  await tally.getByLabel('Pour').fill('3');
  await tally.getByLabel('Contre').fill('2');
  await tally.getByLabel('Abstention').fill('0');
  await tally.getByRole('button', { name: 'Enregistrer le décompte' }).click();
  await page.waitForFunction((x) => document.activeElement?.id === x, `tally-${hands.id}-for`);
  const described = await Promise.all(['for', 'against', 'abstain'].map((k) => describedBy(page, `tally-${hands.id}-${k}`)));
  check(described.every((d) => d.includes('Refusé par le service')), `${width}px: more hands than electors: the service's refusal next to each count`);
  check((await api('GET', 'recommendations', `/v1/ballots/${hands.id}/tallies`)).items.length === 0, `${width}px: the refused tally was not kept`);
  await shot('hands-refused');
  await tally.getByLabel('Contre').fill('1');
  await tally.getByRole('button', { name: 'Enregistrer le décompte' }).click();
  await tally.getByText('Décompte enregistré.').waitFor();
  const entries = tally.locator('[data-tallies] li');
  await entries.first().waitFor();
  const kept = (await api('GET', 'recommendations', `/v1/ballots/${hands.id}/tallies`)).items;
  check(kept.length === 1 && kept[0].for === 3 && (await entries.first().textContent()).includes(kept[0].recorded_by),
    `${width}px: the tally is kept and listed with who recorded it (${kept[0]?.recorded_by})`);
  await tally.getByText('Participation : 4 sur 4').waitFor({ timeout: 15000 });
  await shot('hands-recorded');
  await tally.getByRole('button', { name: 'Clore le scrutin' }).click();
  await tally.locator(`#ballot-${hands.id}-results`).waitFor();
  check(((await tally.locator(`#ballot-${hands.id}-results`).getByRole('row', { name: /^Pour/ }).locator('td').textContent()) ?? '').trim() === '3',
    `${width}px: the show of hands' results are its tally`);
  await shot('hands-results');

  // The motions: a new version of the drafted motion's text.
  await smain.getByRole('link', { name: 'Vœux', exact: true }).click();
  await page.waitForURL((url) => url.pathname === `${section}/voeux`);
  const drafted = smain.locator(`article[data-motion="${fx.drafted.id}"]`);
  await drafted.getByRole('button', { name: 'Enregistrer la version' }).waitFor();
  await shot('motions');
  const versionsBefore = (await api('GET', 'recommendations', `/v1/motions/${fx.drafted.id}/versions`)).items.length;
  const line = `Une rue aux enfants par quartier (${width} px).`;
  const vid = (f) => `motion-${fx.drafted.id}-version-${f}`;
  await page.locator(`#${vid('text')}`).fill(`Des rues scolaires devant chaque école.\n${line}\n`);
  await page.locator(`#${vid('session')}`).selectOption(fx.coConstruction.id);
  await page.locator(`#${vid('kind')}`).selectOption('department');
  await page.locator(`#${vid('organisation')}`).fill('Direction de la voirie et des déplacements');
  await drafted.getByRole('button', { name: 'Enregistrer la version' }).click();
  await drafted.getByText(`La version ${versionsBefore + 1} est enregistrée`).waitFor();
  const versions = (await api('GET', 'recommendations', `/v1/motions/${fx.drafted.id}/versions`)).items;
  const last = versions.at(-1);
  check(versions.length === versionsBefore + 1 && last.text.includes(line) && last.session_id === fx.coConstruction.id
    && last.proposed_by?.kind === 'department' && last.proposed_by?.organisation === 'Direction de la voirie et des déplacements',
  `${width}px: the new version is kept with its session and its proposer (version ${last?.version})`);
  await drafted.locator('[data-diff] pre', { hasText: `+ ${line}` }).waitFor();
  check(await drafted.locator('[data-diff] pre', { hasText: `+ ${line}` }).count() === 1, `${width}px: what the version changed is shown (the service's diff)`);
  await shot('motion-version');

  // The debate on an approved motion: a name without consent first, then the record.
  const motion = fx.approved[width === 1280 ? 0 : 1];
  const debated = smain.locator(`article[data-motion="${motion.id}"]`);
  const did = (f) => `motion-${motion.id}-debate-${f}`;
  await page.locator(`#${did('plenary_session_id')}`).selectOption(fx.plenary.id);
  await page.locator(`#${did('presentation-summary')}`).fill('Les porte-parole présentent le vœu de l’atelier.');
  await page.locator(`#${did('presentation-speakers-0-name')}`).fill('Awa Diallo');
  await debated.getByRole('button', { name: 'Ajouter une intervention' }).click();
  await page.locator(`#${did('interventions-0-role')}`).selectOption('department');
  await page.locator(`#${did('interventions-0-summary')}`).fill('La direction estime le coût à deux millions.');
  await page.locator(`#${did('summary')}`).fill(`Un débat vif ; le vœu est soutenu (${width} px).`);
  await debated.getByRole('button', { name: 'Enregistrer le débat' }).click();
  await page.waitForFunction((x) => document.activeElement?.id === x, did('presentation-speakers-0-name'));
  check((await describedBy(page, did('presentation-speakers-0-name'))).includes('qu’avec l’accord de la personne'),
    `${width}px: a name without the speaker's consent is said next to it`);
  const noDebate = await call(BASE, 'recommendations', 'GET', `/v1/motions/${motion.id}/debate`, undefined, { expect: [200, 404] });
  check(!noDebate?.summary, `${width}px: nothing was recorded`);
  await shot('debate-fault');
  await page.locator(`label[for="${did('presentation-speakers-0-name_consent-0')}"]`).click();
  await debated.getByRole('button', { name: 'Enregistrer le débat' }).click();
  await debated.locator('[data-debate]').waitFor();
  const debate = await api('GET', 'recommendations', `/v1/motions/${motion.id}/debate`);
  check(debate.plenary_session_id === fx.plenary.id && debate.presentation.speakers[0]?.name === 'Awa Diallo'
    && debate.presentation.speakers[0]?.role === 'spokesperson' && debate.interventions[0]?.role === 'department'
    && debate.interventions[0]?.name === null && debate.summary.includes(`(${width} px)`),
  `${width}px: the debate is kept as entered (roles, the consented name, the summary)`);
  check(await debated.getByRole('button', { name: 'Enregistrer le débat' }).count() === 0
    && (await debated.locator('[data-debate]').textContent()).includes('Awa Diallo (porte-parole du vœu)'),
  `${width}px: once recorded, the debate is shown as recorded`);
  await shot('debate-recorded');

  // The department's token is refused both routes, nothing changed.
  check(await refused('POST', `/v1/motions/${fx.drafted.id}/versions`, {
    title: 'T', text: 'x\n', session_id: fx.coConstruction.id, proposed_by: { kind: 'secretariat' },
  }) === 403, `${width}px: the service refuses the department's token to propose a version (403)`);
  check(await refused('PUT', `/v1/motions/${motion.id}/debate`, {
    plenary_session_id: fx.plenary.id, presentation: { summary: 'x', speakers: [] }, summary: 'changé',
  }) === 403, `${width}px: the service refuses the department's token to record the debate (403)`);
  check((await api('GET', 'recommendations', `/v1/motions/${fx.drafted.id}/versions`)).items.length === versions.length
    && (await api('GET', 'recommendations', `/v1/motions/${motion.id}/debate`)).summary === debate.summary,
  `${width}px: the versions and the debate are unchanged`);

  // The department's token cannot enter or close a tally either.
  check(await refused('POST', `/v1/ballots/${hands.id}/tallies`, { for: 1, against: 0, abstain: 0, reason: 'x' }) === 403,
    `${width}px: the service refuses the department's token to enter a tally (403)`);
  check(await refused('POST', `/v1/ballots/${id}/close`, {}) === 403, `${width}px: the service refuses the department's token to close a ballot (403)`);
  check((await api('GET', 'recommendations', `/v1/ballots/${hands.id}/tallies`)).items.length === 1, `${width}px: the tallies are unchanged`);
  await context.close();
  check(csp.length === 0, `${width}px: no Content Security Policy violation${csp.length ? `: ${csp.join(' | ')}` : ''}`);
}

async function main() {
  await reachable(BASE);
  const fx = await fixture();
  const browser = await launch();
  try {
    for (const width of [1280, 320]) await run(browser, width, fx);
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${SHOTS}`);
  finish();
}

main().catch((e) => {
  console.error(`console-recommendations: ${e instanceof StackError ? '' : 'error: '}${e.message}`);
  process.exit(e instanceof StackError ? 2 : 1);
});
