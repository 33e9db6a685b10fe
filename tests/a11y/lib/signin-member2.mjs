// Signing in for the browser tests: staff tokens of the local stack's Keycloak (ops/token), and a
// member's sign-in through Keycloak's real login page in the browser (authorization code + PKCE
// by the web application), with the test users' password.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ROOT } from './page-audit.mjs';

// An access token of a test user holding `role` (made on demand; a member's account is made
// with the test password, or reused and given it).
export function token(role, subject) {
  return execFileSync(path.join(ROOT, 'ops/token'), subject ? [role, subject] : [role], { encoding: 'utf8' }).trim();
}

export function testPassword() {
  const file = process.env.KEYCLOAK_TEST_PASSWORD_FILE || path.join(ROOT, 'var/secrets/keycloak-test-user.password');
  return fs.readFileSync(file, 'utf8').trim();
}

// On a page of the site that offers "Se connecter" (`button`: its accessible name, inside
// `scope`, the page by default), signs the member in on Keycloak's login page and waits to be
// back on the site at `backTo`.
export async function signInMember(page, memberId, { button = 'Se connecter', scope = page, backTo } = {}) {
  token('member', memberId); // the account exists, with the test password
  await scope.getByRole('button', { name: button }).first().click();
  await page.waitForURL(/\/auth\/realms\/assembly\/protocol\/openid-connect\/auth/);
  await page.locator('#username').fill(memberId);
  await page.locator('#password').fill(testPassword());
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/') && url.pathname !== '/connexion/retour'
    && (!backTo || url.pathname === backTo));
}
