#!/usr/bin/env node
// The console's recruitment and panel in a real browser (headless Chromium, playwright-core)
// against the running stack through the gateway, Keycloak's own login page included:
//   node tests/a11y/console-recruitment.mjs [--base URL] [--shots DIR]
// The secretariat signs in; imports a small roll from a file with one bad line (the import is
// refused, the line named with its reason, nothing kept), then the roll without it (accepted);
// an import cut short is found again from its address after a reload and cancelled (nothing
// left); draws invitations (the seed's commitment, then the draw); downloads the mailing list;
// has the invitation letters made (refused input first), downloads them, erases them;
// answers come in (as residents answer, through the public answer API, and by phone through the
// page); follows them by criterion against the roll's shares; writes the quotas in the editor
// (a CSV in the Sortition Foundation's layout read in, a cell at fault refused next to it),
// checks they can be met, draws the panel, watches it and sees the result, the fairness and each
// volunteer's probability; cancels a second draw not yet drawn from its page. A city department's account is not shown these sections, and
// sortition refuses it the draw (403). On every state: axe-core (zero violations), no Content
// Security Policy violation, screenshots at 1280 and 320 px (no horizontal scrolling at 320) in
// DIR/console-recruitment-<state>-<width>.png (default var/screenshots/console/).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { signInStaff } from './lib/console.mjs';
import { audit, checks, cspViolations, horizontalOverflow, launch, options, ROOT, StackError } from './lib/page-audit.mjs';
import { call, eventually, reachable, staffApi, token } from './lib/stack.mjs';

const TIMEOUT_MS = 60000;
const { base: BASE, shots: SHOTS } = options('var/screenshots/console');
const { check, finish } = checks('console recruitment');
const tag = `${Date.now().toString(36)}-${crypto.randomBytes(2).toString('hex')}`;
const api = staffApi(BASE, `console-rec-${tag}`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-rec-'));

// A synthetic roll of `rows` people (ops/gen-roll), and the same with line 4 broken (a birth date
// that is not one).
function rolls(rows) {
  const good = path.join(dir, 'roll.csv');
  execFileSync(path.join(ROOT, 'ops/gen-roll'), ['--rows', String(rows), '--seed', tag, '--out', good]);
  const lines = fs.readFileSync(good, 'utf8').split('\n');
  const fields = lines[3].split(',');
  fields[3] = '1985-13-45';
  const bad = path.join(dir, 'roll-bad.csv');
  fs.writeFileSync(bad, [...lines.slice(0, 3), fields.join(','), ...lines.slice(4)].join('\n'));
  return { good, bad };
}

const started = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

async function run(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  // Each state audited at 1280 px, then at 320 px (no horizontal scrolling there either).
  const shot = async (state) => {
    await audit(page, check, SHOTS, `console-recruitment-${state}-1280`, `1280px ${state}`);
    await page.setViewportSize({ width: 320, height: 900 });
    const overflow = await horizontalOverflow(page);
    check(overflow <= 0, `320px ${state}: no horizontal scrolling (overflow ${overflow}px)`);
    await audit(page, check, SHOTS, `console-recruitment-${state}-320`, `320px ${state}`);
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  const assembly = `rec-${tag}`;
  await api('POST', 'membership', '/v1/assemblies', {
    id: assembly, name: 'Assemblée du recrutement', mandate_start: '2026-01-10', mandate_end: '2026-12-20', retention_days: 365,
  });
  const section = (s, ...rest) => `/console/${assembly}/${[s, ...rest].join('/')}`;
  await signInStaff(page, BASE, 'secretariat', `console-rec-${tag}`, { backTo: section('recrutement') });
  await page.getByRole('heading', { level: 1, name: 'Recrutement' }).waitFor();
  await shot('start');

  // A roll with one bad line: refused, the line named with its reason, nothing kept.
  const { good, bad } = rolls(60);
  await page.locator('#import-name').fill(`Liste ${tag} (erreur)`);
  await page.locator('#import-file').setInputFiles(bad);
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await page.getByText('Import refusé : rien n’a été gardé').waitFor();
  const errorRow = page.locator('table', { has: page.locator('caption', { hasText: 'Lignes refusées' }) }).locator('tbody tr');
  const firstError = (await errorRow.first().textContent()) ?? '';
  check(firstError.startsWith('4') && /birth_date/.test(firstError), `the refused line is named with its column and reason (${firstError})`);
  check(await page.getByText(/Lignes acceptées : 0 — lignes refusées : 1/).count() === 1, 'the rows accepted and refused are counted');
  const badImport = page.url().split('/').pop();
  const failed = await api('GET', 'sortition', `/v1/pool-imports/${badImport}`);
  const failedPool = (await api('GET', 'sortition', '/v1/pools')).items.find((p) => p.id === failed.pool_id);
  check(failed.state === 'failed' && failedPool?.state === 'failed' && !failedPool.row_count, `nothing of the failed import is kept (${failed.state}, pool ${failedPool?.state})`);
  await shot('import-refused');

  // The good roll.
  await page.getByRole('button', { name: 'Importer un autre fichier' }).click();
  await page.locator('#import-name').fill(`Liste ${tag}`);
  await page.locator('#import-file').setInputFiles(good);
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await page.getByText('Import réussi').waitFor();
  check(await page.getByText('Lignes acceptées : 60 — lignes refusées : 0').count() === 1, 'the good roll: 60 rows accepted');
  check(await page.locator('#import-progress').evaluate((p) => p.value === p.max), 'the progress bar is full');
  const goodImport = await api('GET', 'sortition', `/v1/pool-imports/${page.url().split('/').pop()}`);
  await shot('import-done');

  // An import cut short (its first part sent, then the page reloaded): found again from its
  // address, cancelled from the page, nothing left.
  const cut = await api('POST', 'sortition', '/v1/pools', { name: `Coupé ${tag}`, kind: 'roll' });
  await api('PUT', 'sortition', `/v1/pool-imports/${cut.import.id}/parts/1`, fs.readFileSync(good, 'utf8').slice(0, 300), { type: 'text/csv' });
  await page.goto(`${BASE}${section('recrutement', 'import', cut.import.id)}`, { waitUntil: 'networkidle' });
  await page.getByText('L’envoi a été interrompu').waitFor();
  await shot('import-interrupted');
  await page.getByRole('button', { name: 'Annuler l’import' }).click();
  await page.getByText('Import annulé').waitFor();
  const cancelled = await api('GET', 'sortition', `/v1/pool-imports/${cut.import.id}`);
  check(cancelled.state === 'failed', `the cancelled import is over (${cancelled.state}: ${cancelled.failure})`);
  await page.getByRole('button', { name: 'Importer un autre fichier' }).click();

  // The invitations: the commitment, then the draw.
  await page.locator('#draw-pool').selectOption(goodImport.pool_id);
  await page.locator('#draw-invited').fill('40');
  await page.locator('#draw-seed').fill(`graine-${tag}`);
  await page.getByRole('button', { name: 'Publier l’empreinte de la graine' }).click();
  await page.getByText('Empreinte publiée').waitFor();
  await page.getByRole('button', { name: 'Tirer les invitations' }).click();
  await page.waitForURL(/\/recrutement\/tirage\//);
  const drawId = page.url().split('/').pop();
  const draw = await api('GET', 'sortition', `/v1/invitation-draws/${drawId}`);
  check(draw.state === 'drawn' && draw.seed === `graine-${tag}`, `the invitations are drawn with the seed committed (${draw.state})`);
  await page.getByRole('heading', { name: 'Réponses reçues' }).waitFor();

  // The mailing list, as the page downloads it; the service puts it on its audit trail.
  await page.getByRole('button', { name: 'Télécharger la liste d’envoi (CSV)' }).click();
  await page.getByText('Liste d’envoi prête : 40 lignes.').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Enregistrer le fichier' }).click()]);
  const mailing = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
  check(mailing.length === 41, `the mailing list saved has 40 rows and its header (${mailing.length} lines)`);
  check(mailing[0].startsWith('response_code,'), `the mailing list starts with the letters' codes (${mailing[0]})`);
  const codes = mailing.slice(1).map((l) => /^"?([^",]+)"?,/.exec(l)[1]);
  const trail = await call(BASE, 'sortition', 'GET', `/v1/audit?since=${started}&limit=1000`, undefined,
    { bearer: token('auditor', `console-rec-${tag}`) });
  check(trail.items.some((e) => e.action === 'GET /v1/invitation-draws/:id/mailing-list' && e.object_id === drawId),
    'the mailing list\'s download is on sortition\'s audit trail');

  // The invitation letters (notifications): a date in the past and too small a batch refused by
  // the page, each next to its field, nothing asked for; then 40 letters in batches of 50 (so one
  // file), made in the background, the file downloaded (a PDF of 40 pages, on notifications'
  // audit trail), then erased.
  const lettersTitle = page.getByRole('heading', { name: 'Lettres d’invitation (PDF)' });
  await lettersTitle.scrollIntoViewIfNeeded();
  await page.getByLabel('Date limite de réponse imprimée sur les lettres').fill('2020-01-01');
  await page.getByLabel('Lettres par fichier pour l’imprimeur').fill('10');
  await page.getByRole('button', { name: 'Préparer les lettres' }).click();
  await page.getByText('La date limite de réponse ne peut pas être passée.').waitFor();
  await page.getByText('Indiquez un nombre de lettres par fichier entre 50 et 10 000.').waitFor();
  check(await page.evaluate(() => document.activeElement?.id) === 'letters-answer-by', 'the focus is on the first field at fault');
  const noJobs = await api('GET', 'notifications', `/v1/assemblies/${assembly}/letter-jobs`);
  check(noJobs.items.length === 0, `a refused request asks for nothing (${noJobs.items.length} jobs)`);
  await shot('letters-refused');
  const answerBy = new Date(Date.now() + 28 * 86400000).toISOString().slice(0, 10);
  await page.getByLabel('Date limite de réponse imprimée sur les lettres').fill(answerBy);
  await page.getByLabel('Lettres par fichier pour l’imprimeur').fill('50');
  await page.getByRole('button', { name: 'Préparer les lettres' }).click();
  await page.getByText(/^40 lettres prêtes/).waitFor();
  const jobs = await api('GET', 'notifications', `/v1/assemblies/${assembly}/letter-jobs`);
  const job = jobs.items[0];
  check(jobs.items.length === 1 && job.state === 'done' && job.letters === 40 && job.draw_id === drawId && job.answer_by === answerBy,
    `the service made the 40 letters of this draw, answer by ${answerBy} (${JSON.stringify(jobs.items.map((j) => [j.state, j.letters, j.answer_by]))})`);
  await page.getByRole('button', { name: 'Toutes les lettres (40) en un fichier' }).click();
  const [pdf] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: 'Enregistrer « Toutes les lettres (40) en un fichier »' }).click()]);
  const bytes = fs.readFileSync(await pdf.path());
  const pages = (bytes.toString('latin1').match(/\/Type \/Page(?!s)/g) || []).length;
  check(bytes.subarray(0, 5).toString() === '%PDF-' && pages === 40, `the file saved is a PDF of 40 pages (${pages})`);
  await shot('letters-done');
  const lettersTrail = await call(BASE, 'notifications', 'GET', `/v1/audit?since=${started}&limit=1000`, undefined,
    { bearer: token('auditor', `console-rec-${tag}`) });
  check(lettersTrail.items.some((e) => e.action === 'GET /v1/letter-jobs/:id/files/:part' && e.object_id === job.id),
    'the letters\' download is on notifications\' audit trail');
  await page.getByRole('button', { name: 'Effacer ces fichiers (une fois imprimés)' }).click();
  await page.getByText(/fichiers effacés\.$/).waitFor();
  const erased = await api('GET', 'notifications', `/v1/letter-jobs/${job.id}`);
  check(erased.state === 'erased' && erased.files.length === 0, `the files are erased in the service (${erased.state})`);

  // Answers: six through the public API (as residents), fourteen by phone through the service,
  // one through the page.
  const genders = ['F', 'M'];
  const criteria = (i) => ({ gender: genders[i % 2], age_band: ['25-34', '35-49', '50-64', '65+'][i % 4], arrondissement: String(1 + (i % 20)), diploma: 'bac' });
  // Sortition takes 10 answers a minute from one address: a 429 is waited out.
  for (let i = 0; i < 6; i++) {
    const body = { code: codes[i], criteria: criteria(i), consent: true, contact: { email: `r${i}@example.fr` } };
    await eventually(`answer ${i}`, () => call(BASE, 'sortition', 'POST', '/v1/responses', body, { expect: [201] }), 90);
  }
  for (let i = 6; i < 20; i++)
    await api('POST', 'sortition', `/v1/invitation-draws/${drawId}/respondents`, { code: codes[i], criteria: criteria(i), consent: true });
  await page.getByRole('button', { name: 'Actualiser' }).click();
  await page.getByText('20 volontaires, 0 refus, 0 retraits sur 40 invitations.').waitFor();
  await page.locator('#phone-code').fill(codes[20]);
  await page.locator('#phone-criterion-gender').selectOption('F');
  await page.locator('#phone-criterion-age_band').selectOption('35-49');
  await page.locator('#phone-criterion-arrondissement').selectOption('3');
  await page.locator('#phone-criterion-diploma').selectOption('bac');
  await page.getByText('La personne consent à l’usage de ses réponses pour le tirage').click();
  check(await page.getByLabel('La personne consent à l’usage de ses réponses pour le tirage').isChecked(), 'the consent box is ticked');
  await page.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await page.getByText('Réponse enregistrée.').waitFor();
  await page.getByText('21 volontaires, 0 refus, 0 retraits sur 40 invitations.').waitFor();
  const figures = await api('GET', 'sortition', `/v1/invitation-draws/${drawId}/answer-figures`);
  const women = figures.categories.find((c) => c.name === 'gender').values.find((v) => v.value === 'F');
  check(women.respondents === 11 && women.pool_share > 0, `the figures: 11 women, beside the roll's share (${JSON.stringify(women)})`);
  const table = (await page.locator('table', { has: page.locator('caption', { hasText: /^gender$/ }) }).textContent()) ?? '';
  check(table.includes('11'), 'the chart\'s table shows the count of women');
  // The same letter again (a "no" now): refused, the code was used.
  await page.locator('#phone-code').fill(codes[20]);
  await page.getByText('La personne souhaite participer').click();
  await page.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await page.getByText('Ce code a déjà reçu une réponse').waitFor();
  await shot('answers');

  // The panel: quotas read from a CSV (the stratification app's category,name,min,max), a cell
  // at fault refused next to it, then saved.
  await page.goto(`${BASE}${section('panel')}`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Le panel' }).waitFor();
  const quotas = path.join(dir, 'categories.csv');
  fs.writeFileSync(quotas, 'category,name,min,max\ngender,F,1,3\ngender,M,1,x\n');
  await page.locator('#quota-file-0').setInputFiles(quotas);
  await page.locator('#quota-name').fill(`Quotas ${tag}`);
  await page.locator('#quota-seat_pools-0-seats').fill('4');
  await page.getByRole('button', { name: 'Enregistrer les quotas' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'quota-seat_pools-0-rows-1-max');
  check(await page.getByText('Un nombre entier positif ou nul.').count() === 1, 'the cell at fault is said next to it, focused');
  await shot('quotas-refused');
  // A second seat pool can be added (non-EU residents) and taken away again.
  await page.getByRole('button', { name: 'Ajouter un vivier' }).click();
  check(await page.locator('#quota-pool-1').inputValue() === 'non-eu-residents', 'a second seat pool is offered for the next kind');
  await page.getByRole('button', { name: 'Retirer ce vivier (Résidents extra-européens)' }).click();
  check(await page.locator('#quota-pool-1').count() === 0, 'the second seat pool is taken away');
  await page.locator('#quota-seat_pools-0-rows-1-max').fill('3');
  await page.getByRole('button', { name: 'Enregistrer les quotas' }).click();
  await page.waitForURL(/\/panel\/quotas\//);
  await page.getByText('Jeu de quotas enregistré.').waitFor();
  const quotaSet = page.url().split('/').pop();
  const csv = await api('GET', 'sortition', `/v1/quota-sets/${quotaSet}/seat-pools/roll/quotas.csv`);
  check(csv === 'feature,value,min,max\ngender,F,1,3\ngender,M,1,3\n', `the service holds the quotas as written (${JSON.stringify(csv)})`);

  // Only this assembly's draw is offered; feasibility, then the draw.
  await page.getByRole('button', { name: 'Vérifier la faisabilité' }).click();
  await page.getByText('Les quotas peuvent être respectés').waitFor();
  await shot('feasible');
  await page.locator('#panel-seed').fill(`panel-${tag}`);
  await page.getByRole('button', { name: 'Publier l’empreinte puis tirer' }).click();
  await page.waitForURL(/\/panel\/tirage\//);
  const selection = page.url().split('/').pop();
  await page.getByText('État du tirage : terminé').waitFor({ timeout: 120000 });
  await page.getByRole('heading', { name: 'Équité du tirage' }).waitFor();
  await page.getByRole('heading', { name: 'Probabilité de sélection de chaque volontaire' }).waitFor();
  const done = await api('GET', 'sortition', `/v1/selections/${selection}`);
  check(done.state === 'done' && done.panel.length === 4, `the panel is drawn: 4 seats (${done.state})`);
  check(await page.getByRole('link', { name: 'Procès-verbal imprimable pour l’huissier' }).getAttribute('href') === `/tirages/${selection}`,
    'the printable record is linked');
  await page.reload({ waitUntil: 'networkidle' });
  await page.getByText('État du tirage : terminé').waitFor();
  check(new URL(page.url()).pathname.endsWith(`/panel/tirage/${selection}`) && await page.getByText('État du tirage : terminé').count() === 1,
    'the draw is found again after a reload');
  await shot('panel-drawn');

  // A draw whose fingerprint is published but not yet drawn can be cancelled from its page (a
  // confirmation first); nothing is drawn, and the page says so.
  const seed = `annule-${tag}`;
  const second = await api('POST', 'sortition', '/v1/selections', {
    assembly_id: assembly, quota_set_id: quotaSet, invitation_draw_ids: [drawId],
    seed_commitment: crypto.createHash('sha256').update(seed).digest('hex'),
  }, { expect: [201] });
  await page.goto(`${BASE}${section('panel', 'tirage', second.id)}`, { waitUntil: 'networkidle' });
  await page.getByText('État du tirage : empreinte publiée').waitFor();
  const cancel = page.getByRole('button', { name: 'Annuler le tirage' });
  check(await cancel.count() === 1, 'a draw not yet finished offers to cancel it');
  await shot('panel-cancellable');
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); void d.accept(); });
  await cancel.click();
  await page.getByText('Le tirage a été annulé ; rien n’a été tiré.').waitFor();
  check(asked.startsWith('Annuler ce tirage ?'), `the cancellation is confirmed first (${asked})`);
  check(await page.getByText('État du tirage : annulé').count() === 1 && await cancel.count() === 0,
    'the page says the draw is cancelled, and offers nothing more');
  const stopped = await api('GET', 'sortition', `/v1/selections/${second.id}`);
  check(stopped.state === 'cancelled' && stopped.panel.length === 0 && typeof stopped.cancel_requested_at === 'string',
    `sortition holds it cancelled, with nothing drawn (${stopped.state})`);
  await shot('panel-cancelled');
  await context.close();

  // A city department: neither section shown, and sortition refuses it the draw.
  const other = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  const dept = await other.newPage();
  dept.setDefaultTimeout(TIMEOUT_MS);
  await signInStaff(dept, BASE, 'city-service', `console-rec-${tag}`, { department: 'voirie', backTo: section('recrutement') });
  await dept.getByRole('heading', { name: 'Cette partie ne vous est pas ouverte' }).waitFor();
  check(await dept.getByRole('link', { name: 'Recrutement' }).count() === 0 && await dept.getByRole('link', { name: 'Panel', exact: true }).count() === 0,
    'a department is not shown the recruitment and panel sections');
  const deptToken = token('city-service', `console-rec-${tag}`, 'voirie');
  const refused = await call(BASE, 'sortition', 'POST', `/v1/invitation-draws/${drawId}/draw`, { seed: `graine-${tag}` }, { bearer: deptToken, expect: [403] })
    .then(() => true, () => false);
  check(refused, 'sortition refuses a department an invitation draw (403)');
  const refusedPanel = await call(BASE, 'sortition', 'POST', `/v1/quota-sets/${quotaSet}/feasibility`, { invitation_draw_ids: [drawId] }, { bearer: deptToken, expect: [403] })
    .then(() => true, () => false);
  check(refusedPanel, 'sortition refuses a department the feasibility check (403)');
  await other.close();
  check(csp.length === 0, `no Content Security Policy violation (${csp.join(' | ')})`);
}

try {
  await reachable(BASE);
  const browser = await launch();
  try {
    await run(browser);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
} catch (e) {
  console.error(e instanceof StackError ? `stack: ${e.message}` : e);
  process.exit(2);
}
finish();
