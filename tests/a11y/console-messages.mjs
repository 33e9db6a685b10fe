#!/usr/bin/env node
// The console's messages section in a real browser (headless Chromium, playwright-core) against
// the running stack through the gateway, Keycloak's own login page included:
//   node tests/a11y/console-messages.mjs [--base URL] [--shots DIR]
// A panel draw makes four invited members of a fresh assembly: the invitation makes each a
// confirmation-request message (notifications). Three are given an e-mail address through
// membership (PUT /v1/members/{id}/contact), so their message is sent (to Mailpit on the local
// stack); the fourth has none, so theirs waits for contact details. At 1280 and at 320 px wide:
// the secretariat opens Messages from the menu; the figures' table holds what the service counts
// (GET /v1/assemblies/{id}/message-figures, read back); the list shows each message's state in
// words with a link to the member's page; a sent message's text opens in place, the same as the
// service's (GET /v1/messages/{id}/text); the state filter goes into the address and survives a
// reload; no "Renvoyer" on a sent message, and the service refuses to send one again (409).
// Uncertain and refused messages cannot be made on the local stack (an uncertain one needs the
// sender stopped mid-exchange, a setting of notifications_e2e_test only), so the list's answer is
// rewritten in the browser to show one sent message as refused: the notice, the confirmation
// step and then the real service's 409 said next to the row, the row read again from the
// service (sent). The auditor sees the section without any action, and the service refuses them
// a resend (403). On every state: axe-core (WCAG 2.0/2.1 A and AA, zero violations), no Content
// Security Policy violation, no horizontal scrolling, a full-page screenshot
// (DIR/console-messages-<state>-<width>.png, default var/screenshots/console/).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import { signInStaff } from './lib/console.mjs';
import { audit, checks, cspViolations, horizontalOverflow, launch, options, overflowing, StackError } from './lib/page-audit.mjs';
import { call, eventually, invitedMembers, reachable, staffApi, token } from './lib/stack.mjs';

const TIMEOUT_MS = 60000;
const { base: BASE, shots: SHOTS } = options('var/screenshots/console');
const { check, finish } = checks('console messages');
const api = staffApi(BASE, 'web-console-messages');
const notifications = (method, route, body, opts) => api(method, 'notifications', route, body, opts);

// The page's words (src/console/notifications/messages.ts).
const COLUMNS = ['sent', 'pending', 'uncertain', 'refused', 'skipped', 'waiting'];
const STATE = { sent: 'envoyé', pending: 'en attente d’envoi', sending: 'en attente d’envoi', uncertain: 'incertain',
  refused: 'refusé', skipped: 'non envoyé', waiting: 'en attente de coordonnées' };

async function openSection(page, name) {
  const button = page.locator('.fr-sidemenu__btn');
  if (await button.isVisible()) {
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  }
  await page.locator('.fr-sidemenu').getByRole('link', { name, exact: true }).click();
}

// The row of the list for a member (their short id in the member's cell).
const rowOf = (page, memberId) => page.locator('#messages-list tbody tr', { hasText: memberId.slice(0, 8) });

async function run(browser, width, assembly, messages) {
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
    check(overflow <= 0, `${width}px ${what}: no horizontal scrolling (overflow ${overflow}px${overflow > 0 ? `: ${await overflowing(page)}` : ''})`);
  };
  const sent = messages.filter((m) => m.state === 'sent');
  const waiting = messages.find((m) => m.state === 'waiting');

  // The secretariat.
  let { context, page } = await fresh();
  let shot = (state) => audit(page, check, SHOTS, `console-messages-${state}-${width}`, `${width}px ${state}`);
  await signInStaff(page, BASE, 'secretariat', `console-messages-${width}`, { backTo: `/console/${assembly}` });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await openSection(page, 'Messages');
  await page.getByRole('heading', { level: 1, name: 'Messages aux membres' }).waitFor();
  check(page.url().endsWith(`/console/${assembly}/messages`), `${width}px: the section's address (${page.url()})`);

  // The figures, as the service counts them.
  const figures = await notifications('GET', `/v1/assemblies/${assembly}/message-figures`);
  const table = page.getByRole('table', { name: /par sorte et par état/ });
  await table.waitFor();
  const cells = await table.locator('tbody tr', { hasText: 'Demande de confirmation' }).locator('th, td').allTextContents();
  const counts = figures.by_kind['confirmation-request'] ?? {};
  const expected = COLUMNS.map((s) => String((counts[s] ?? 0) + (s === 'pending' ? counts.sending ?? 0 : 0)));
  check(JSON.stringify(cells.slice(1)) === JSON.stringify(expected),
    `${width}px: the figures' row is the service's counts (${cells.join('|')} vs ${expected.join('|')})`);
  check((await table.locator('caption').textContent()).includes(`${figures.total} au total`), `${width}px: the caption gives the total`);
  check(expected[0] === String(sent.length) && expected[5] === '1', `${width}px: three sent, one waiting for contact details (${expected})`);
  check(!(await page.locator('#messages-uncertain').count()), `${width}px: no uncertain notice when none is uncertain`);

  // The list, each state in words, the member linked to their page.
  for (const m of messages) {
    const row = rowOf(page, m.member_id);
    await row.waitFor();
    const text = await row.textContent();
    check(text.includes(STATE[m.state]) && text.includes('Demande de confirmation'),
      `${width}px: the list shows member ${m.member_id.slice(0, 8)}'s message ${m.state} (${text.slice(0, 120)})`);
    check((await row.getByRole('button', { name: 'Renvoyer' }).count()) === 0, `${width}px: no "Renvoyer" on a ${m.state} message`);
  }
  const memberLink = rowOf(page, waiting.member_id).getByRole('link');
  check((await memberLink.getAttribute('href')) === `/console/${assembly}/membres/membre/${waiting.member_id}`,
    `${width}px: the member's id links to their page in the members' section`);
  await noOverflow(page, 'messages');
  await shot('list');

  // A sent message's text, the same as the service's.
  const first = sent[0];
  const { text } = await notifications('GET', `/v1/messages/${first.id}/text`);
  const show = rowOf(page, first.member_id).getByRole('button', { name: 'Voir le texte' });
  await show.click();
  const pre = rowOf(page, first.member_id).locator('pre');
  await pre.waitFor();
  check((await pre.textContent()) === text, `${width}px: the text shown is the service's`);
  const toggle = rowOf(page, first.member_id).locator('button[aria-expanded]');
  check((await toggle.getAttribute('aria-expanded')) === 'true' && (await toggle.textContent()).includes('Masquer'),
    `${width}px: the button says the text is shown`);
  await noOverflow(page, 'message text');
  await shot('text');

  // The state filter, into the service's query and the address, across a reload.
  await page.locator('#messages-state').selectOption('waiting');
  const listed = page.waitForResponse((r) => r.url().includes('/api/notifications/v1/messages?') && r.url().includes('state=waiting'));
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await listed;
  check(new URL(page.url()).searchParams.get('state') === 'waiting', `${width}px: the filter is kept in the address (${page.url()})`);
  await page.reload();
  await rowOf(page, waiting.member_id).waitFor();
  check((await page.locator('#messages-list tbody tr').count()) === 1 && (await page.locator('#messages-state').inputValue()) === 'waiting',
    `${width}px: after a reload, only the waiting message and the filter still chosen`);
  await shot('filtered');

  // The service refuses to send a sent message again.
  const again = await call(BASE, 'notifications', 'POST', `/v1/messages/${first.id}/resend`, {},
    { bearer: token('secretariat', 'web-console-messages'), expect: [409] }).then(() => true, () => false);
  check(again, `${width}px: notifications refuses to send a sent message again (409)`);

  // A refused message (the list's answer rewritten in the browser, see the header): the notice,
  // the confirmation, the real service's 409 next to the row, the row read again.
  const pretend = sent[1];
  await page.route(/\/api\/notifications\/v1\/messages\?/, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const m of body.items) if (m.id === pretend.id) Object.assign(m, { state: 'refused', last_error: '550 5.1.1 mailbox unavailable' });
    await route.fulfill({ response, json: body });
  });
  await page.route(/\/message-figures$/, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    body.by_kind['confirmation-request'].uncertain = 1;
    await route.fulfill({ response, json: body });
  });
  await page.goto(`${BASE}/console/${assembly}/messages`);
  await page.locator('#messages-uncertain').waitFor();
  check((await page.locator('#messages-uncertain').textContent()).includes('second exemplaire'),
    `${width}px: the uncertain notice says a second copy may reach the member`);
  const row = rowOf(page, pretend.member_id);
  await row.getByRole('button', { name: 'Renvoyer' }).click();
  const confirm = row.getByRole('button', { name: 'Confirmer le renvoi' });
  await confirm.waitFor();
  check(await confirm.evaluate((b) => b === document.activeElement), `${width}px: the confirmation takes the focus`);
  await noOverflow(page, 'resend confirmation');
  await shot('confirm');
  await page.unroute(/\/api\/notifications\/v1\/messages\?/);
  await confirm.click();
  await row.getByText('ne peut plus être renvoyé').waitFor();
  check((await row.textContent()).includes(STATE.sent), `${width}px: after the 409 the row shows the service's state (sent)`);
  const held = await notifications('GET', `/v1/messages/${pretend.id}`);
  check(held.state === 'sent' && held.attempts === pretend.attempts, `${width}px: the service still holds it sent, not sent again`);
  await noOverflow(page, 'resend refused');
  await shot('conflict');
  await context.close();

  // The auditor: the section, no action; the service refuses them a resend.
  ({ context, page } = await fresh());
  shot = (state) => audit(page, check, SHOTS, `console-messages-${state}-${width}`, `${width}px ${state}`);
  await signInStaff(page, BASE, 'auditor', `console-messages-${width}`, { backTo: `/console/${assembly}` });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await openSection(page, 'Messages');
  await page.getByRole('heading', { level: 1, name: 'Messages aux membres' }).waitFor();
  await rowOf(page, waiting.member_id).waitFor();
  check((await page.locator('#messages-list tbody tr').count()) === messages.length, `${width}px: the auditor sees every message`);
  check((await page.getByRole('button', { name: /Renvoyer|Confirmer/ }).count()) === 0, `${width}px: the auditor is offered no resend`);
  check((await rowOf(page, waiting.member_id).getByRole('link').count()) === 0, `${width}px: the auditor gets no link to the members' section`);
  const refused = await call(BASE, 'notifications', 'POST', `/v1/messages/${first.id}/resend`, {},
    { bearer: token('auditor', `console-messages-${width}`), expect: [403] }).then(() => true, () => false);
  check(refused, `${width}px: notifications refuses the auditor a resend (403)`);
  await noOverflow(page, 'auditor');
  await shot('auditor');
  await context.close();
  check(csp.length === 0, `${width}px: no Content Security Policy violation (${csp.join(' | ')})`);
}

try {
  await reachable(BASE);
  const { assembly, members } = await invitedMembers(api, 'console-messages', 4);
  for (const m of members.slice(0, 3))
    await api('PUT', 'membership', `/v1/members/${m.id}/contact`, { email: `messages.${m.id.slice(0, 8)}@example.org`, preferred_channel: 'email' });
  // Each member's confirmation-request settled by the sender: three sent, one waiting.
  const messages = await eventually('the assembly\'s messages settled', async () => {
    const { items } = await notifications('GET', `/v1/messages?assembly_id=${assembly}&limit=100`);
    const states = items.map((m) => m.state).sort().join(',');
    return items.length === 4 && states === 'sent,sent,sent,waiting' ? items : undefined;
  }, 120);
  const browser = await launch();
  try {
    await run(browser, 1280, assembly, messages);
    await run(browser, 320, assembly, messages);
  } finally {
    await browser.close();
  }
} catch (e) {
  console.error(e instanceof StackError ? `stack: ${e.message}` : e);
  process.exit(2);
}
finish();
