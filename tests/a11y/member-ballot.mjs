#!/usr/bin/env node
// The members' space in a real browser (headless Chromium, playwright-core) against the running
// stack through one origin (the gateway: the site, /api/<service>, /auth), Keycloak included:
//   node tests/a11y/member-ballot.mjs [--base URL] [--shots DIR]
// Sets up, with a secretariat token through the real APIs, an assembly of seated members with two
// secret ballots open. Then, at 1280 px and at 320 px wide, one member each: asked to sign in on
// the votes page, signs in on Keycloak's login page; votes in a secret ballot (nothing chosen:
// said next to the choice, focused), sees the receipt; the secretariat closes the ballot; the
// member sees the result (the totals the service counted) and checks the receipt (a mistyped one
// said next to the field; the right one: counted); then proposes a new version of the workshop's
// notebook (an empty text refused next to the field), read back by the secretariat with the member
// as its author; drafts a recommendation (a missing title said next to it; refused, said so,
// while the workshop's mandate is not adopted); answers the evaluation questionnaire (a missing
// rating said next to it; once, counted); no other member's id appears on the member's pages. On every state: axe-core
// (WCAG 2.0/2.1 A and AA, zero violations), no horizontal scrolling, no Content Security Policy
// violation, a full-page screenshot (DIR, default var/screenshots/web/member-<state>-<width>.png).
// Exit status: 0 ok, 1 a check failed, 2 the stack or the browser could not be used.
import { closeBallot, openEvaluation, openSecretBallot, seatedAssembly } from './lib/ballot-fixture.mjs';
import {
  audit as auditPage,
  checks,
  cspViolations,
  describedBy,
  focusedId,
  horizontalOverflow,
  launch,
  options,
  StackError,
} from './lib/page-audit.mjs';
import { reachable, signInMember, staffApi } from './lib/stack.mjs';

const TIMEOUT_MS = 60000;
const { base: BASE, shots: SHOTS } = options();
const { check, finish } = checks('members\' space');

// axe-core, the width, a screenshot.
async function audit(page, state, width) {
  await auditPage(page, check, SHOTS, `member-${state}-${width}`, `${state} @${width}px`);
  const overflow = await horizontalOverflow(page);
  check(overflow <= 0, `${state} @${width}px: no horizontal scrolling (overflow ${overflow}px)`);
}

async function run(browser, api, width, fixture, me, ballot, answeredBefore) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  const main = page.locator('#contenu');

  // Not signed in: the page asks to sign in; Keycloak's page signs the member in and brings
  // them back.
  await page.goto(`${BASE}/espace-membre/votes`, { waitUntil: 'networkidle' });
  await main.getByRole('heading', { level: 1, name: 'Espace membre' }).waitFor();
  check(await main.getByText('réservé aux membres').isVisible()
    && await main.getByRole('button', { name: 'Se connecter' }).isVisible(), `${width}px: signed out, the votes page asks to sign in`);
  await audit(page, 'signed-out', width);
  await signInMember(page, me, { scope: main, backTo: '/espace-membre/votes' });
  const article = main.locator('article', { hasText: ballot.question });
  await article.getByRole('button', { name: 'Voter' }).waitFor();
  check(new URL(page.url()).pathname === '/espace-membre/votes'
    && (await page.evaluate(() => Object.keys(sessionStorage).some((k) => k.startsWith('oidc.user:')))),
    `${width}px: signed in through Keycloak's login page, back on the votes page`);
  await audit(page, 'ballot-open', width);

  // Nothing chosen: said next to the choice, which takes the focus; nothing sent.
  await article.getByRole('button', { name: 'Voter' }).click();
  await article.getByText('Choisissez pour, contre ou abstention.').waitFor();
  check((await focusedId(page)) === `ballot-${ballot.id}-choice-0`, `${width}px: a missing choice takes the focus to the choice`);
  await audit(page, 'ballot-missing', width);

  // The vote: against. The receipt is shown.
  await article.locator('label', { hasText: 'Contre' }).click();
  await article.getByRole('button', { name: 'Voter' }).click();
  const status = article.getByRole('status');
  await status.getByText('Votre reçu').waitFor();
  const receipt = ((await status.textContent()) ?? '').match(/[0-9a-f]{32}/)?.[0];
  check(!!receipt, `${width}px: the secret vote gives a receipt (${receipt})`);
  await audit(page, 'ballot-voted', width);
  // Back on the page later: it knows the member voted (the receipt kept in this browser).
  await page.reload({ waitUntil: 'networkidle' });
  await article.getByRole('button', { name: /Voter|Changer mon vote/ }).waitFor();
  check(await article.getByRole('button', { name: 'Changer mon vote' }).isVisible()
    && ((await article.textContent()) ?? '').includes(receipt ?? '-'),
    `${width}px: back on the page, the ballot says the member voted, with the receipt`);

  // The secretariat closes the ballot: the member sees the result and checks the receipt.
  const closed = await closeBallot(api, ballot.id);
  check(closed.result?.against === 1 && closed.result?.for === 0, `${width}px: the service counted one vote against (${JSON.stringify(closed.result)})`);
  await page.reload({ waitUntil: 'networkidle' });
  const done = main.locator('article', { hasText: ballot.question });
  await done.getByText('Rejeté').waitFor();
  check(await done.getByText('Contre : 1').isVisible(), `${width}px: the closed ballot shows the counted totals`);
  const field = done.getByLabel('Votre reçu');
  check((await field.inputValue()) === receipt, `${width}px: the receipt is kept for the check`);
  await field.fill('1234-abcd');
  await done.getByRole('button', { name: 'Vérifier mon reçu' }).click();
  await done.getByText('Un reçu comporte 32 caractères', { exact: false }).first().waitFor();
  check((await describedBy(page, `ballot-${ballot.id}-receipt`)).includes('Un reçu comporte 32 caractères'), `${width}px: a mistyped receipt is said next to the field`);
  check((await focusedId(page)) === `ballot-${ballot.id}-receipt`, `${width}px: the mistyped receipt takes the focus`);
  await audit(page, 'receipt-mistyped', width);
  await field.fill(receipt ?? '');
  await done.getByRole('button', { name: 'Vérifier mon reçu' }).click();
  await done.getByRole('status').getByText(/Votre vote a été compté|Aucun vote compté/).waitFor();
  check(await done.getByText('Votre vote a été compté.').isVisible(), `${width}px: the receipt says the vote was counted`);
  await audit(page, 'receipt-counted', width);

  // The workshop's notebook: an empty text refused next to the field; then a new version.
  await page.goto(`${BASE}/espace-membre/carnet`, { waitUntil: 'networkidle' });
  await main.getByRole('heading', { level: 1, name: 'Le carnet de l’atelier' }).waitFor();
  const text = main.getByLabel('Texte du carnet');
  await main.getByRole('heading', { name: 'Version en cours' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('#contenu [role="status"]'));
  await audit(page, 'notebook', width);
  const before = await text.inputValue();
  await text.fill('');
  await main.getByRole('button', { name: 'Enregistrer la nouvelle version' }).click();
  await main.getByText('Saisissez le texte du carnet.').waitFor();
  check((await focusedId(page)) === 'notebook-text', `${width}px: an empty notebook text takes the focus`);
  await audit(page, 'notebook-missing', width);
  const line = `Proposition à ${width} px : ouvrir les bibliothèques le dimanche.`;
  await text.fill(`${before ? `${before.trimEnd()}\n` : '# Carnet de l’atelier\n'}${line}\n`);
  await main.getByLabel(/Note sur cette version/).fill('Les horaires');
  await main.getByRole('button', { name: 'Enregistrer la nouvelle version' }).click();
  await main.getByText(/La version \d+ du carnet est enregistrée/).waitFor();
  await audit(page, 'notebook-saved', width);

  const theme = fixture.members.find((m) => m.id === me)?.workshop_theme;
  const workshopId = fixture.workshops[theme];
  if (!workshopId) throw new StackError(`the member's workshop (${theme}) is not among the assembly's`);
  const versions = await api('GET', 'workshops', `/v1/workshops/${workshopId}/notebook/versions`);
  const last = [...versions.items].sort((a, b) => b.version - a.version)[0];
  const read = await api('GET', 'workshops', `/v1/workshops/${workshopId}/notebook/versions/${last.version}`);
  check(read.text.includes(line) && String(read.author).includes(me), `${width}px: the secretariat reads the member's version (${last.version}, by ${read.author})`);

  // The workshop's recommendations: before its mandate is adopted a draft is refused, said so.
  await page.goto(`${BASE}/espace-membre/recommandations`, { waitUntil: 'networkidle' });
  await main.getByRole('heading', { level: 1, name: 'Les recommandations de l’atelier' }).waitFor();
  await main.getByText('L’atelier n’a encore aucune recommandation.').waitFor();
  await main.getByRole('button', { name: 'Enregistrer le projet' }).click();
  await main.getByText('Donnez un titre à la recommandation.').waitFor();
  check((await focusedId(page)) === 'recommendation-title', `${width}px: a draft without a title takes the focus to the title`);
  await main.getByLabel('Titre').fill('Bibliothèques ouvertes le dimanche');
  await main.getByLabel('Texte de la recommandation').fill('Ouvrir les bibliothèques le dimanche.');
  await main.getByRole('button', { name: 'Enregistrer le projet' }).click();
  await main.getByText(/pas encore de mandat adopté/).waitFor();
  check((await main.getByText(/pas encore de mandat adopté/).isVisible()), `${width}px: a draft before the mandate is adopted is refused, said so`);
  await audit(page, 'recommendations-refused', width);

  // The evaluation questionnaire: a missing rating said next to it; answered once.
  await page.goto(`${BASE}/espace-membre/evaluation`, { waitUntil: 'networkidle' });
  await main.getByRole('heading', { level: 2, name: fixture.evaluation.title }).waitFor();
  await audit(page, 'evaluation', width);
  await main.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await main.getByText('Choisissez une note.').waitFor();
  check((await focusedId(page)) === `evaluation-${fixture.evaluation.id}-useful-0`, `${width}px: a missing rating takes the focus to the scale`);
  await audit(page, 'evaluation-missing', width);
  await main.getByRole('group', { name: /Votre travail/ }).locator('label', { hasText: /^4$/ }).click();
  await main.getByLabel(/Que faudrait-il améliorer/).fill('Plus de temps entre les séances.');
  await main.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await main.getByText('Merci : vos réponses sont enregistrées.').waitFor();
  await audit(page, 'evaluation-answered', width);
  await page.reload({ waitUntil: 'networkidle' });
  await main.getByText('Vous avez répondu à ce questionnaire. Merci.').waitFor();
  check((await main.getByRole('button', { name: 'Envoyer mes réponses' }).count()) === 0, `${width}px: back on the page, the answered questionnaire offers no form`);
  const evaluation = await api('GET', 'membership', `/v1/evaluations/${fixture.evaluation.id}`);
  check(evaluation.responses === answeredBefore + 1, `${width}px: the service counts the answer (${evaluation.responses})`);

  // Nothing of the other members on the member's pages.
  const others = fixture.members.map((m) => m.id).filter((id) => id !== me);
  for (const where of ['/espace-membre/carnet', '/espace-membre/votes', '/espace-membre/recommandations', '/espace-membre/evaluation']) {
    await page.goto(`${BASE}${where}`, { waitUntil: 'networkidle' });
    const body = await page.evaluate(() => document.body.innerText);
    check(!others.some((id) => body.includes(id)), `${width}px: ${where} names no other member`);
  }
  check(csp.length === 0, `${width}px: no Content Security Policy violation${csp.length ? `: ${csp.join(' | ')}` : ''}`);
  await context.close();
}

async function main() {
  await reachable(BASE);
  const api = staffApi(BASE, 'web-member-ballot');
  const fixture = await seatedAssembly(api, 'web-member', 4);
  const ballots = [];
  for (const n of [1, 2])
    ballots.push(await openSecretBallot(api, fixture.assembly, `Adopte-t-on la proposition n° ${n} ?`));
  fixture.evaluation = await openEvaluation(api, fixture.assembly);
  const browser = await launch();
  try {
    await run(browser, api, 1280, fixture, fixture.members[0].id, ballots[0], 0);
    await run(browser, api, 320, fixture, fixture.members[1].id, ballots[1], 1);
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${SHOTS}`);
  finish();
}

main().catch((e) => {
  console.error(`member-ballot: ${e instanceof StackError ? '' : 'error: '}${e.message}`);
  process.exit(e instanceof StackError ? 2 : 1);
});
