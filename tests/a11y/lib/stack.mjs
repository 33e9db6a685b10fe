// What the browser tests share: the running stack reached through the gateway (the site,
// /api/<service>, /auth), staff tokens and test accounts from the stack's Keycloak (ops/token),
// members made by a real panel draw, a headless Chromium (playwright-core, the system's), the
// sign-in through Keycloak's own login page, and the audit of a page state (axe-core, WCAG 2.0/2.1
// A and AA, zero violations; a full-page screenshot).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import axe from 'axe-core';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
export const CHROMIUM = process.env.A11Y_CHROMIUM || '/usr/bin/chromium';
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The stack could not be used (exit 2), as opposed to a check that failed (exit 1).
export class StackError extends Error {}

// --base URL (default: the gateway on WEB_PORT) and --shots DIR (default var/screenshots/web).
export function options(argv = process.argv.slice(2)) {
  const opt = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
  };
  return {
    base: opt('--base', `http://127.0.0.1:${process.env.WEB_PORT || 8080}`),
    shots: opt('--shots', path.join(ROOT, 'var/screenshots/web')),
  };
}

// Checks that print as they go and are counted; `finish` exits 0 when none failed, else 1.
export function checks(name) {
  const failures = [];
  const check = (ok, what) => {
    console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
    if (!ok) failures.push(what);
    return ok;
  };
  const finish = () => {
    console.log(`${name}: ${failures.length === 0 ? 'all checks passed' : `${failures.length} failed`}`);
    process.exit(failures.length === 0 ? 0 : 1);
  };
  return { check, failures, finish };
}

// An access token of the stack's Keycloak for a test user holding ROLE (ops/token: made on
// demand; for role member SUBJECT is the member id, which is also the username).
export function token(role, subject, ...more) {
  return execFileSync(path.join(ROOT, 'ops/token'), [role, ...(subject ? [subject] : []), ...more], {
    encoding: 'utf8',
  }).trim();
}

// The one password of the stack's test users (tools/identity), to type on Keycloak's page.
export function testPassword() {
  let file = process.env.KEYCLOAK_TEST_PASSWORD_FILE;
  if (!file) {
    const env = fs.readFileSync(path.join(ROOT, 'var/stack.env'), 'utf8');
    file = env.match(/^export KEYCLOAK_TEST_PASSWORD_FILE='?([^'\n]+)'?$/m)?.[1];
  }
  if (!file) throw new StackError('no KEYCLOAK_TEST_PASSWORD_FILE: is the stack up (ops/stack up)?');
  return fs.readFileSync(file, 'utf8').trim();
}

// A call to a service through the gateway; the parsed answer, or StackError when its status is
// not among `expect`.
export async function call(base, service, method, route, body, { bearer, type = 'application/json', expect = [200, 201] } = {}) {
  const r = await fetch(`${base}/api/${service}${route}`, {
    method,
    headers: {
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': type }),
    },
    body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
  });
  const text = await r.text();
  if (!expect.includes(r.status)) throw new StackError(`${method} /api/${service}${route}: ${r.status} ${text.slice(0, 300)}`);
  return r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
}

// `probe` until it answers something truthy (that answer), or StackError after `seconds`.
export async function eventually(what, probe, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const got = await probe().catch(() => undefined);
    if (got) return got;
    if (Date.now() > deadline) throw new StackError(`${what}: not within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// A fresh assembly whose panel draw made `seats` members (as tests/e2e do), all invited by the
// secretariat: their records as membership lists them.
export async function invitedMembers(base, staff, prefix, seats) {
  const assembly = `${prefix}-${Date.now()}`;
  const candidates = Array.from({ length: seats * 2 }, (_, i) => ({
    person_id: `person-${i}`,
    pool: 'roll',
    attributes: { sex: i % 2 ? 'male' : 'female', arrondissement: String(1 + (i % 20)) },
  }));
  await call(base, 'sortition', 'POST', '/v1/panel-draws',
    { assembly_id: assembly, seats, seed: `browser-public-seed-${assembly}`, candidates }, { bearer: staff });
  await eventually('the panel becoming members', async () => {
    const got = await call(base, 'membership', 'GET', `/v1/members?assembly_id=${assembly}`, undefined, { bearer: staff });
    return got.items.length === seats;
  });
  await call(base, 'membership', 'POST', `/v1/assemblies/${assembly}/bulk-actions`, { action: 'invite' }, { bearer: staff });
  const members = await call(base, 'membership', 'GET', `/v1/members?assembly_id=${assembly}`, undefined, { bearer: staff });
  return { assembly, members: members.items };
}

export async function launch() {
  if (!fs.existsSync(CHROMIUM)) throw new StackError(`no Chromium at ${CHROMIUM}`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
}

// Nothing answering at the site's address is a stack that cannot be used.
export async function reachable(base) {
  try {
    await fetch(base);
  } catch {
    throw new StackError(`nothing answers at ${base}: is the gateway up (ops/stack up)?`);
  }
}

// The Content Security Policy violations Chromium reports on this page (an array that fills).
export function cspViolations(page) {
  const found = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) found.push(m.text());
  });
  return found;
}

// axe-core on the page as it is (zero violations expected), then a full-page screenshot
// <shots>/<name>.png.
export async function audit(page, check, shots, name) {
  // Through the DevTools protocol: an added <script> element would break the page's CSP.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axe.source);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  check(found.length === 0, `${name}: axe WCAG 2.1 AA violations: ${found.join('; ') || 'none'}`);
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// On Keycloak's login page (the realm's own theme, reached through the gateway's /auth): types
// the username and password and signs in, as a person does.
export async function signInThroughKeycloak(page, username, password) {
  await page.waitForURL(/\/auth\/realms\/assembly\/protocol\/openid-connect\/auth/);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}

// The text of the messages tied to a control by aria-describedby.
export const describedBy = (page, id) =>
  page.evaluate((id) => {
    const el = document.getElementById(id);
    return (el?.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((x) => document.getElementById(x)?.textContent ?? '')
      .join(' ')
      .trim();
  }, id);

export const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');
