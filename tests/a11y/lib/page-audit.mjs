// What the site's browser tests share: their options (--base URL, --shots DIR), the system
// Chromium, a list of checks printed as they go, axe-core (WCAG 2.0/2.1 A and AA) on the page as
// it is, the Content Security Policy violations Chromium reports, full-page screenshots.
import fs from 'node:fs';
import path from 'node:path';

import axe from 'axe-core';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
export const CHROMIUM = process.env.A11Y_CHROMIUM || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function options(args = process.argv.slice(2)) {
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  return {
    base: opt('--base', `http://127.0.0.1:${process.env.WEB_PORT || 8080}`),
    shots: opt('--shots', path.join(ROOT, 'var/screenshots/web')),
  };
}

// check(ok, what) prints the check; `failures` lists those that failed.
export function checks() {
  const failures = [];
  const check = (ok, what) => {
    console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
    if (!ok) failures.push(what);
  };
  return { check, failures };
}

export function launch() {
  if (!fs.existsSync(CHROMIUM)) return Promise.reject(new Error(`no Chromium at ${CHROMIUM}`));
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
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

export async function screenshot(page, shots, name) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// The Content Security Policy violations the page reports, as they come.
export function cspViolations(page) {
  const seen = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}
