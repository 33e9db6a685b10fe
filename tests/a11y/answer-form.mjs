#!/usr/bin/env node
// The invitees' answer form in a real browser (headless Chromium, playwright-core) against the
// running stack, through one origin (the gateway: the site, /api/<service>, /auth):
//   node tests/a11y/answer-form.mjs [--base URL] [--shots DIR]
// Makes an invitation draw (a small roll, 10 invited) with a secretariat token (ops/token) and
// takes codes from its mailing list; then, at 1280 and at 320 px wide, a resident answers with
// one code through the form (checked: the questions are the service's for that code — the pool
// kind's usual ones at 1280 px, those of a quota set made meanwhile at 320 px —, the
// confirmation, and the answer read back by the secretariat with its criteria and contact
// details), a contact field at fault gets its message next to it, a "no" is sent and confirmed
// (read back as declined), a wrong code, the used code and a mistyped code each get their message
// next to the field, errors focus the summary; once the secretariat closes the call, a code of the
// draw gets the same message as an unknown one. On every state: axe-core (WCAG 2.0/2.1 A
// and AA, zero violations), no Content Security Policy violation, a full-page screenshot
// (DIR, default var/screenshots/web/answer-<state>-<width>.png).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used, 77 (skipped)
// when nothing listens at the site's address (a stack without its gateway).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { axeViolations, checks, CHROMIUM, cspViolations, launch, options, ROOT, screenshot } from './lib/page-audit.mjs';

const TIMEOUT_MS = 60000; // generous: the suite runs two tests at once on a small machine
const { base: BASE, shots: SHOTS } = options();
const { check, failures } = checks();
class StackError extends Error {}

// ---- the draw, through the API with a secretariat token -------------------------------------
const staff = execFileSync(path.join(ROOT, 'ops/token'), ['secretariat', 'web-answer-form'], {
  encoding: 'utf8',
}).trim();

async function api(method, route, body, { type = 'application/json', expect = [200, 201] } = {}) {
  const r = await fetch(`${BASE}/api/sortition${route}`, {
    method,
    headers: { Authorization: `Bearer ${staff}`, ...(body === undefined ? {} : { 'Content-Type': type }) },
    body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
  });
  const text = await r.text();
  if (!expect.includes(r.status)) throw new StackError(`${method} ${route}: ${r.status} ${text.slice(0, 300)}`);
  return r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
}

async function makeDraw() {
  const run = `web-answer-${Date.now()}`;
  let csv = 'voter_id,last_name,first_names,birth_date,sex,address,postcode,arrondissement\n';
  for (let i = 0; i < 30; i++)
    csv += `${run}-${i},Nom${i},Prénom,19${40 + i}-05-0${1 + (i % 9)},${i % 2 ? 'F' : 'M'},${i} rue de la Loire,75019,19\n`;
  const pool = await api('POST', '/v1/pools', { name: run, kind: 'roll' });
  await api('PUT', `/v1/pool-imports/${pool.import.id}/parts/1`, csv, { type: 'text/csv' });
  const done = await api('POST', `/v1/pool-imports/${pool.import.id}/complete`, { parts: 1 });
  const seed = `invitations-${run}`;
  const draw = await api('POST', '/v1/invitation-draws', {
    assembly_id: run,
    pool_id: done.pool_id,
    invited: 10,
    seed_commitment: crypto.createHash('sha256').update(seed).digest('hex'),
  });
  await api('POST', `/v1/invitation-draws/${draw.id}/draw`, { seed });
  const list = await api('GET', `/v1/invitation-draws/${draw.id}/mailing-list`);
  const codes = [...String(list).matchAll(/^"?([2-9A-Z]{5}-[2-9A-Z]{5})"?,/gm)].map((m) => m[1]);
  if (codes.length !== 10) throw new StackError(`mailing list: ${codes.length} codes, 10 expected`);
  return { drawId: draw.id, codes, assembly: run };
}

// ---- the browser -----------------------------------------------------------------------------
async function audit(page, state, width) {
  const found = await axeViolations(page);
  check(found.length === 0, `${state} @${width}px: axe WCAG 2.1 AA violations: ${found.join('; ') || 'none'}`);
  await screenshot(page, SHOTS, `answer-${state}-${width}`);
}

const codeMessage = (page) =>
  page.evaluate(() => {
    const input = document.getElementById('answer-code');
    return (input?.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  });
const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');
// The messages tied to a field (its aria-describedby).
const describedBy = (page, id) =>
  page.evaluate((fieldId) => (document.getElementById(fieldId)?.getAttribute('aria-describedby') ?? '')
    .split(/\s+/).map((x) => document.getElementById(x)?.textContent ?? '').join(' '), id);

// Step 1: the code, then "Continuer" (the service answers with the questions, or refuses).
async function submitCode(page, code) {
  await page.fill('#answer-code', code);
  await page.getByRole('button', { name: 'Continuer' }).click();
}

// The legends and labels of the questions shown, in order.
const questionNames = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[id^="answer-q-"]')]
      .filter((el) => el.localName === 'fieldset' || el.localName === 'select')
      .map((el) => el.id.replace(/^answer-q-/, '')));

async function run(browser, width, code, usedCode, drawId, expected, contact) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  const r = await page.goto(`${BASE}/repondre`, { waitUntil: 'networkidle' });
  check(r?.status() === 200, `${width}px: /repondre answers 200 (got ${r?.status()})`);
  await page.getByRole('heading', { level: 1, name: 'Répondre à l’invitation' }).waitFor();
  check((await page.evaluate(() => document.documentElement.lang)) === 'fr', `${width}px: the page is in French`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `${width}px: no horizontal scrolling (overflow ${overflow}px)`);
  await audit(page, 'empty', width);

  // The language switch (in the header at 1280 px; in the menu on a phone): English, then back.
  if (width >= 1000) {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Answer the invitation' }).waitFor();
    check((await page.evaluate(() => document.documentElement.lang)) === 'en', `${width}px: English sets <html lang="en">`);
    await audit(page, 'english', width);
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Répondre à l’invitation' }).waitFor();
  }

  // Nothing typed: the summary takes the focus and names the code.
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.locator('#answer-summary .fr-alert').waitFor();
  check((await focusedId(page)) === 'answer-summary', `${width}px: errors move the focus to the summary`);
  check((await codeMessage(page)).includes('Saisissez le code'), `${width}px: a missing code is said next to the field`);
  await audit(page, 'missing', width);

  // A mistyped code (wrong shape): said before anything is sent.
  await submitCode(page, 'ABC-12');
  await page.waitForFunction(() => document.getElementById('answer-summary')?.textContent?.includes('10 lettres'));
  check((await codeMessage(page)).includes('Le code comporte 10 lettres'), `${width}px: a mistyped code is said next to the field`);

  // A code of the right shape that no invitation has.
  await submitCode(page, 'ZZZZZ-ZZZZZ');
  await page.waitForFunction(() => document.getElementById('answer-code')?.getAttribute('aria-describedby') &&
    document.body.textContent.includes('ne permet pas d’enregistrer'));
  check((await codeMessage(page)).includes('ne permet pas d’enregistrer une réponse'), `${width}px: an unknown code is said next to the field`);
  check((await focusedId(page)) === 'answer-summary', `${width}px: the refusal moves the focus to the summary`);
  await audit(page, 'unknown-code', width);

  // The used code (answered in the run before): the same message, nothing revealed.
  if (usedCode) {
    await submitCode(page, usedCode);
    await page.waitForFunction(() => document.getElementById('answer-summary')?.contains(document.activeElement));
    check((await codeMessage(page)).includes('ne permet pas d’enregistrer une réponse'), `${width}px: a used code is said next to the field`);
    await audit(page, 'used-code', width);
  }

  // The letter's code, typed in lower case with a space: the service's questions for it.
  await page.fill('#answer-code', '');
  await submitCode(page, code.toLowerCase().replace('-', ' '));
  await page.locator('label', { hasText: 'Oui, je souhaite participer' }).click();
  await page.locator('#answer-consent').waitFor();
  const names = await questionNames(page);
  check(JSON.stringify(names) === JSON.stringify(Object.keys(expected)),
    `${width}px: the questions are the service's for this code (${names.join(', ')})`);
  // Sent without the answers: each missing one said.
  await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
  await page.waitForFunction(() => document.getElementById('answer-summary')?.contains(document.activeElement));
  const listed = await page.locator('#answer-summary li').count();
  check(listed === names.length + 2, `${width}px: the summary lists each question, the contact details and the consent (${listed})`);
  check((await describedBy(page, 'answer-email')).includes('Indiquez une adresse électronique ou un numéro'),
    `${width}px: contact details missing are said next to the e-mail field`);
  await audit(page, 'questions-missing', width);
  // As a person does: a click on the label (the DSFR draws its own radio buttons and boxes).
  const choose = (text) => page.locator('label', { hasText: text }).first().click();
  const labels = { gender: 'Femme', age_band: '25 à 34 ans', diploma: 'Baccalauréat ou équivalent' };
  for (const name of names) {
    if (name === 'arrondissement') await page.getByLabel('Arrondissement de résidence').selectOption(expected[name]);
    else await choose(labels[name]);
  }
  await choose('J’accepte');
  // A contact field at fault: said next to it, before anything is sent.
  await page.fill('#answer-email', 'camille@example');
  await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
  await page.waitForFunction(() => document.getElementById('answer-summary')?.contains(document.activeElement));
  check((await describedBy(page, 'answer-email')).includes('Saisissez une adresse électronique valide'),
    `${width}px: a mistyped e-mail address is said next to its field`);
  await audit(page, 'contact-invalid', width);
  await page.fill('#answer-email', contact.email ?? '');
  await page.fill('#answer-phone', contact.phone ?? '');
  await audit(page, 'questions', width);
  await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
  const h1 = page.getByRole('heading', { level: 1, name: 'Votre réponse est enregistrée' });
  await h1.waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 5000 }).catch(() => {});
  check((await page.evaluate(() => document.activeElement?.tagName)) === 'H1', `${width}px: the confirmation's heading takes the focus`);
  const status = (await page.getByRole('status').first().textContent()) ?? '';
  const reference = status.match(/Référence de votre réponse : ([0-9a-f-]{36})/)?.[1];
  check(/Réponse enregistrée le \d{1,2} \S+ \d{4} à \d{2}:\d{2}/.test(status), `${width}px: the confirmation gives the date and time (${status})`);
  await audit(page, 'confirmed', width);
  check(csp.length === 0, `${width}px: no Content Security Policy violation${csp.length ? `: ${csp.join(' | ')}` : ''}`);

  const respondents = await api('GET', `/v1/invitation-draws/${drawId}/respondents`);
  const mine = respondents.items.find((x) => x.id === reference);
  check(!!mine, `${width}px: the answer (${reference}) is among the draw's respondents`);
  const sorted = (o) => JSON.stringify(Object.fromEntries(Object.entries(o ?? {}).sort()));
  check(sorted(mine?.criteria) === sorted(expected), `${width}px: its criteria are those typed (${JSON.stringify(mine?.criteria)})`);
  const stored = { ...contact, ...(contact.phone ? { phone: contact.phone.replace(/[\s.\-()]/g, '') } : {}) };
  check(sorted(mine?.contact) === sorted(stored), `${width}px: its contact details are those typed (${JSON.stringify(mine?.contact)})`);
  await context.close();
}

// A page of the form at `width`, watched for CSP violations (collected in `csp`).
async function openForm(browser, width, csp, search = '') {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await page.goto(`${BASE}/repondre${search}`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Répondre à l’invitation' }).waitFor();
  return { context, page };
}

// A resident says no: nothing more is asked, the no is sent and confirmed, and the secretariat
// reads it back as declined.
async function decline(browser, width, code, drawId) {
  const csp = [];
  // Opened as the letter's QR code opens it: the code is already in its field.
  const { context, page } = await openForm(browser, width, csp, `?code=${encodeURIComponent(code.toLowerCase())}`);
  const filled = await page.inputValue('#answer-code');
  check(filled === code.toUpperCase(), `${width}px: the QR code's address fills the code in (${filled})`);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.locator('label', { hasText: 'Non, je ne souhaite pas participer' }).click();
  check((await page.locator('#answer-email').count()) === 0 && (await page.locator('#answer-consent').count()) === 0,
    `${width}px: a no is asked nothing more`);
  await audit(page, 'declining', width);
  await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
  await page.getByRole('heading', { level: 1, name: 'Merci de votre réponse' }).waitFor();
  const status = (await page.getByRole('status').first().textContent()) ?? '';
  check(status.includes('Votre réponse est enregistrée'), `${width}px: the no is confirmed (${status})`);
  await audit(page, 'declined', width);
  check(csp.length === 0, `${width}px: no Content Security Policy violation (no)${csp.length ? `: ${csp.join(' | ')}` : ''}`);
  const respondents = await api('GET', `/v1/invitation-draws/${drawId}/respondents`);
  const declined = respondents.items.filter((x) => x.state === 'declined');
  check(declined.length >= 1 && declined.every((x) => x.contact === null && Object.keys(x.criteria).length === 0),
    `${width}px: the no is recorded, declined, with nothing else (${declined.length})`);
  await context.close();
}

// The call closed: a code of the draw is refused with the unknown code's message.
async function closedCall(browser, width, code) {
  const csp = [];
  const { context, page } = await openForm(browser, width, csp);
  await submitCode(page, code);
  await page.waitForFunction(() => document.getElementById('answer-summary')?.contains(document.activeElement));
  check((await codeMessage(page)).includes('ne permet pas d’enregistrer une réponse'),
    `${width}px: a code of a closed call is said next to the field as an unknown one`);
  check((await page.locator('label', { hasText: 'Oui, je souhaite participer' }).count()) === 0,
    `${width}px: a closed call asks nothing more`);
  await audit(page, 'closed-call', width);
  check(csp.length === 0, `${width}px: no Content Security Policy violation (closed)${csp.length ? `: ${csp.join(' | ')}` : ''}`);
  await context.close();
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new StackError(`no Chromium at ${CHROMIUM}`);
  try {
    await fetch(BASE);
  } catch {
    throw new StackError(`nothing answers at ${BASE}: is the gateway up (ops/stack up)?`);
  }
  // sortition answers one address 10 times a minute, and the tests run before this one may have
  // answered from 127.0.0.1 (never at the same time: RESOURCE_LOCK): a minute refills the bucket.
  await new Promise((resolve) => setTimeout(resolve, 60000));
  const { drawId, codes, assembly } = await makeDraw();
  const browser = await launch().catch((e) => {
    throw new StackError(e.message);
  });
  try {
    // No quota set yet: the roll's usual questions.
    await run(browser, 1280, codes[0], undefined, drawId,
      { gender: 'F', age_band: '25-34', arrondissement: '19', diploma: 'bac' },
      { email: `${assembly}@example.fr`, phone: '06 12 34 56 78' });
    await decline(browser, 1280, codes[2], drawId);
    // A quota set for the roll by gender and age band only: those two questions.
    const csv = 'feature,value,min,max\n' +
      ['F', 'M'].map((v) => `gender,${v},0,1\n`).join('') +
      ['18-24', '25-34', '35-49', '50-64', '65+'].map((v) => `age_band,${v},0,1\n`).join('');
    await api('POST', '/v1/quota-sets',
      { assembly_id: assembly, name: 'web', seat_pools: [{ pool: 'roll', seats: 1, quotas_csv: csv }] });
    await run(browser, 320, codes[1], codes[0], drawId, { gender: 'F', age_band: '25-34' },
      { phone: '+33 1 42 76 40 40' });
    await decline(browser, 320, codes[3], drawId);
    // The secretariat closes the call; the public answers 10 a minute: a few seconds' refill.
    await api('POST', `/v1/invitation-draws/${drawId}/close`, {});
    await new Promise((resolve) => setTimeout(resolve, 15000));
    await closedCall(browser, 1280, codes[4]);
    await closedCall(browser, 320, codes[5]);
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${SHOTS}`);
  console.log(`${failures.length === 0 ? 'answer form: all checks passed' : `answer form: ${failures.length} failed`}`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`answer-form: ${e instanceof StackError ? '' : 'error: '}${e.message}`);
  process.exit(e instanceof StackError ? 2 : 1);
});
