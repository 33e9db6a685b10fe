#!/usr/bin/env node
// The organisers' console's frame in a real browser (headless Chromium, playwright-core) against
// the running stack through the gateway, Keycloak's own login page included:
//   node tests/a11y/console-shell.mjs [--base URL] [--shots DIR]
// At 1280 and at 320 px wide: /console signed out invites to sign in; the secretariat signs in,
// sees the assemblies, describes a new one with a malformed identifier (refused next to the
// field, focused, nothing created), then a good one, and lands on its overview (read back from
// membership); a city department's account opens the same overview, is not offered the form,
// and membership refuses it the creation anyway (403); a member's account is told the console is
// not open. On every state: axe-core (WCAG 2.0/2.1 A and AA, zero violations), no Content
// Security Policy violation, no horizontal scrolling, a full-page screenshot
// (DIR/console-shell-<state>-<width>.png, default var/screenshots/console/).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import crypto from 'node:crypto';

import { signInStaff } from './lib/console.mjs';
import { audit, checks, cspViolations, describedBy, horizontalOverflow, launch, options, StackError } from './lib/page-audit.mjs';
import { call, reachable, signInMember, staffApi, token } from './lib/stack.mjs';

const TIMEOUT_MS = 60000;
const { base: BASE, shots: SHOTS } = options('var/screenshots/console');
const { check, finish } = checks('console shell');
const api = staffApi(BASE, 'web-console-shell');

async function run(browser, width) {
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
  const shot = (state) => audit(page, check, SHOTS, `console-shell-${state}-${width}`, `${width}px ${state}`);
  const noOverflow = async (what) => {
    const overflow = await horizontalOverflow(page);
    check(overflow <= 0, `${width}px ${what}: no horizontal scrolling (overflow ${overflow}px)`);
  };

  const r = await page.goto(`${BASE}/console`, { waitUntil: 'networkidle' });
  check(r?.status() === 200, `${width}px: /console answers 200 (got ${r?.status()})`);
  await page.getByRole('heading', { level: 1, name: 'Console des organisateurs' }).waitFor();
  await shot('signed-out');

  // The secretariat.
  await context.close();
  ({ context, page } = await fresh());
  await signInStaff(page, BASE, 'secretariat', `console-shell-${width}`);
  await page.getByRole('heading', { level: 1, name: 'Les assemblées' }).waitFor();
  check(await page.getByRole('heading', { level: 2, name: 'Décrire une nouvelle assemblée' }).count() === 1,
    `${width}px: the secretariat is offered the new assembly's form`);
  const id = `console-${width}-${crypto.randomBytes(3).toString('hex')}`;
  await page.locator('#new-assembly-id').fill('Pas Bon!');
  await page.locator('#new-assembly-name').fill('Assemblée de la console');
  await page.getByRole('button', { name: 'Créer l’assemblée' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'new-assembly-id');
  check((await describedBy(page, 'new-assembly-id')).includes('L’identifiant doit commencer'),
    `${width}px: a malformed identifier is said next to the field`);
  await noOverflow('new assembly refused');
  await shot('new-refused');
  await page.locator('#new-assembly-id').fill(id);
  await page.locator('#new-assembly-start').fill('2026-01-10');
  await page.locator('#new-assembly-end').fill('2026-12-20');
  await page.locator('#new-assembly-retention').fill('365');
  await page.getByRole('button', { name: 'Créer l’assemblée' }).click();
  await page.waitForURL(`${BASE}/console/${id}`);
  await page.getByRole('heading', { level: 1, name: 'Assemblée de la console' }).waitFor();
  const made = await api('GET', 'membership', `/v1/assemblies/${id}`);
  check(made.name === 'Assemblée de la console' && made.mandate_start === '2026-01-10' && made.retention_days === 365,
    `${width}px: membership has the assembly as described (${JSON.stringify(made).slice(0, 200)})`);
  check(await page.getByText('Mandat du 10 janvier 2026 au 20 décembre 2026').count() === 1, `${width}px: the overview says the mandate`);
  await noOverflow('overview');
  await shot('overview');
  await page.goto(`${BASE}/console`, { waitUntil: 'networkidle' });
  await page.getByRole('link', { name: 'Assemblée de la console' }).first().waitFor();
  await noOverflow('assemblies');
  await shot('assemblies');

  // A city department: the same overview, no form, and membership refuses it the creation.
  await context.close();
  ({ context, page } = await fresh());
  await signInStaff(page, BASE, 'city-service', `console-shell-${width}`, { department: 'voirie', backTo: `/console/${id}` });
  await page.getByRole('heading', { level: 1, name: 'Assemblée de la console' }).waitFor();
  check((await page.locator('#console-section').textContent()).includes('Direction : voirie'), `${width}px: the department is named`);
  await shot('city-service');
  await page.goto(`${BASE}/console`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Les assemblées' }).waitFor();
  await page.getByRole('link', { name: 'Assemblée de la console' }).first().waitFor();
  check(await page.getByRole('heading', { name: 'Décrire une nouvelle assemblée' }).count() === 0,
    `${width}px: a department is not offered the new assembly's form`);
  const refused = await call(BASE, 'membership', 'POST', '/v1/assemblies', { id: `${id}-x`, name: 'x' },
    { bearer: token('city-service', `console-shell-${width}`, 'voirie'), expect: [403] }).then(() => true, () => false);
  check(refused, `${width}px: membership refuses a department the creation (403)`);

  // A member: the console is not open.
  await context.close();
  ({ context, page } = await fresh());
  const memberId = crypto.randomUUID();
  token('member', memberId);
  await page.goto(`${BASE}/console`, { waitUntil: 'networkidle' });
  await signInMember(page, memberId, { scope: page.locator('#contenu'), backTo: '/console' });
  await page.getByText('la console ne vous est pas ouverte').waitFor();
  await shot('not-staff');
  await context.close();
  check(csp.length === 0, `${width}px: no Content Security Policy violation (${csp.join(' | ')})`);
}

try {
  await reachable(BASE);
  const browser = await launch();
  try {
    for (const width of [1280, 320]) await run(browser, width);
  } finally {
    await browser.close();
  }
} catch (e) {
  console.error(e instanceof StackError ? `stack: ${e.message}` : e);
  process.exit(2);
}
finish();
