#!/usr/bin/env node
// The console's Council and follow-up screens in a real browser (headless Chromium,
// playwright-core) against the running stack through the gateway, Keycloak's own login page
// included:
//   node tests/a11y/console-followup.mjs [--base URL] [--shots DIR]
// Sets up through the real APIs (lib/council-fixture.mjs) an assembly whose workshop's motion,
// carrying a recommendation co-constructed with the department, was voted and sent to the
// Council: the followup service learns it from Kafka. Then, at 1280 px wide:
// - the Council clerk signs in, creates a Council session, records the debate with a group's
//   position, then the decision: nothing chosen (said next to the fields, the first focused), a
//   vote that does not carry an adoption (the service's refusal said next to the votes for), then
//   an adoption, read back from the service;
// - the department (a city-service account of department DAC) signs in: the Council's section
//   is not in its menu, its address says it is not open, and the service refuses the clerk's
//   actions with its token (403); it records a commitment on its recommendation (nothing chosen:
//   said next to the fields) with a milestone due yesterday (flagged overdue), a link as
//   evidence, a document as evidence and some progress; the commitment is its token's
//   department's. The document: nothing labelled or chosen (said next to the fields, the label
//   focused), a PNG named .pdf and an HTML page named .pdf (refused by the service, by their
//   bytes, next to the file field; nothing kept), then a small real PDF made here: shown in the
//   evidence list and on the timeline as a "document" at its stable address, on the commitment
//   the service holds, and that address downloads the same bytes as an attachment; the
//   secretariat's and another department's tokens are refused the upload route (403);
// - the secretariat signs in: sets the report schedule, compiles report 1 (preview; a reload
//   shows it again, read from the service), publishes it (the department's token is refused
//   that, 403); the dashboard shows the service's figures; the public transparency page shows
//   the report and the commitment with its evidence document, whose link downloads the same
//   bytes; the secretariat's view of the commitment shows the document and offers no upload.
// Then at 320 px, each screen again as its role sees it. On every state: axe-core (WCAG 2.0/2.1
// A and AA, zero violations), no Content Security Policy violation, no horizontal scrolling, a
// full-page screenshot (DIR/console-followup-<state>-<width>.png, default var/screenshots/console/).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import { motionSentToCouncil } from './lib/council-fixture.mjs';
import { signInStaff } from './lib/console.mjs';
import { audit, checks, cspViolations, describedBy, horizontalOverflow, overflowing, launch, options, StackError } from './lib/page-audit.mjs';
import { call, reachable, staffApi, token } from './lib/stack.mjs';

const TIMEOUT_MS = 60000;
const { base: BASE, shots: SHOTS } = options('var/screenshots/console');
const { check, finish } = checks('console follow-up');
const api = staffApi(BASE, 'web-console-followup');
const DEPARTMENT = 'DAC';
const SUBJECT = `console-followup-${Date.now().toString(36)}`;
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const DOCUMENT_LABEL = 'Délibération du Conseil sur les horaires';
// A small real PDF (one empty page), and what is not one.
const PDF = Buffer.from(`%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
trailer << /Root 1 0 R >>
% ${SUBJECT}
%%EOF
`);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');

// A document's stable address read as the public reads it (the 302 followed): its bytes and headers.
async function download(address) {
  const r = await fetch(`${BASE}${address}`);
  return { status: r.status, bytes: Buffer.from(await r.arrayBuffer()), disposition: r.headers.get('content-disposition') ?? '' };
}

// Whether the service answers `status` to this call with this token.
const answers = (status, bearer, service, method, route, body, type = 'application/json') =>
  call(BASE, service, method, route, body, { bearer, type, expect: [status] }).then(() => true, () => false);

function session(browser, width, csp) {
  return async (role, backTo, extra = {}) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const seen = cspViolations(page);
    page.on('close', () => csp.push(...seen));
    await signInStaff(page, BASE, role, SUBJECT, { backTo, ...extra });
    const shot = async (state) => {
      await audit(page, check, SHOTS, `console-followup-${state}-${width}`, `${width}px ${state}`);
      const overflow = await horizontalOverflow(page);
      check(overflow <= 0, `${width}px ${state}: no horizontal scrolling (overflow ${overflow}px${overflow > 0 ? `: ${await overflowing(page)}` : ''})`);
    };
    return { context, page, shot, main: page.locator('#console-section') };
  };
}

async function clerkDecides(open, f) {
  const { context, page, shot, main } = await open('council-clerk', `/console/${f.assembly}/conseil`);
  await main.getByRole('heading', { level: 1, name: 'Le Conseil de Paris' }).waitFor();
  await shot('council');
  await page.locator('#council-session-name').fill(`Conseil de Paris, séance du ${day(0)} (${SUBJECT})`);
  await page.locator('#council-session-day').fill(day(0));
  await page.getByRole('button', { name: 'Créer la séance' }).click();
  await main.getByText('est créée').waitFor();
  // The motion waiting goes by itself on the first session held today or later (this one, or
  // one another test made today): its row links to its agenda item.
  const motionLink = main.getByRole('link', { name: f.title });
  await motionLink.waitFor();
  await shot('council-session');
  await motionLink.click();
  await main.getByRole('heading', { level: 1, name: f.title }).waitFor();
  check(await main.getByText(f.recommendationTitle).count() === 1, 'the agenda item lists the recommendation the motion carries');
  await shot('council-item');

  await page.locator('#debate-presentation').fill('Les deux porte-parole présentent le vœu.');
  await page.locator('#debate-summary').fill('Débat nourri.');
  await page.locator('#debate-group-0').fill('Groupe écologiste');
  await page.locator('#debate-position-0').selectOption('for');
  await page.getByRole('button', { name: 'Enregistrer le débat' }).click();
  await main.getByText('Le débat est enregistré.').waitFor();
  await main.getByRole('cell', { name: 'pour' }).first().waitFor();

  // Nothing chosen: said next to the fields; the first takes the focus; nothing sent.
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'decision-kind');
  check((await describedBy(page, 'decision-kind')).includes('Choisissez la décision'), 'a missing decision is said next to its field');
  check((await describedBy(page, 'decision-for')).includes('nombre entier'), 'a missing count is said next to its field');
  await shot('council-decision-missing');
  // An adoption the vote does not carry: the service refuses it, said next to the votes for.
  await page.locator('#decision-kind').selectOption('adopted');
  await page.locator('#decision-for').fill('10');
  await page.locator('#decision-against').fill('90');
  await page.locator('#decision-abstentions').fill('0');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'decision-for');
  check((await describedBy(page, 'decision-for')).includes('Refusé par le service'), `the service's refusal of the vote is said next to the votes for (${await describedBy(page, 'decision-for')})`);
  await shot('council-decision-refused');
  await page.locator('#decision-for').fill('120');
  await page.locator('#decision-against').fill('20');
  await page.locator('#decision-abstentions').fill('23');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await main.getByText('Adopté', { exact: true }).first().waitFor();
  const dossier = await api('GET', 'followup', `/v1/dossiers/${f.dossierId}`);
  check(dossier.stage === 'decided', `the service has the Council's decision (dossier ${dossier.stage})`);
  await shot('council-decided');
  f.itemUrl = new URL(page.url()).pathname;
  const sessions = await api('GET', 'followup', '/v1/council-sessions');
  f.itemId = sessions.items.flatMap((s) => s.agenda).find((i) => i.dossier_id === f.dossierId).id;
  await context.close();
}

async function departmentCommits(open, f) {
  const { context, page, shot, main } = await open('city-service', `/console/${f.assembly}/suivi`, { department: DEPARTMENT });
  await main.getByRole('heading', { level: 1, name: 'Le suivi des engagements' }).waitFor();
  const menu = await page.locator('nav').allTextContents();
  check(!menu.join(' ').includes('Conseil de Paris'), 'the department\'s menu has no Council section');
  await shot('department');
  const city = token('city-service', SUBJECT, DEPARTMENT);
  check(await answers(403, city, 'followup', 'POST', '/v1/council-sessions', { name: 'x', held_on: day(0) }),
    'the service refuses the department a Council session (403)');
  check(await answers(403, city, 'followup', 'PUT', `/v1/agenda-items/${f.itemId}/debate`, { summary: 'x' }),
    'the service refuses the department the debate (403)');
  check(await answers(403, city, 'followup', 'POST', `/v1/agenda-items/${f.itemId}/decision`,
    { decision: 'rejected', votes_for: 0, votes_against: 1, abstentions: 0 }), 'the service refuses the department the decision (403)');

  await main.getByRole('link', { name: 'Prendre un engagement' }).click();
  await main.getByRole('heading', { level: 1, name: 'Un nouvel engagement' }).waitFor();
  await page.getByRole('button', { name: 'Enregistrer l’engagement' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'commitment-recommendation');
  check((await describedBy(page, 'commitment-title')).includes('Donnez un intitulé'), 'a missing title is said next to its field');
  await shot('commitment-missing');
  check(await page.locator('#commitment-recommendation optgroup[label="Adressées à votre direction"] option', { hasText: f.recommendationTitle }).count() === 1,
    'the recommendation of the workshop that works with the department is offered first, as addressed to it');
  await page.locator('#commitment-recommendation').selectOption(f.recommendationId);
  await page.locator('#commitment-title').fill('Ouvrir dix bibliothèques le dimanche');
  await page.locator('#commitment-official').fill('L’adjointe chargée de la culture');
  await page.locator('#commitment-milestone-0-title').fill('Délibération au Conseil');
  await page.locator('#commitment-milestone-0-due').fill(day(-1));
  await page.getByRole('button', { name: 'Enregistrer l’engagement' }).click();
  await main.getByRole('heading', { level: 1, name: 'Ouvrir dix bibliothèques le dimanche' }).waitFor();
  f.commitmentUrl = new URL(page.url()).pathname;
  f.commitmentId = f.commitmentUrl.split('/').at(-1);
  check(await main.getByRole('row', { name: /Délibération au Conseil.*En retard/ }).count() === 1, 'the milestone due yesterday is flagged overdue');
  await page.locator('#evidence-url').fill('https://www.paris.fr/bibliotheques');
  await page.locator('#evidence-label').fill('Les bibliothèques sur paris.fr');
  await page.getByRole('button', { name: 'Ajouter la preuve' }).click();
  // In the evidence list and on the timeline's step that added it.
  await main.getByRole('link', { name: 'Les bibliothèques sur paris.fr' }).first().waitFor();
  check(await main.getByRole('link', { name: 'Les bibliothèques sur paris.fr' }).count() === 2, 'the link is in the evidence and on the timeline');
  await uploadsEvidence(page, main, shot, f);
  await page.locator('#commitment-progress').fill('30');
  await page.getByRole('button', { name: 'Enregistrer l’avancement' }).click();
  await main.getByText('L’avancement est enregistré.').waitFor();
  await main.getByText('30 %').first().waitFor();
  await shot('commitment');
  const made = await api('GET', 'followup', `/v1/commitments/${f.commitmentId}`);
  check(made.department === DEPARTMENT && made.recommendation_id === f.recommendationId && made.progress === 30
    && made.milestones.length === 1 && made.milestones_overdue === 1 && made.evidence.length === 2,
  `the service has the commitment of the token's department, its milestone, evidence and progress (${JSON.stringify(made).slice(0, 200)})`);
  await page.goto(`${BASE}/console/${f.assembly}/conseil`, { waitUntil: 'networkidle' });
  await main.getByRole('heading', { level: 1, name: 'Cette partie ne vous est pas ouverte' }).waitFor();
  check(await page.getByRole('button', { name: 'Enregistrer la décision' }).count() === 0, 'the Council\'s address is not open to the department');
  await shot('department-council');
  await context.close();
}

// The department's document as evidence, on its commitment's page.
async function uploadsEvidence(page, main, shot, f) {
  const evidence = async () => (await api('GET', 'followup', `/v1/commitments/${f.commitmentId}`)).evidence;
  const before = await evidence();
  await main.getByRole('heading', { level: 3, name: 'Ajouter un document' }).waitFor();
  // Nothing labelled, nothing chosen: said next to both fields, the label focused, nothing sent.
  await page.getByRole('button', { name: 'Envoyer le fichier' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'evidence-file-label');
  check((await describedBy(page, 'evidence-file-label')).includes('Donnez un intitulé au document'), 'a missing label is said next to its field');
  check((await describedBy(page, 'evidence-file-input')).includes('Choisissez un fichier'), 'a missing file is said next to its field');
  await shot('evidence-missing');
  // What the browser takes for a PDF by its name but is not one: refused by the service, by its
  // bytes, next to the file field; nothing kept.
  await page.locator('#evidence-file-label').fill(DOCUMENT_LABEL);
  for (const [name, buffer] of [['photo.pdf', PNG], ['page.pdf', HTML]]) {
    await page.locator('#evidence-file-input').setInputFiles({ name, mimeType: 'application/pdf', buffer });
    const answered = page.waitForResponse((r) => r.url().includes('/evidence/file') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Envoyer le fichier' }).click();
    check((await answered).status() === 422, `${name}: the service refuses it (422)`);
    await page.waitForFunction(() => document.activeElement?.id === 'evidence-file-input');
    const said = await describedBy(page, 'evidence-file-input');
    // Its own words: a PNG declared as a PDF is named as one; HTML is of no accepted type.
    check(said.includes(name === 'photo.pdf' ? 'PNG' : 'no accepted type'), `${name}: the service's refusal is said next to the file field (${said})`);
    if (name === 'photo.pdf') await shot('evidence-refused');
  }
  check((await evidence()).length === before.length, 'the refused files are not kept as evidence');
  // Another department's and the secretariat's tokens: refused the route (403).
  const route = `/v1/commitments/${f.commitmentId}/evidence/file?label=x`;
  check(await answers(403, token('city-service', `${SUBJECT}-dvd`, 'DVD'), 'followup', 'POST', route, PDF, 'application/pdf'),
    'the service refuses another department the upload (403)');
  check(await answers(403, token('secretariat', SUBJECT), 'followup', 'POST', route, PDF, 'application/pdf'),
    'the service refuses the secretariat the upload (403)');
  // A real PDF: kept, shown as a document in the list and on the timeline.
  await page.locator('#evidence-file-input').setInputFiles({ name: 'deliberation.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Envoyer le fichier' }).click();
  await main.getByText('Fichier conservé : deliberation.pdf').waitFor();
  const links = main.getByRole('link', { name: DOCUMENT_LABEL });
  await page.waitForFunction(() => [...document.querySelectorAll('#console-section a')]
    .filter((a) => a.textContent === 'Délibération du Conseil sur les horaires').length === 2);
  const kept = (await evidence()).find((e) => e.label === DOCUMENT_LABEL);
  check(kept?.url?.startsWith('/api/followup/v1/documents/') && (await evidence()).length === before.length + 1,
    `the service has the document as evidence at its stable address (${JSON.stringify(kept)})`);
  f.documentUrl = kept?.url;
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  check(hrefs.length === 2 && hrefs.every((h) => h === kept?.url), `the evidence list and the timeline link the document's address (${hrefs})`);
  const items = await main.locator('li', { has: page.getByRole('link', { name: DOCUMENT_LABEL }) }).allTextContents();
  check(items.length === 2 && items.every((t) => t.includes('(document)')), `both say it is a document (${items.join(' | ')})`);
  check(await page.locator('#evidence-file-label').inputValue() === '', 'the label is emptied once the document is kept');
  const got = await download(kept?.url);
  check(got.status === 200 && got.bytes.equals(PDF) && got.disposition.startsWith('attachment'),
    `the document's address downloads the same bytes as an attachment (${got.status}, ${got.bytes.length} bytes, ${got.disposition})`);
  await shot('evidence-document');
}

async function secretariatPublishes(open, f) {
  const { context, page, shot, main } = await open('secretariat', `/console/${f.assembly}/suivi`);
  await main.getByRole('heading', { level: 1, name: 'Le suivi des engagements' }).waitFor();
  await main.getByRole('link', { name: 'Ouvrir dix bibliothèques le dimanche' }).waitFor();
  check(await main.getByRole('link', { name: 'Prendre un engagement' }).count() === 0, 'the secretariat is not offered to make a commitment');
  await page.locator('#schedule-first').fill(day(0));
  await page.getByRole('button', { name: 'Enregistrer le calendrier' }).click();
  await main.getByText('Le calendrier est enregistré.').waitFor();
  await main.getByRole('link', { name: 'Rapport n° 1' }).waitFor();
  await shot('reports');
  await main.getByRole('link', { name: 'Rapport n° 1' }).click();
  await main.getByRole('heading', { level: 1, name: 'Rapport n° 1' }).waitFor();
  f.reportUrl = new URL(page.url()).pathname;
  f.reportId = f.reportUrl.split('/').at(-1);
  check(await answers(403, token('city-service', SUBJECT, DEPARTMENT), 'followup', 'POST', `/v1/reports/${f.reportId}/compile`, {}),
    'the service refuses the department compiling a report (403)');
  await page.locator('#report-summary').fill('Premier rapport : les engagements de la Ville après le vote du Conseil.');
  await page.getByRole('button', { name: 'Compiler' }).click();
  await main.getByRole('heading', { level: 2, name: 'Aperçu avant publication' }).waitFor();
  await main.getByRole('row', { name: /Ouvrir dix bibliothèques le dimanche/ }).waitFor();
  await shot('report-preview');
  // The compiled report is the service's: a reload shows the preview again.
  await page.reload({ waitUntil: 'networkidle' });
  await main.getByRole('heading', { level: 2, name: 'Aperçu avant publication' }).waitFor();
  check(await main.getByRole('button', { name: 'Publier le rapport' }).count() === 1, 'after a reload, the compiled report is previewed and may be published');
  check(await answers(403, token('city-service', SUBJECT, DEPARTMENT), 'followup', 'POST', `/v1/reports/${f.reportId}/publish`, {}),
    'the service refuses the department publishing (403)');
  await main.getByRole('button', { name: 'Publier le rapport' }).click();
  await main.getByText('Rapport publié le').waitFor();
  await shot('report-published');
  const report = await api('GET', 'followup', `/v1/reports/${f.reportId}`);
  check(report.status === 'published' && report.snapshot?.commitments?.length === 1, `the service has the report published (${report.status})`);

  await page.goto(`${BASE}/console/${f.assembly}/tableau-suivi`, { waitUntil: 'networkidle' });
  await main.getByRole('heading', { level: 1, name: 'Tableau de bord du suivi' }).waitFor();
  const figures = await api('GET', 'followup', `/v1/assemblies/${f.assembly}/follow-up-figures`);
  const text = await main.textContent();
  check(figures.milestones_overdue === 1 && figures.reports_published === 1 && figures.commitments['in-progress'] === 1,
    `the service's figures (${JSON.stringify(figures)})`);
  check(await main.getByRole('row', { name: /En cours\s*1/ }).count() === 1, 'the dashboard\'s table says one commitment in progress');
  check(/1\s*jalons en retard/.test(text) && /1\s*rapports publiés/.test(text), 'the dashboard shows the overdue milestone and the report published');
  check(await main.getByRole('link', { name: /Délibération au Conseil/ }).count() === 1, 'the overdue milestone is listed with a link');
  await shot('dashboard');
  f.dashboardUrl = new URL(page.url()).pathname;

  // The commitment as the secretariat reads it: the document shown, no upload offered.
  await page.goto(`${BASE}${f.commitmentUrl}`, { waitUntil: 'networkidle' });
  await main.getByRole('heading', { level: 1, name: 'Ouvrir dix bibliothèques le dimanche' }).waitFor();
  check(await main.getByRole('link', { name: DOCUMENT_LABEL }).count() === 2, 'the secretariat sees the document in the evidence and on the timeline');
  check(await page.locator('#evidence-file-input').count() === 0 && await main.getByText('Ajouter un document').count() === 0,
    'the secretariat is not offered the upload');
  await shot('commitment-secretariat');
  await context.close();
}

// The public transparency page as anyone reads it (signed out): the commitment, the report, the
// evidence document, whose link downloads the bytes uploaded.
async function publicReads(browser, width, csp, f) {
  const visitor = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await visitor.newPage();
  const seen = cspViolations(page);
  await page.goto(`${BASE}/transparence/${f.assembly}`, { waitUntil: 'networkidle' });
  const pub = await page.locator('main').textContent();
  check(pub.includes('Ouvrir dix bibliothèques le dimanche') && pub.includes('Premier rapport'),
    `${width}px: the public transparency page shows the commitment and the published report`);
  const links = await page.locator('main a', { hasText: DOCUMENT_LABEL }).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  check(links.length === 1 && links[0] === f.documentUrl, `${width}px: the public page links the evidence document at its address (${links})`);
  if (width === 1280) {
    const got = await download(links[0] ?? f.documentUrl);
    check(got.status === 200 && got.bytes.equals(PDF) && got.disposition.startsWith('attachment'),
      `the public page's link downloads the same bytes as an attachment (${got.status}, ${got.disposition})`);
  }
  await audit(page, check, SHOTS, `console-followup-transparency-${width}`, `${width}px transparency page`);
  const overflow = await horizontalOverflow(page);
  check(overflow <= 0, `${width}px transparency page: no horizontal scrolling (overflow ${overflow}px)`);
  csp.push(...seen);
  await visitor.close();
}

// At a narrow width, each screen again as its role sees it.
async function revisit(open, f) {
  for (const [role, urls, extra] of [
    ['council-clerk', [['council', `/console/${f.assembly}/conseil`], ['council-decided', f.itemUrl]], {}],
    ['city-service', [['department', `/console/${f.assembly}/suivi`], ['commitment', f.commitmentUrl]], { department: DEPARTMENT }],
    ['secretariat', [['reports', `/console/${f.assembly}/suivi`], ['report-published', f.reportUrl], ['dashboard', f.dashboardUrl],
      ['commitment-secretariat', f.commitmentUrl]], {}],
  ]) {
    const { context, page, shot, main } = await open(role, urls[0][1], extra);
    for (const [state, url] of urls) {
      await page.goto(`${BASE}${url}`, { waitUntil: 'networkidle' });
      await main.getByRole('heading', { level: 1 }).waitFor();
      await shot(state);
    }
    await context.close();
  }
}

try {
  await reachable(BASE);
  const title = `Vœu pour les bibliothèques ${SUBJECT}`;
  const f = { title, ...(await motionSentToCouncil(api, BASE, call, { department: DEPARTMENT, title })) };
  console.log(`fixture: assembly ${f.assembly}, dossier ${f.dossierId}`);
  const browser = await launch();
  try {
    const csp = [];
    const wide = session(browser, 1280, csp);
    await clerkDecides(wide, f);
    await departmentCommits(wide, f);
    await secretariatPublishes(wide, f);
    await publicReads(browser, 1280, csp, f);
    await revisit(session(browser, 320, csp), f);
    await publicReads(browser, 320, csp, f);
    check(csp.length === 0, `no Content Security Policy violation (${csp.join(' | ')})`);
  } finally {
    await browser.close();
  }
} catch (e) {
  console.error(e instanceof StackError ? `stack: ${e.message}` : e);
  process.exit(2);
}
finish();
