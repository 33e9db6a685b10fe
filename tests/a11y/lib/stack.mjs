// The running stack as the browser tests use it, reached through the gateway (the site,
// /api/<service>, /auth): staff tokens and test accounts from the stack's Keycloak (ops/token),
// calls to the services, members made by a real panel draw, and the sign-in through Keycloak's own
// login page. What a browser test itself is made of (options, checks, Chromium, axe-core,
// screenshots) is in page-audit.mjs.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, StackError } from './page-audit.mjs';

// An access token of the stack's Keycloak for a test user holding ROLE (ops/token: made on
// demand; for role member SUBJECT is the member id, which is also the username, and the account is
// made with the test password, or reused and given it).
export function token(role, subject, ...more) {
  return execFileSync(path.join(ROOT, 'ops/token'), [role, ...(subject ? [subject] : []), ...more], {
    encoding: 'utf8',
  }).trim();
}

// The one password of the stack's test users (tools/identity), to type on Keycloak's page.
export function testPassword() {
  let file = process.env.KEYCLOAK_TEST_PASSWORD_FILE;
  if (!file) {
    const env = path.join(ROOT, 'var/stack.env');
    if (fs.existsSync(env))
      file = fs.readFileSync(env, 'utf8').match(/^export KEYCLOAK_TEST_PASSWORD_FILE='?([^'\n]+)'?$/m)?.[1];
  }
  if (!file) throw new StackError('no KEYCLOAK_TEST_PASSWORD_FILE: is the stack up (ops/stack up)?');
  return fs.readFileSync(file, 'utf8').trim();
}

// Nothing answering at the site's address is a stack that cannot be used.
export async function reachable(base) {
  try {
    await fetch(base);
  } catch {
    throw new StackError(`nothing answers at ${base}: is the gateway up (ops/stack up)?`);
  }
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

// The services as the secretariat (a test user of that role named `subject`) calls them:
// api(method, service, route, body, options of `call`).
export function staffApi(base, subject) {
  const bearer = token('secretariat', subject);
  return (method, service, route, body, opts) => call(base, service, method, route, body, { bearer, ...opts });
}

// `probe` until it answers something truthy (that answer), or StackError after `seconds`.
// `count` time slots of `minutes` each, one after another, all on today's UTC date (the day the
// workshops service gives a session and a roster change): in the last minutes when today has
// room for them, else from now on. A fixture's sessions then never fall on the day before the
// members joined the roster, whatever the hour the test runs.
export function slotsToday(count, minutes = 3, now = Date.now()) {
  const step = minutes * 60000;
  const midnight = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  const first = now - count * step - 60000 >= midnight ? now - count * step - 60000 : now + 60000;
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  return Array.from({ length: count }, (_, i) => ({
    starts_at: iso(first + i * step),
    ends_at: iso(first + i * step + step - 60000),
  }));
}

export async function eventually(what, probe, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const got = await probe().catch(() => undefined);
    if (got) return got;
    if (Date.now() > deadline) throw new StackError(`${what}: not within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// A fresh assembly whose panel draw made `seats` members (twice as many candidates, as tests/e2e
// do), all invited by the secretariat (`api`: staffApi): its id and the members' records as
// membership lists them.
export async function invitedMembers(api, prefix, seats) {
  const assembly = `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
  const candidates = Array.from({ length: seats * 2 }, (_, i) => ({
    person_id: `person-${i}`,
    pool: 'roll',
    attributes: { sex: i % 2 ? 'male' : 'female', arrondissement: String(1 + (i % 20)) },
  }));
  await api('POST', 'sortition', '/v1/panel-draws', { assembly_id: assembly, seats, seed: `web-${assembly}`, candidates });
  await eventually('the panel becoming members', async () =>
    (await api('GET', 'membership', `/v1/members?assembly_id=${assembly}`)).items?.length === seats, 90);
  await api('POST', 'membership', `/v1/assemblies/${assembly}/bulk-actions`, { action: 'invite' });
  const members = await api('GET', 'membership', `/v1/members?assembly_id=${assembly}`);
  return { assembly, members: members.items };
}

// On Keycloak's login page (the realm's own theme, reached through the gateway's /auth): types
// the username and password and signs in, as a person does.
export async function signInThroughKeycloak(page, username, password) {
  await page.waitForURL(/\/auth\/realms\/assembly\/protocol\/openid-connect\/auth/);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}

// On a page of the site that offers "Se connecter" (`button`: its accessible name, inside
// `scope`, the page by default), signs the member in on Keycloak's login page with the test
// password and waits to be back on the site at `backTo`.
export async function signInMember(page, memberId, { button = 'Se connecter', scope = page, backTo } = {}) {
  token('member', memberId); // the account exists, with the test password
  await scope.getByRole('button', { name: button }).first().click();
  await signInThroughKeycloak(page, memberId, testPassword());
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/') && url.pathname !== '/connexion/retour'
    && (!backTo || url.pathname === backTo));
}
