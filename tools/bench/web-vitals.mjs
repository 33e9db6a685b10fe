#!/usr/bin/env node
// Lighthouse-style figures of pages in headless Chromium (ops/bench-web): for each URL, ROUNDS
// cold loads (a new browser context each time: empty cache, no cookies), and of each load the
// first contentful paint, the largest contentful paint, and the JavaScript and CSS transferred
// (bytes on the wire, as the gateway compressed them) and decoded. Prints one JSON object:
// {url: {fcp_ms: [...], lcp_ms: [...], js_transferred, js_decoded, css_transferred, css_decoded,
// requests, files: the JS and CSS addresses}}. Not a test: nothing asserts.
//
//   node tools/bench/web-vitals.mjs ROUNDS URL...
import { createRequire } from "node:module";

// playwright-core is the browser tests' dependency (tests/a11y, installed by ops/install).
const require = createRequire(new URL("../../tests/a11y/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.A11Y_CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const [rounds, ...urls] = process.argv.slice(2);
if (!Number(rounds) || urls.length === 0) {
  console.error("usage: node tools/bench/web-vitals.mjs ROUNDS URL...");
  process.exit(2);
}

// Runs in the page: the paints and the resources once the page has loaded and settled.
async function measure() {
  const lcp = await new Promise((resolve) => {
    let last = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) last = e.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    setTimeout(() => resolve(last), 500);
  });
  const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
  const kinds = { js: [0, 0], css: [0, 0] };
  const files = [];
  let requests = 1;
  for (const r of performance.getEntriesByType("resource")) {
    requests++;
    const path = new URL(r.name).pathname;
    const kind = path.endsWith(".js") ? "js" : path.endsWith(".css") ? "css" : null;
    if (!kind) continue;
    files.push(r.name);
    kinds[kind][0] += r.transferSize;
    kinds[kind][1] += r.decodedBodySize;
  }
  return { fcp, lcp, kinds, requests, files };
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const out = {};
try {
  for (const url of urls) {
    const row = { fcp_ms: [], lcp_ms: [] };
    for (let i = 0; i < Number(rounds); i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const response = await page.goto(url, { waitUntil: "load" });
      if (!response || response.status() !== 200) throw new Error(`${url}: HTTP ${response?.status()}`);
      const m = await page.evaluate(measure);
      row.fcp_ms.push(Math.round(m.fcp));
      row.lcp_ms.push(Math.round(m.lcp));
      row.js_transferred = m.kinds.js[0];
      row.js_decoded = m.kinds.js[1];
      row.css_transferred = m.kinds.css[0];
      row.css_decoded = m.kinds.css[1];
      row.requests = m.requests;
      row.files = m.files;
      await context.close();
    }
    out[url] = row;
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
