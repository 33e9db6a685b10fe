#!/usr/bin/env node
// The public site in a real browser (headless Chromium, playwright-core) against the running
// stack, through one origin (the gateway):
//   node tests/a11y/public-site.mjs --fixture PATH [--base URL] [--shots DIR]
// PATH is public-site-fixture (tests/e2e), which sets up through the services' APIs, with staff
// tokens, a new assembly whose motion the Council adopted and whose commitment has an overdue
// milestone, and prints it as JSON. An unknown assembly's address answers a page saying so (404).
// Then, for the home, the assembly's page, its transparency
// page (each in French and English) and the four static pages (accessibility, legal notice,
// personal data, open data, in both languages):
//  - with JavaScript off: status 200, <html lang>, the page's own content in the server's HTML
//    (the visible text), the overdue milestone's row saying "En retard" / "Overdue" in words;
//  - with JavaScript on, at 1280 and at 320 px wide: axe-core (WCAG 2.0/2.1 A and AA) with zero
//    violations, no Content Security Policy violation, a visible link to the other language (and,
//    on a phone, the menu button opening the menu with it), no horizontal scrolling, a full-page
//    screenshot (DIR, default var/screenshots/site/<page>-<width>.png).
// Exit status: 0 ok, 1 a check failed, 2 the stack, the fixture or the browser could not be used.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { arg, axeViolations, checks, cspViolations, horizontalOverflow, launch, options, ROOT, screenshot, StackError } from './lib/page-audit.mjs';
import { reachable } from './lib/stack.mjs';

const TIMEOUT_MS = 60000; // generous: the suite runs two tests at once on a small machine
const WIDTHS = [1280, 320];

const { base: BASE, shots: SHOTS } = options('var/screenshots/site');
const FIXTURE = arg('--fixture', path.join(ROOT, 'build/bin/public-site-fixture'));
const { check, finish } = checks('public-site');
const squash = (s) => s.replace(/\s+/g, ' ').trim();

// ---- the assembly, through the APIs -----------------------------------------------------------
function setUp() {
  let out;
  try {
    out = execFileSync(FIXTURE, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300000 });
  } catch (e) {
    throw new StackError(`the fixture failed: ${e.message.split('\n')[0]}`);
  }
  const line = out.trim().split('\n').pop();
  return JSON.parse(line);
}

// The pages: name (for the screenshot), path, language, texts its server HTML must show, and
// the milestone whose row must say it is overdue.
function pagesOf(a) {
  const id = a.assembly_id;
  const pages = [
    { name: 'home', path: '/', lang: 'fr', expect: ['Les assemblées citoyennes', id], links: [`/assemblee/${id}`] },
    { name: 'home-en', path: '/en/', lang: 'en', expect: ['The citizens’ assemblies', id], links: [`/en/assembly/${id}`] },
    {
      name: 'assembly', path: `/assemblee/${id}`, lang: 'fr',
      expect: ['Qu’est-ce qu’une assemblée citoyenne ?', 'Qui a été tiré au sort', 'les noms des membres ne sont jamais publiés',
        'Membres par catégorie de tirage', 'Bilan du mandat', `${a.members} réponses, anonymes.`,
        'Notes moyennes', 'Êtes-vous satisfait de votre mandat ?'],
      links: [`/transparence/${id}`, `/voeux/${id}`, `/ateliers/${id}`],
    },
    {
      name: 'assembly-en', path: `/en/assembly/${id}`, lang: 'en',
      expect: ['What is a citizens’ assembly?', 'Who was drawn', 'Bilan du mandat', 'Average ratings'],
      links: [`/en/transparency/${id}`, `/en/motions/${id}`, `/en/workshops/${id}`],
    },
    {
      name: 'transparency', path: `/transparence/${id}`, lang: 'fr',
      expect: [a.motion_title, 'Décision du Conseil', 'Adopté avec amendements', a.commitment_title, a.overdue_milestone],
      overdue: { milestone: a.overdue_milestone, word: 'En retard' },
    },
    {
      name: 'transparency-en', path: `/en/transparency/${id}`, lang: 'en',
      expect: [a.motion_title, 'Council decision', 'Adopted with amendments', a.commitment_title],
      overdue: { milestone: a.overdue_milestone, word: 'Overdue' },
    },
    { name: 'accessibility', path: '/accessibilite', lang: 'fr', expect: ['Déclaration d’accessibilité', 'non conforme', 'Défenseur des droits'] },
    { name: 'accessibility-en', path: '/en/accessibility', lang: 'en', expect: ['Accessibility statement', 'not compliant'] },
    { name: 'legal', path: '/mentions-legales', lang: 'fr', expect: ['Mentions légales', 'Ville de Paris', 'Hébergement'] },
    { name: 'legal-en', path: '/en/legal-notice', lang: 'en', expect: ['Legal notice', 'Hosting'] },
    { name: 'privacy', path: '/donnees-personnelles', lang: 'fr', expect: ['Données personnelles', 'Vos droits', 'délégué à la protection des données'] },
    { name: 'privacy-en', path: '/en/privacy', lang: 'en', expect: ['Personal data', 'Your rights'] },
    { name: 'open-data', path: '/donnees-ouvertes', lang: 'fr', expect: ['Données ouvertes', 'Licence Ouverte 2.0', 'Schéma de commitments.csv'] },
    { name: 'open-data-en', path: '/en/open-data', lang: 'en', expect: ['Open data', 'Schema of milestones.csv'] },
  ];
  return pages;
}

// ---- the browser -----------------------------------------------------------------------------
// With JavaScript off: what the server's HTML says by itself.
async function readWithoutScript(browser, p) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const r = await page.goto(`${BASE}${p.path}`, { waitUntil: 'load' });
  check(r?.status() === 200, `${p.path}: answers 200 (got ${r?.status()})`);
  check((await page.evaluate(() => document.documentElement.lang)) === p.lang, `${p.path}: <html lang="${p.lang}">`);
  // Compared without case: the DSFR writes badges ("En retard") in capitals, by CSS.
  const text = squash(await page.evaluate(() => document.body.innerText)).toLowerCase();
  for (const t of p.expect) check(text.includes(squash(t).toLowerCase()), `${p.path} without JavaScript: shows "${t}"`);
  for (const href of p.links ?? [])
    check((await page.locator(`a[href="${href}"]`).count()) > 0, `${p.path} without JavaScript: links to ${href}`);
  check((await page.locator('link[rel=stylesheet][href="/site/site.css"]').count()) === 1, `${p.path}: in the site's frame`);
  if (p.overdue) {
    const row = await page.evaluate((title) => {
      const th = [...document.querySelectorAll('tr th')].find((el) => el.textContent.trim() === title);
      return th ? th.closest('tr').innerText : '';
    }, p.overdue.milestone);
    check(row.toLowerCase().includes(p.overdue.word.toLowerCase()), `${p.path}: the milestone "${p.overdue.milestone}" says "${p.overdue.word}" (row: ${squash(row)})`);
  }
  await context.close();
}

// With JavaScript on, at one width: axe-core, the CSP, the width, a screenshot.
async function audit(browser, p, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: p.lang === 'fr' ? 'fr-FR' : 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const csp = cspViolations(page);
  await page.goto(`${BASE}${p.path}`, { waitUntil: 'networkidle' });
  const found = await axeViolations(page);
  check(found.length === 0, `${p.path} @${width}px: axe WCAG 2.1 AA violations: ${found.join('; ') || 'none'}`);
  check(csp.length === 0, `${p.path} @${width}px: no CSP violation ${csp.join(' | ')}`);
  const switches = await page.locator(`a[hreflang="${p.lang === 'fr' ? 'en' : 'fr'}"]:visible`).count();
  check(switches > 0, `${p.path} @${width}px: a visible link to the other language (${switches})`);
  const overflow = await horizontalOverflow(page);
  check(overflow <= 0, `${p.path} @${width}px: no horizontal scrolling (overflow ${overflow}px)`);
  await screenshot(page, SHOTS, `${p.name}-${width}`);
  if (width < 992) {
    // The header's tools are behind the menu button on a phone: the menu opens and holds them.
    await page.click('#site-menu-button');
    const inMenu = page.locator(`#site-menu a[hreflang="${p.lang === 'fr' ? 'en' : 'fr'}"]`);
    await inMenu.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
    check(await inMenu.isVisible(), `${p.path} @${width}px: the menu button opens the menu with the language switch`);
  }
  await context.close();
}

// An assembly that does not exist: a page of the site saying so (404), not a JSON problem.
async function unknownAssembly(browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const r = await page.goto(`${BASE}/assemblee/aucune-assemblee-${Date.now()}`, { waitUntil: 'load' });
  check(r?.status() === 404, `an unknown assembly answers 404 (got ${r?.status()})`);
  check((r?.headers()['content-type'] ?? '').startsWith('text/html'), `an unknown assembly's answer is a page (${r?.headers()['content-type']})`);
  const text = squash(await page.evaluate(() => document.body?.innerText ?? ''));
  check(text.includes('Page introuvable') && text.includes('Accueil'), `the page says it is not found and leads home: ${text.slice(0, 120)}`);
  await context.close();
}

async function main() {
  await reachable(`${BASE}/`);
  const assembly = setUp();
  console.log(`assembly ${assembly.assembly_id}`);
  let browser;
  try {
    browser = await launch();
  } catch (e) {
    throw new StackError(`cannot start Chromium: ${e.message.split('\n')[0]}`);
  }
  try {
    await unknownAssembly(browser);
    for (const p of pagesOf(assembly)) {
      await readWithoutScript(browser, p);
      for (const width of WIDTHS) await audit(browser, p, width);
    }
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (e) {
  console.error(`public-site: ${e instanceof StackError ? '' : 'unexpected: '}${e.stack ?? e}`);
  process.exit(2);
}
finish();
