// What every browser test is made of: its options (--base URL, --shots DIR), a list of checks
// printed as they go, the system's Chromium (playwright-core), and the audit of a page state:
// axe-core (WCAG 2.0/2.1 A and AA) on the page as it is, the Content Security Policy violations
// Chromium reports, the horizontal overflow, full-page screenshots.
import fs from 'node:fs';
import path from 'node:path';

import axe from 'axe-core';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
export const CHROMIUM = process.env.A11Y_CHROMIUM || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The stack or the browser could not be used (exit 2), as opposed to a check that failed (exit 1).
export class StackError extends Error {}

// The value after `name` on the command line, or `fallback`.
export function arg(name, fallback, argv = process.argv.slice(2)) {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
}

// --base URL (default: the gateway on WEB_PORT) and --shots DIR (default `shots`, below the root).
export function options(shots = 'var/screenshots/web') {
  return {
    base: arg('--base', `http://127.0.0.1:${process.env.WEB_PORT || 8080}`),
    shots: arg('--shots', path.join(ROOT, shots)),
  };
}

// check(ok, what) prints the check and answers `ok`; `failures` lists those that failed; `finish`
// says how many failed and exits 0 when none did, else 1.
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

export async function launch() {
  if (!fs.existsSync(CHROMIUM)) throw new StackError(`no Chromium at ${CHROMIUM}`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// axe-core's violations on the page, one line each (empty: none).
export async function axeViolations(page) {
  // Through the DevTools protocol: an added <script> element would break the page's CSP.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axe.source);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

// A full-page screenshot <shots>/<name>.png.
export async function screenshot(page, shots, name) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// axe-core on the page as it is (zero violations expected, the check named `what`), then a
// full-page screenshot <shots>/<name>.png.
export async function audit(page, check, shots, name, what = name) {
  const found = await axeViolations(page);
  check(found.length === 0, `${what}: axe WCAG 2.1 AA violations: ${found.join('; ') || 'none'}`);
  await screenshot(page, shots, name);
}

// How many pixels the page is wider than the window (0 or less: no horizontal scrolling).
export const horizontalOverflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// Which element makes a page scroll sideways (to say what a failed overflow check is about): the
// deepest element whose hiding, for a moment, ends the overflow (its box or a pseudo-element's).
export const overflowing = (page) => page.evaluate(() => {
  const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}`;
  const over = () => document.documentElement.scrollWidth > window.innerWidth;
  let found;
  for (const e of document.querySelectorAll('body *')) {
    const before = e.style.display;
    e.style.display = 'none';
    if (!over()) found = e;
    e.style.display = before;
  }
  return found ? `${name(found)} in ${name(found.parentElement)}` : 'no single element';
});

// The Content Security Policy violations Chromium reports on this page (an array that fills).
export function cspViolations(page) {
  const found = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) found.push(m.text());
  });
  return found;
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
