#!/usr/bin/env node
// The console's documents in a real browser (headless Chromium, playwright-core) against the
// running stack through the gateway (the documents kept in the stack's SeaweedFS), Keycloak's login
// page included:
//   node tests/a11y/console-documents.mjs [--base URL] [--shots DIR]
// A panel draw of a fresh assembly done and its members seated (the workshops made), a hearing of a
// workshop and a notebook version handed to the executive (through the APIs). Then, at 1280 px, the
// secretariat opens the draw's result: no signed record yet; a file sent without a label is said
// next to the label's field, focused, nothing sent; a file named .pdf holding HTML is sent (the
// browser cannot tell) and refused by sortition, its refusal next to the file's field, nothing
// kept; a real PDF (made here, a minimal %PDF-1.4) is kept, listed (read back from the service),
// downloaded through its link (the same bytes, as an attachment), and the draw's public page
// /tirages/<id> links it. On the hearing's page the secretariat adds its material (a PDF), then the
// workshop's facilitator adds an image: both listed, each with who kept it (read back). The
// notebook's handed-over version links its PDF, rendered by workshops. At 320 px the same screens,
// without horizontal scrolling. A city-service account is offered neither upload, and its token
// gets 403 from both routes, nothing kept (the lists unchanged). On every state: axe-core (WCAG
// 2.0/2.1 A and AA, zero violations), no Content Security Policy violation, a full-page screenshot
// (DIR/console-documents-<state>-<width>.png, default var/screenshots/console/).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import fs from 'node:fs';

import { signInStaff } from './lib/console.mjs';
import { audit, checks, cspViolations, describedBy, horizontalOverflow, launch, options, StackError } from './lib/page-audit.mjs';
import { seatedSelection } from './lib/selection-fixture.mjs';
import { reachable, staffApi, token } from './lib/stack.mjs';

const TIMEOUT_MS = 60000;
const { base: BASE, shots: SHOTS } = options('var/screenshots/console');
const { check, finish } = checks('console documents');
const SUBJECT = 'web-console-docs';
const api = staffApi(BASE, SUBJECT);

// A minimal valid PDF of one page saying `text` (ASCII), its cross-reference table at the right
// offsets.
function minimalPdf(text) {
  const content = `BT /F1 18 Tf 72 770 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const RECORD = minimalPdf('Proces-verbal du tirage, signe par l huissier');
const SLIDES = minimalPdf('Diaporama de la direction de la voirie');

const signedRecords = async (selection) => (await api('GET', 'sortition', `/v1/selections/${selection}/signed-records`)).items;
const sessionFiles = async (session) => (await api('GET', 'workshops', `/v1/sessions/${session}/documents/files`)).items;

// The draw done and the assembly seated (its workshops made), a hearing of the first workshop
// tomorrow, a notebook version handed to the executive.
async function setUp() {
  const { assembly, selection, workshops } = await seatedSelection(api, SUBJECT, { seats: 6, respondents: 16, invited: 20, roll: 30 });
  const workshop = Object.values(workshops)[0];
  const day = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  const session = await api('POST', 'workshops', '/v1/sessions', {
    type: 'hearing', workshop_id: workshop, title: 'Audition de la direction de la voirie',
    starts_at: `${day}T16:30:00Z`, ends_at: `${day}T18:30:00Z`, place: 'Hôtel de Ville, salle Lobau',
    speakers: [{ name: 'Jeanne Martin', organisation: 'Direction de la voirie et des déplacements' }],
  });
  const version = await api('POST', 'workshops', `/v1/workshops/${workshop}/notebook/versions`, { text: '# Carnet\nUne fontaine par quartier.\n' });
  await api('POST', 'workshops', `/v1/workshops/${workshop}/notebook/versions/${version.version}/submit`, {});
  return { assembly, selection, workshop, session: session.id, version: version.version };
}

// A browser `width` px wide with `role` signed in on Keycloak's page, back on `backTo`.
async function signedIn(browser, width, role, subject, claims, backTo) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  await signInStaff(page, BASE, role, subject, { ...claims, backTo });
  const shot = (state) => audit(page, check, SHOTS, `console-documents-${state}-${width}`);
  const noOverflow = async (what) => {
    const overflow = await horizontalOverflow(page);
    check(overflow <= 0, `${width}px ${what}: no horizontal scrolling (overflow ${overflow}px)`);
  };
  const noCsp = (who) => check(csp.length === 0, `${width}px: no Content Security Policy violation (${who})${csp.length ? `: ${csp.join(' | ')}` : ''}`);
  return { context, page, shot, noOverflow, noCsp };
}

// Chooses `file` ({name, mimeType, buffer}) in the upload `id`, types `label`, sends, and answers the
// POST the page made (null when it made none within a few seconds).
async function send(page, id, label, file) {
  await page.locator(`#${id}-label`).fill(label);
  await page.locator(`#${id}-input`).setInputFiles(file);
  const posted = page
    .waitForResponse((r) => r.request().method() === 'POST' && (r.url().includes('/documents/file?') || r.url().includes('/signed-record?')), { timeout: 15000 })
    .catch(() => null);
  await page.locator(`section[aria-labelledby="${id}-title"]`).getByRole('button', { name: 'Envoyer le fichier' }).click();
  return posted;
}

async function secretariatPanel(browser, width, { assembly, selection }) {
  const path = `/console/${assembly}/panel/tirage/${selection}`;
  const { context, page, shot, noOverflow, noCsp } = await signedIn(browser, width, 'secretariat', SUBJECT, { assemblies: [assembly] }, path);
  await page.getByRole('heading', { level: 3, name: 'Procès-verbal signé', exact: true }).waitFor();
  const kept = await signedRecords(selection);
  if (width === 1280) {
    await page.getByText('Aucun procès-verbal signé n’est encore conservé.').waitFor();
    await shot('panel-none');

    // A file without a label: said next to the label, focused, nothing sent.
    await page.locator('#signed-record-upload-input').setInputFiles({ name: 'pv.pdf', mimeType: 'application/pdf', buffer: RECORD });
    let posts = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/signed-record') && posts++);
    await page.getByRole('button', { name: 'Envoyer le fichier' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'signed-record-upload-label');
    check((await describedBy(page, 'signed-record-upload-label')).includes('Donnez un intitulé'), `${width}px: a missing label is said next to its field, focused`);
    check(posts === 0, `${width}px: nothing sent without a label`);
    await shot('panel-label-missing');

    // HTML named .pdf: the browser cannot tell it, the widget sends it, sortition refuses it by its bytes.
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const refused = await send(page, 'signed-record-upload', 'Faux procès-verbal', { name: 'pv-signe.pdf', mimeType: 'application/pdf', buffer: html });
    check(refused?.status() === 422, `${width}px: the HTML file named .pdf was sent and refused by the service (${refused?.status()})`);
    await page.waitForFunction(() => document.activeElement?.id === 'signed-record-upload-input');
    const said = await describedBy(page, 'signed-record-upload-input');
    check(/no accepted type/.test(said), `${width}px: the service's refusal is next to the file's field, focused ("${said}")`);
    check((await signedRecords(selection)).length === 0, `${width}px: nothing kept after the refusal`);
    await shot('panel-refused');

    // The signed record.
    const label = 'Procès-verbal signé par Me Martin, huissière';
    const answer = await send(page, 'signed-record-upload', label, { name: 'pv-signe.pdf', mimeType: 'application/pdf', buffer: RECORD });
    check(answer?.status() === 201, `${width}px: the signed record is kept (${answer?.status()})`);
    const link = page.getByRole('link', { name: new RegExp(label) });
    await link.waitFor();
    const records = await signedRecords(selection);
    check(records.length === 1 && records[0].label === label && records[0].size_bytes === RECORD.length && records[0].media_type === 'application/pdf',
      `${width}px: sortition holds the record (${records.length}, ${records[0]?.label}, ${records[0]?.size_bytes} bytes)`);
    check((await link.textContent()).includes('PDF'), `${width}px: the list says its kind and size`);

    // Downloaded through the page's link: the same bytes, as an attachment.
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const got = fs.readFileSync(await download.path());
    check(Buffer.compare(got, RECORD) === 0, `${width}px: the download through the link gives the bytes sent (${got.length} bytes)`);
    const href = await link.getAttribute('href');
    const direct = await fetch(`${BASE}${href}`);
    check(direct.status === 200 && /^attachment/.test(direct.headers.get('content-disposition') ?? ''),
      `${width}px: the link answers as an attachment (${direct.status}, ${direct.headers.get('content-disposition')})`);

    // The public page links it; its stable address gives the same bytes.
    const publicPage = await (await fetch(`${BASE}/tirages/${selection}`)).text();
    check(publicPage.includes(`/api/sortition/v1/documents/${records[0].id}`), `${width}px: the public page /tirages/<id> links the signed record`);
    const stable = await fetch(`${BASE}/api/sortition/v1/documents/${records[0].id}`);
    check(Buffer.compare(Buffer.from(await stable.arrayBuffer()), RECORD) === 0, `${width}px: the public page's link gives the record`);
    check(await page.getByRole('link', { name: 'Page publique du tirage' }).getAttribute('href') === `/tirages/${selection}`,
      `${width}px: the console links the public page`);
    await shot('panel-kept');
  } else {
    await page.getByRole('link', { name: new RegExp(kept[0]?.label ?? 'Procès-verbal signé par') }).waitFor();
    await noOverflow('panel, the record kept');
    await shot('panel-kept');
    await page.locator('#signed-record-upload-input').setInputFiles({ name: 'pv.pdf', mimeType: 'application/pdf', buffer: RECORD });
    await page.getByRole('button', { name: 'Envoyer le fichier' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'signed-record-upload-label');
    await noOverflow('panel, a label missing');
    await shot('panel-label-missing');
  }
  noCsp('the panel');
  await context.close();
}

async function secretariatSession(browser, width, { assembly, session, workshop, version }) {
  const section = `/console/${assembly}/ateliers`;
  const { context, page, shot, noOverflow, noCsp } = await signedIn(browser, width, 'secretariat', SUBJECT, { assemblies: [assembly] }, section);
  await page.goto(`${BASE}${section}/seance/${session}`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 2, name: 'Documents de la séance' }).waitFor();
  if (width === 1280) {
    await page.getByText('Aucun document n’est encore conservé pour cette séance.').waitFor();
    await shot('session-none');
    const label = 'Diaporama de la direction de la voirie';
    const answer = await send(page, 'ws-material-upload', label, { name: 'diaporama.pdf', mimeType: 'application/pdf', buffer: SLIDES });
    check(answer?.status() === 201, `${width}px: the session's material is kept (${answer?.status()})`);
    await page.getByRole('link', { name: new RegExp(label) }).waitFor();
    const files = await sessionFiles(session);
    check(files.length === 1 && files[0].label === label && files[0].size_bytes === SLIDES.length && !!files[0].uploaded_by,
      `${width}px: workshops holds the material, with who kept it (${files.length}, ${files[0]?.label}, ${files[0]?.uploaded_by})`);
    check((await page.locator('#material table').textContent()).includes(files[0].uploaded_by), `${width}px: the list says who kept it`);
    const href = await page.getByRole('link', { name: new RegExp(label) }).getAttribute('href');
    const got = await fetch(`${BASE}${href}`);
    check(got.status === 200 && Buffer.compare(Buffer.from(await got.arrayBuffer()), SLIDES) === 0, `${width}px: the material's link gives its bytes`);
    await shot('session-kept');

    // The notebook's handed-over version links its PDF.
    await page.goto(`${BASE}${section}/carnet/${workshop}`, { waitUntil: 'networkidle' });
    const pdf = page.getByRole('link', { name: `PDF de la version ${version}` });
    await pdf.waitFor();
    const answerPdf = await fetch(`${BASE}${await pdf.getAttribute('href')}`);
    const bytes = Buffer.from(await answerPdf.arrayBuffer());
    check(answerPdf.status === 200 && answerPdf.headers.get('content-type')?.startsWith('application/pdf') && bytes.subarray(0, 5).toString() === '%PDF-',
      `${width}px: the handed-over version links its PDF (${answerPdf.status}, ${answerPdf.headers.get('content-type')})`);
    await shot('notebook-pdf');
  } else {
    await page.locator('#material table').waitFor();
    await noOverflow('session, its material');
    await shot('session-kept');
    await page.goto(`${BASE}${section}/carnet/${workshop}`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: `PDF de la version ${version}` }).waitFor();
    await noOverflow('notebook');
    await shot('notebook-pdf');
  }
  noCsp('the session');
  await context.close();
}

// The workshop's facilitator adds an image to the session's material.
async function facilitator(browser, width, { assembly, session, workshop }) {
  const section = `/console/${assembly}/ateliers`;
  const { context, page, shot, noCsp } = await signedIn(browser, width, 'facilitator', `${SUBJECT}-fac`,
    { assemblies: [assembly], workshops: [workshop] }, section);
  await page.goto(`${BASE}${section}/seance/${session}`, { waitUntil: 'networkidle' });
  await page.locator('#material table').waitFor();
  const before = await sessionFiles(session);
  const label = 'Plan de la rue, annoté';
  const answer = await send(page, 'ws-material-upload', label, { name: 'plan.png', mimeType: 'image/png', buffer: PNG });
  check(answer?.status() === 201, `${width}px: the facilitator's document is kept (${answer?.status()})`);
  await page.getByRole('link', { name: new RegExp(label) }).waitFor();
  const files = await sessionFiles(session);
  const mine = files.find((f) => f.label === label);
  check(files.length === before.length + 1 && mine?.media_type === 'image/png' && !!mine.uploaded_by && mine.uploaded_by !== before[0]?.uploaded_by,
    `${width}px: workshops holds the facilitator's image, kept by another account (${files.length}, ${mine?.media_type}, ${mine?.uploaded_by})`);
  check((await page.locator('#material table tbody tr').count()) === files.length, `${width}px: the facilitator sees both documents`);
  await shot('session-facilitator');
  noCsp('facilitator');
  await context.close();
}

// A city department's account: neither upload offered; its token refused by both routes, nothing kept.
async function cityService(browser, width, { assembly, selection, session }) {
  const { context, page, shot, noCsp } = await signedIn(browser, width, 'city-service', `${SUBJECT}-dvd`,
    { department: 'DVD', assemblies: [assembly] }, `/console/${assembly}`);
  for (const [state, path, input] of [
    ['city-service-panel', `panel/tirage/${selection}`, '#signed-record-upload-input'],
    ['city-service-session', `ateliers/seance/${session}`, '#ws-material-upload-input'],
  ]) {
    await page.goto(`${BASE}/console/${assembly}/${path}`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Cette partie ne vous est pas ouverte' }).waitFor();
    check((await page.locator(input).count()) === 0, `${width}px: a city-service account is not offered the upload (${path})`);
    await shot(state);
  }
  noCsp('city service');
  await context.close();

  const [records, files] = [await signedRecords(selection), await sessionFiles(session)];
  const bearer = token('city-service', `${SUBJECT}-dvd`, 'DVD');
  for (const route of [`sortition/v1/selections/${selection}/signed-record`, `workshops/v1/sessions/${session}/documents/file`]) {
    const r = await fetch(`${BASE}/api/${route}?label=essai`, {
      method: 'POST', headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/pdf' }, body: RECORD,
    });
    check(r.status === 403, `the service refuses a city-service token the upload (${route}: ${r.status})`);
  }
  check((await signedRecords(selection)).length === records.length && (await sessionFiles(session)).length === files.length,
    'nothing kept: the lists unchanged');
}

async function main() {
  await reachable(BASE);
  const fixture = await setUp();
  const browser = await launch();
  try {
    await secretariatPanel(browser, 1280, fixture);
    await secretariatPanel(browser, 320, fixture);
    await secretariatSession(browser, 1280, fixture);
    await facilitator(browser, 1280, fixture);
    await secretariatSession(browser, 320, fixture);
    await cityService(browser, 1280, fixture);
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${SHOTS}`);
  finish();
}

main().catch((e) => {
  console.error(`console-documents: ${e instanceof StackError ? '' : 'error: '}${e.message}`);
  process.exit(e instanceof StackError ? 2 : 1);
});
