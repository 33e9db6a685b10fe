// The organisers' console as the browser tests reach it: a staff account signed in through
// Keycloak's own login page, as a person of that role does.
import { signInThroughKeycloak, testPassword, token } from './stack.mjs';

// Makes the test user `<role>.<subject>` (ops/token: with the test password, the department
// and the assemblies asked), opens `backTo` (the console by default) on `base`, signs in there
// on Keycloak's page and waits to be back on `backTo`.
export async function signInStaff(page, base, role, subject, { department, assemblies, backTo = '/console' } = {}) {
  token(role, subject, ...(department ? [department] : []), ...(assemblies ? ['--assemblies', assemblies.join(',')] : []));
  await page.goto(`${base}${backTo}`);
  await page.getByRole('button', { name: /^(Se connecter|Sign in)$/ }).first().click();
  await signInThroughKeycloak(page, `${role}.${subject}`, testPassword());
  await page.waitForURL((url) => url.pathname === backTo);
}
