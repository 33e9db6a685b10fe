#!/usr/bin/env node
// Accessibility and no-JS rendering check of one server-rendered page, in headless Chromium.
//
//   node tests/a11y/check-page.mjs URL [--expect TEXT]... [--lang LANG] [--header 'NAME: VALUE']...
//
// Pass 1, JavaScript disabled (the page must work without it): HTTP status 200, <html lang>
// (equal to --lang if given), every --expect TEXT in the visible text (body.innerText), and
// keyboard use: Tab (up to 200 times) reaches every focusable link, button, summary and form
// control, and each focused element has a non-zero box.
// Pass 2, JavaScript enabled (axe-core needs timers, which a JS-disabled page never fires):
// axe-core with the WCAG 2.0/2.1 A and AA rules and best practices; a violation of impact
// serious or critical fails.
// Exit status: 0 ok, 1 a check failed, 2 usage error or the page/browser could not be loaded.
import { chromium } from 'playwright-core';
import axe from 'axe-core';

const CHROMIUM = process.env.A11Y_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const MAX_TABS = 200;
const TIMEOUT_MS = 30000;

function usage(msg) {
  if (msg) console.error(`check-page: ${msg}`);
  console.error("usage: node check-page.mjs URL [--expect TEXT]... [--lang LANG] [--header 'NAME: VALUE']...");
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { url: null, expect: [], lang: null, headers: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--expect') opts.expect.push(value());
    else if (a === '--lang') opts.lang = value();
    else if (a === '--header') {
      const h = value(), colon = h.indexOf(':');
      if (colon <= 0) usage(`--header wants 'NAME: VALUE', got '${h}'`);
      opts.headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
    } else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (opts.url) usage(`only one URL, got '${opts.url}' and '${a}'`);
    else opts.url = a;
  }
  if (!opts.url) usage('no URL');
  try { new URL(opts.url); } catch { usage(`not a URL: ${opts.url}`); }
  return opts;
}

// The page or the browser could not be loaded: exit 2, not a finding about the page.
class LoadError extends Error {}
const fatal = (msg) => { throw new LoadError(msg); };
const squash = (s) => s.replace(/\s+/g, ' ').trim();

async function load(browser, opts, contextOptions) {
  const context = await browser.newContext({ extraHTTPHeaders: opts.headers, ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  let response;
  try {
    response = await page.goto(opts.url, { waitUntil: 'load', timeout: TIMEOUT_MS });
  } catch (e) {
    fatal(`cannot load ${opts.url}: ${e.message.split('\n')[0]}`);
  }
  return { page, response };
}

// Marks the elements Tab should reach (expando __a11yKey, the DOM is not changed) and
// returns their keys and descriptions. A radio group is one Tab stop.
function markTabTargets() {
  const describe = (el) => {
    let d = el.localName + (el.id ? `#${el.id}` : '');
    if (el.localName === 'input') d += `[type=${el.type}]`;
    const label = (el.labels?.[0]?.innerText || el.innerText || el.getAttribute('aria-label') ||
                   el.getAttribute('name') || el.getAttribute('href') || '').replace(/\s+/g, ' ').trim();
    return label ? `${d} "${label.slice(0, 50)}"` : d;
  };
  const targets = {};
  const sel = 'a[href], area[href], button, summary, input:not([type=hidden]), select, textarea';
  for (const el of document.querySelectorAll(sel)) {
    if (el.matches(':disabled') || el.closest('[inert]')) continue;
    if (el.hasAttribute('tabindex') && parseInt(el.getAttribute('tabindex'), 10) < 0) continue;
    if (el.localName === 'summary' &&
        !(el.parentElement?.localName === 'details' && el.parentElement.querySelector(':scope > summary') === el)) continue;
    // Not rendered (display:none, visibility:hidden, inside a closed <details>): not focusable.
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    let key = `${Object.keys(targets).length}`, desc = describe(el);
    if (el.localName === 'input' && el.type === 'radio' && el.name) {
      key = `radio ${el.form?.id ?? ''} ${el.name}`;
      desc = `radio group "${el.name}"`;
    }
    el.__a11yKey = key;
    targets[key] = desc;
  }
  return targets;
}

function focusedElement() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  window.__a11yTabSeen = window.__a11yTabSeen || 0;
  el.__a11yTabId = el.__a11yTabId || ++window.__a11yTabSeen;
  const r = el.getBoundingClientRect();
  return {
    tabId: el.__a11yTabId, key: el.__a11yKey ?? null, visible: r.width > 0 && r.height > 0,
    desc: el.localName + (el.id ? `#${el.id}` : '') + ` "${(el.innerText || el.getAttribute('name') || '').replace(/\s+/g, ' ').trim().slice(0, 50)}"`,
  };
}

async function checkKeyboard(page, failures) {
  const targets = await page.evaluate(markTabTargets);
  const reached = new Set(), invisible = new Set();
  let firstTabId = null;
  for (let n = 0; n < MAX_TABS && reached.size < Object.keys(targets).length; n++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(focusedElement);
    if (!f) continue;
    if (f.tabId === firstTabId) break; // went round the whole page
    firstTabId ??= f.tabId;
    if (f.key !== null) reached.add(f.key);
    if (!f.visible) invisible.add(f.desc);
  }
  const missed = Object.entries(targets).filter(([k]) => !reached.has(k)).map(([, d]) => d);
  if (missed.length) failures.push(`not reachable with Tab (${missed.length}):\n      ${missed.join('\n      ')}`);
  if (invisible.size) failures.push(`focused but invisible (zero-size box):\n      ${[...invisible].join('\n      ')}`);
  return Object.keys(targets).length;
}

async function runAxe(page) {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.map((t) => [].concat(t).join(' >>> ')).join(' | ')),
    }));
  }, AXE_TAGS);
}

const opts = parseArgs(process.argv.slice(2));
let browser;
const failures = [];
try {
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: TIMEOUT_MS });
  } catch (e) {
    fatal(`cannot start Chromium (${CHROMIUM}): ${e.message.split('\n')[0]}`);
  }
  console.log(`page: ${opts.url}`);

  // Pass 1: JavaScript disabled.
  const { page, response } = await load(browser, opts, { javaScriptEnabled: false });
  if (!response) fatal(`no HTTP response for ${opts.url}`);
  if (response.status() !== 200) {
    failures.push(`HTTP status ${response.status()} (expected 200)`);
  } else {
    const lang = squash((await page.evaluate(() => document.documentElement.getAttribute('lang'))) ?? '');
    if (!lang) failures.push('<html> has no lang attribute');
    else if (opts.lang && lang.toLowerCase() !== opts.lang.toLowerCase()) failures.push(`<html lang="${lang}">, expected "${opts.lang}"`);
    const text = squash(await page.evaluate(() => document.body?.innerText ?? ''));
    for (const t of opts.expect) if (!text.includes(squash(t))) failures.push(`text not found: "${t}"`);
    const n = await checkKeyboard(page, failures);
    console.log(`  no-JS render: lang="${lang}", ${text.length} characters of text, ${n} Tab stops expected`);

    // Pass 2: JavaScript enabled, for axe (bypassCSP: the page's CSP may forbid inline scripts).
    const { page: jsPage } = await load(browser, opts, { bypassCSP: true });
    const violations = await runAxe(jsPage);
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    for (const v of bad) {
      failures.push(`axe ${v.id} (${v.impact}): ${v.help} — ${v.count} element(s): ${v.targets.join(', ')}${v.count > 3 ? ', …' : ''}`);
    }
    const minor = violations.filter((v) => !bad.includes(v));
    console.log(`  axe: ${bad.length} serious/critical violation(s)` +
      (minor.length ? `; not failing: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}` : ''));
  }
} catch (e) {
  // Anything unexpected (browser crash, timeout) is not a finding about the page either.
  console.error(`check-page: ${e instanceof LoadError ? e.message : e.stack}`);
  console.log('a11y: FAILED');
  process.exitCode = 2;
} finally {
  await browser?.close();
}
if (process.exitCode === 2) process.exit(2);

for (const f of failures) console.log(`  FAIL ${f}`);
console.log(failures.length ? 'a11y: FAILED' : 'a11y: ok');
process.exit(failures.length ? 1 : 0);
