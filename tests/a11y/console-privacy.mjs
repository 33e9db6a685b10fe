#!/usr/bin/env node
// The console's personal-data sections in a real browser (headless Chromium, playwright-core)
// against the running stack through the gateway, Keycloak's own login page included:
//   node tests/a11y/console-privacy.mjs [--base URL] [--shots DIR]
// A panel draw makes four invited members of a fresh assembly. At 1280 and at 320 px wide: the
// secretariat reads one member's contact details (through the API); the auditor signs in, opens
// the audit trail, filters it by that member and finds the read (who, which route), still there
// after a reload; the auditor is not offered the erasure and
// membership refuses it the erasure anyway (403). The secretariat signs in, is not offered the
// trail (and the services refuse it: 403), asks an erasure without choosing anyone nor
// confirming (both said next to their fields), then erases another member and follows the
// report until every service has answered (read back from membership). On every state:
// axe-core (WCAG 2.0/2.1 A and AA, zero violations), no Content Security Policy violation, no
// horizontal scrolling, a full-page screenshot (DIR/console-privacy-<state>-<width>.png,
// default var/screenshots/console/).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import fs from 'node:fs';

import { signInStaff } from './lib/console.mjs';
import { audit, checks, cspViolations, describedBy, horizontalOverflow, launch, options, StackError } from './lib/page-audit.mjs';
import { call, eventually, invitedMembers, reachable, staffApi, token } from './lib/stack.mjs';

// The suite's services (services/services.txt, its one list): each answers an erasure.
const SERVICES = fs.readFileSync(new URL('../../services/services.txt', import.meta.url), 'utf8')
  .split('\n').filter((l) => /^[a-z]/.test(l)).map((l) => l.split(/\s+/)[0]);

const TIMEOUT_MS = 60000;
const { base: BASE, shots: SHOTS } = options('var/screenshots/console');
const { check, finish } = checks('console privacy');
const api = staffApi(BASE, 'web-console-privacy');

async function openSection(page, name) {
  const button = page.locator('.fr-sidemenu__btn');
  if (await button.isVisible()) {
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  }
  await page.locator('.fr-sidemenu').getByRole('link', { name, exact: true }).click();
}

const menuHas = async (page, name) =>
  (await page.locator('.fr-sidemenu').getByRole('link', { name, exact: true, includeHidden: true }).count()) > 0;

async function run(browser, width, assembly, read, erased) {
  const csp = [];
  const fresh = async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const seen = cspViolations(page);
    page.on('close', () => csp.push(...seen));
    return { context, page };
  };
  const noOverflow = async (page, what) => {
    const overflow = await horizontalOverflow(page);
    check(overflow <= 0, `${width}px ${what}: no horizontal scrolling (overflow ${overflow}px)`);
  };

  // The secretariat reads a member's contact details: an entry on membership's trail.
  await api('PUT', 'membership', `/v1/members/${read}/contact`, { email: `lu.${width}@example.org`, preferred_channel: 'email' });
  await api('GET', 'membership', `/v1/members/${read}/contact`);

  // The auditor.
  let { context, page } = await fresh();
  let shot = (state) => audit(page, check, SHOTS, `console-privacy-${state}-${width}`, `${width}px ${state}`);
  await signInStaff(page, BASE, 'auditor', `console-privacy-${width}`, { backTo: `/console/${assembly}` });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  check(!(await menuHas(page, 'Effacement de données')), `${width}px: the auditor is not offered the erasure`);
  await openSection(page, 'Journal d’audit');
  await page.getByRole('heading', { level: 1, name: 'Journal d’audit' }).waitFor();
  await page.locator('#audit-subject').fill(read);
  await page.getByRole('button', { name: 'Afficher le journal' }).click();
  const row = page.locator('table tr', { hasText: 'GET /v1/members/:id/contact' }).first();
  await row.waitFor();
  const text = await row.textContent();
  check(text.includes(read) && text.includes('secretariat'), `${width}px: the trail shows the secretariat's read of the member's contact details (${text})`);
  check(page.url().includes(`subject=${read}`), `${width}px: the filter is kept in the address (${page.url()})`);
  await noOverflow(page, 'audit trail');
  await shot('audit');
  await page.reload();
  await page.locator('table tr', { hasText: 'GET /v1/members/:id/contact' }).first().waitFor();
  check((await page.locator('#audit-subject').inputValue()) === read, `${width}px: a reload keeps the filter and its entries`);
  // A time filter, a Paris wall-clock time sent in UTC ("…T09:00:00Z", its colons percent-encoded
  // in the query, which the service reads decoded): an hour ago keeps the read, an hour ahead none.
  const paris = (ms) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(ms)).replace(' ', 'T');
  await page.locator('#audit-since').fill(paris(Date.now() - 3600_000));
  await page.getByRole('button', { name: 'Afficher le journal' }).click();
  await page.waitForURL((url) => url.searchParams.has('since'));
  await page.locator('table tr', { hasText: 'GET /v1/members/:id/contact' }).first().waitFor();
  check((await page.locator('table tr', { hasText: read }).count()) > 0, `${width}px: the trail since an hour ago still shows the read`);
  await page.locator('#audit-since').fill(paris(Date.now() + 3600_000));
  await page.getByRole('button', { name: 'Afficher le journal' }).click();
  await page.getByText('Aucune entrée ne correspond.').waitFor();
  check((await page.locator('table tr', { hasText: 'GET /v1/members/:id/contact' }).count()) === 0,
    `${width}px: the trail since an hour ahead shows no entry`);
  const auditorRefused = await call(BASE, 'membership', 'POST', '/v1/erasures', { member_id: erased },
    { bearer: token('auditor', `console-privacy-${width}`), expect: [403] }).then(() => true, () => false);
  check(auditorRefused, `${width}px: membership refuses the auditor an erasure (403)`);
  await context.close();

  // The secretariat.
  ({ context, page } = await fresh());
  shot = (state) => audit(page, check, SHOTS, `console-privacy-${state}-${width}`, `${width}px ${state}`);
  await signInStaff(page, BASE, 'secretariat', `console-privacy-${width}`, { backTo: `/console/${assembly}` });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  check(!(await menuHas(page, 'Journal d’audit')), `${width}px: the secretariat is not offered the audit trail`);
  const secretariatRefused = await call(BASE, 'membership', 'GET', '/v1/audit', undefined,
    { bearer: token('secretariat', `console-privacy-${width}`), expect: [403] }).then(() => true, () => false);
  check(secretariatRefused, `${width}px: membership refuses the secretariat its trail (403)`);
  await openSection(page, 'Effacement de données');
  await page.getByRole('heading', { level: 1, name: 'Effacer les données d’une personne' }).waitFor();
  await page.locator('#erasure-choose option', { hasText: erased }).waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Effacer ses données' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'erasure-member');
  check((await describedBy(page, 'erasure-member')).includes('Indiquez l’identifiant du membre'), `${width}px: the missing member is said next to the field`);
  check((await page.locator('#contenu').textContent()).includes('Cochez la case pour confirmer'), `${width}px: the missing confirmation is said`);
  await noOverflow(page, 'erasure refused');
  await shot('erasure-refused');
  check((await api('GET', 'membership', `/v1/members/${erased}`)).status !== undefined, `${width}px: nothing was erased`);
  await page.locator('#erasure-choose').selectOption(erased);
  check((await page.locator('#erasure-member').inputValue()) === erased, `${width}px: choosing in the list fills the identifier`);
  await page.locator('label[for="erasure-confirm-0"]').click();
  await page.getByRole('button', { name: 'Effacer ses données' }).click();
  await page.waitForURL(/\/effacements\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 1, name: 'Rapport d’effacement' }).waitFor();
  check(await page.evaluate(() => document.activeElement?.tagName === 'H1'), `${width}px: the report's heading takes the focus`);
  await page.getByText('Tous les services ont effacé ce qu’ils détenaient.').waitFor({ timeout: 90000 });
  const erasureId = page.url().split('/').pop();
  const report = await api('GET', 'membership', `/v1/erasures/${erasureId}`);
  check(report.member_id === erased && report.state === 'complete' && report.services.length === SERVICES.length,
    `${width}px: membership's report is complete for the member (${JSON.stringify(report).slice(0, 200)})`);
  check(await page.locator('table tr', { hasText: 'sortition' }).count() === 1, `${width}px: the report lists each service`);
  await noOverflow(page, 'erasure report');
  await shot('erasure-report');
  await context.close();
  check(csp.length === 0, `${width}px: no Content Security Policy violation (${csp.join(' | ')})`);
}

try {
  await reachable(BASE);
  const { assembly, members } = await invitedMembers(api, 'console-privacy', 4);
  const ids = members.map((m) => m.id);
  await eventually('every member readable', async () => ids.length === 4);
  const browser = await launch();
  try {
    await run(browser, 1280, assembly, ids[0], ids[1]);
    await run(browser, 320, assembly, ids[2], ids[3]);
  } finally {
    await browser.close();
  }
} catch (e) {
  console.error(e instanceof StackError ? `stack: ${e.message}` : e);
  process.exit(2);
}
finish();
