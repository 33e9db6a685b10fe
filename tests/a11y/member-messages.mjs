#!/usr/bin/env node
// The members' space's "My messages" in a real browser (headless Chromium, playwright-core) against
// the running stack through one origin (the gateway: the site, /api/<service>, /auth), Keycloak
// included:
//   node tests/a11y/member-messages.mjs [--base URL] [--shots DIR]
// A panel draw makes two members of a fresh assembly, invited, confirmed and seated (secretariat
// token, ops/token); the invitation made each a confirmation-request message (notifications),
// waited for until the sender has settled it. At 1280 and at 320 px wide, one of them (each run
// its own) opens /espace-membre/messages (the List-Unsubscribe address of the optional e-mails)
// signed out, signs in on Keycloak's own login page and comes back to it; the mandatory kinds are
// ticked and cannot be changed, the follow-up reports can; the table lists the member's messages
// with their state in the words of the service's state (read through the API); unticks the
// follow-up reports and saves (read back: report-published not received; after a reload the box
// stays unticked), then ticks them again (read back: received). With the member's own token the
// service refuses a mandatory kind (422 naming /refused/0) and another member's choices (403).
// The English address in English. On every state: axe-core (WCAG 2.0/2.1 A and AA, zero
// violations), no horizontal scrolling, no Content Security Policy violation, a full-page
// screenshot (DIR/member-messages-<state>-<width>.png, default var/screenshots/member/).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import { seatInvited } from './lib/ballot-fixture.mjs';
import {
  audit as auditPage,
  checks,
  cspViolations,
  horizontalOverflow,
  launch,
  options,
  StackError,
} from './lib/page-audit.mjs';
import { eventually, invitedMembers, reachable, signInMember, staffApi, token } from './lib/stack.mjs';

const TIMEOUT_MS = 60000;
const { base: BASE, shots: SHOTS } = options('var/screenshots/member');
const { check, finish } = checks('member messages');
const api = staffApi(BASE, 'web-member-messages');
const notifications = (method, route, body, opts) => api(method, 'notifications', route, body, opts);

// The page's words for each state and kind (src/i18n/messages.ts, member.messages.*).
const STATES = {
  sent: 'envoyé',
  skipped: 'non envoyé (votre choix ou votre canal)',
  waiting: 'en attente de vos coordonnées',
  refused: 'refusé par le serveur de messagerie',
  uncertain: 'incertain : le secrétariat vérifie',
  pending: 'en cours d’envoi',
  sending: 'en cours d’envoi',
};
const KINDS = {
  'confirmation-request': 'Demande de confirmation',
  'confirmation-reminder': 'Rappel de confirmation',
  'replacement-drawn': 'Tirage en remplacement',
  'report-published': 'Rapports de suivi',
};
const MANDATORY = ['confirmation-request', 'confirmation-reminder', 'replacement-drawn'];
const REPORT = 'report-published';

// The member's messages as the service holds them, once the sender has settled each (no longer
// pending or sending): the invitation's confirmation-request at least.
const settledMessages = (me) =>
  eventually('the member\'s messages settled by the sender', async () => {
    const { items } = await notifications('GET', `/v1/members/${me}/messages`);
    return items.length > 0 && items.every((m) => m.state !== 'pending' && m.state !== 'sending') ? items : undefined;
  }, 90);

// A call to notifications with a member's token: its status and its parsed body.
async function asMember(bearer, method, route, body) {
  const r = await fetch(`${BASE}/api/notifications${route}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: r.status, body: parsed };
}

const receives = async (me, kind) =>
  (await notifications('GET', `/v1/members/${me}/preferences`)).kinds.find((k) => k.kind === kind)?.receive;

async function run(browser, width, me, other) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  const main = page.locator('#contenu');
  const audit = async (state) => {
    await auditPage(page, check, SHOTS, `member-messages-${state}-${width}`, `${state} @${width}px`);
    const overflow = await horizontalOverflow(page);
    check(overflow <= 0, `${state} @${width}px: no horizontal scrolling (overflow ${overflow}px)`);
  };
  const box = (kind) => page.locator(`#member-messages-kind-${kind}`);
  const save = async () => {
    await main.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await main.getByRole('status').getByText('Vos choix sont enregistrés.').waitFor();
  };
  const held = await settledMessages(me);

  // The address the e-mails give, signed out: sign in on Keycloak's page, back to it.
  const r = await page.goto(`${BASE}/espace-membre/messages`, { waitUntil: 'networkidle' });
  check(r?.status() === 200, `${width}px: /espace-membre/messages answers 200 (got ${r?.status()})`);
  await main.getByRole('heading', { level: 1, name: 'Espace membre' }).waitFor();
  await audit('signed-out');
  await signInMember(page, me, { scope: main, backTo: '/espace-membre/messages' });
  await main.getByRole('heading', { level: 1, name: 'Mes messages' }).waitFor();
  await box(REPORT).waitFor({ state: 'attached' });

  // The kinds: the mandatory ones ticked and not changeable, said so; the reports free.
  for (const kind of MANDATORY) {
    const group = main.locator('.fr-checkbox-group', { has: box(kind) });
    check(await box(kind).isChecked() && await box(kind).isDisabled()
      && (await group.textContent()).includes(KINDS[kind]) && (await group.textContent()).includes('obligatoire : toujours envoyé'),
    `${width}px: ${kind} is ticked, cannot be changed and is said mandatory`);
  }
  check(await box(REPORT).isChecked() && await box(REPORT).isEnabled(), `${width}px: the follow-up reports are received and can be refused`);

  // The messages sent: one row each, the kind and the state in words, as the service holds them.
  const table = main.getByRole('table', { name: 'Vos messages, du plus récent au plus ancien' });
  await table.waitFor();
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  const shown = rows.map(([, kind, state]) => `${kind} / ${state}`).sort();
  const expected = held.map((m) => `${KINDS[m.kind] ?? m.kind} / ${STATES[m.state]}`).sort();
  check(JSON.stringify(shown) === JSON.stringify(expected),
    `${width}px: the table shows the member's messages with their states in words (${shown.join('; ')}; the service: ${expected.join('; ')})`);
  check(rows.every(([date]) => /\d{4}.*\d{1,2}:\d{2}/.test(date)), `${width}px: each message is dated, with its time`);
  await audit('choices');

  // The reports refused: saved, said so, read back from the service and after a reload.
  await page.locator(`label[for="member-messages-kind-${REPORT}"]`).click();
  check(!(await box(REPORT).isChecked()), `${width}px: the follow-up reports unticked`);
  await save();
  check(!(await box(REPORT).isChecked()), `${width}px: the page shows what the service answered (not received)`);
  check((await receives(me, REPORT)) === false, `${width}px: notifications holds report-published not received`);
  for (const kind of MANDATORY) check((await receives(me, kind)) === true, `${width}px: ${kind} still received`);
  await audit('refused');
  await page.reload({ waitUntil: 'networkidle' });
  await main.getByRole('heading', { level: 1, name: 'Mes messages' }).waitFor();
  await box(REPORT).waitFor({ state: 'attached' });
  check(!(await box(REPORT).isChecked()), `${width}px: after a reload the follow-up reports are still unticked`);

  // The service's own rules, with the member's token: a mandatory kind is refused naming it;
  // another member's choices are not theirs.
  const bearer = token('member', me);
  const refusal = await asMember(bearer, 'PUT', `/v1/members/${me}/preferences`, { refused: ['confirmation-request'] });
  check(refusal.status === 422 && refusal.body?.errors?.[0]?.pointer === '/refused/0',
    `${width}px: a mandatory kind is a 422 naming /refused/0 (${refusal.status} ${JSON.stringify(refusal.body?.errors)})`);
  const others = await asMember(bearer, 'GET', `/v1/members/${other}/preferences`);
  check(others.status === 403, `${width}px: another member's choices are refused to the member (${others.status})`);
  check((await receives(me, 'confirmation-request')) === true, `${width}px: nothing changed by the refused request`);

  // Received again.
  await page.locator(`label[for="member-messages-kind-${REPORT}"]`).click();
  await save();
  check(await box(REPORT).isChecked(), `${width}px: the follow-up reports ticked again`);
  check((await receives(me, REPORT)) === true, `${width}px: notifications holds report-published received again`);
  await audit('received');

  // In English (the reader's language, remembered by the application), at the English address.
  await page.evaluate(() => localStorage.setItem('lang', 'en'));
  await page.goto(`${BASE}/member-space/messages`, { waitUntil: 'networkidle' });
  await main.getByRole('heading', { level: 1, name: 'My messages' }).waitFor();
  await main.getByRole('checkbox', { name: /Follow-up reports/ }).waitFor({ state: 'attached' });
  check((await main.locator('.fr-checkbox-group', { has: box('confirmation-request') }).textContent()).includes('mandatory: always sent'),
    `${width}px: in English the mandatory kinds say so`);
  await audit('english');

  check(csp.length === 0, `${width}px: no Content Security Policy violation${csp.length ? `: ${csp.join(' | ')}` : ''}`);
  await context.close();
}

async function main() {
  await reachable(BASE);
  const { assembly, members: drawn } = await invitedMembers(api, 'web-member-messages', 2);
  const { members } = await seatInvited(api, assembly, drawn, 2);
  if (members.length !== 2) throw new StackError(`two seated members expected, got ${members.length}`);
  const browser = await launch();
  try {
    await run(browser, 1280, members[0].id, members[1].id);
    await run(browser, 320, members[1].id, members[0].id);
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${SHOTS}`);
  finish();
}

main().catch((e) => {
  console.error(`member-messages: ${e instanceof StackError ? '' : 'error: '}${e.message}`);
  process.exit(e instanceof StackError ? 2 : 1);
});
