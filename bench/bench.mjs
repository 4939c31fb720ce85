// The performance benchmark: prints asset sizes (raw, gzip, brotli) and the
// first-visit transfer, load-to-outputs and edit-to-outputs times in headless
// Chromium for the real page and for a minimal Leptos page built in the same
// run, Lighthouse's medians for the page, the minimal page and a static page
// with the same commands (bench/static), and the budgets. Every page is
// served the way the README's nginx and Caddy samples serve it. Run by
// scripts/bench.sh.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { ROOT, DIST, serveDist, launch } from '../e2e/lib.mjs';
import { lighthouseMedians } from './lighthouse.mjs';

const LOADS = Number(process.env.BENCH_LOADS ?? 30);
const EDITS = Number(process.env.BENCH_EDITS ?? 300);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
const MINIMAL_DIST = join(ROOT, 'bench/minimal/dist');
const STATIC_DIR = join(ROOT, 'bench/static');
const BUDGET = { firstVisitBrotli: 140_000, editMedianMs: 4, lcpRatio: 1.25, tbtMs: 50, cls: 0, score: 100 };

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function quantile(sorted, q) {
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

// Marks the moment the outputs first show `needle`, from before any page script runs.
const OBSERVER = `
  window.__outputsReady = new Promise((resolve) => {
    const check = () => {
      const el = document.querySelector(window.__outputSelector);
      if (el && el.textContent.includes(window.__needle)) { resolve(performance.now()); return true; }
      return false;
    };
    new MutationObserver(() => check()).observe(document, { subtree: true, childList: true, characterData: true });
  });
`;

// The assets a first visit transfers, and, when `later` is given, those
// that `later(page)` loads afterwards (the second module, on demand).
async function firstVisit(browser, url, dir, later) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let files = new Set();
  page.on('response', (r) => files.add(new URL(r.url()).pathname));
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  const first = await rows(files, dir);
  files = new Set();
  if (later) await later(page);
  await context.close();
  return later ? [first, await rows(files, dir)] : first;
}

async function rows(files, dir) {
  const rows = [];
  for (const path of files) {
    const rel = path.replace(/^\//, '') || 'index.html';
    const bytes = await readFile(join(dir, rel.endsWith('/') ? `${rel}index.html` : rel));
    rows.push({ file: rel, ...sizes(bytes) });
  }
  return rows;
}

async function loads(browser, url, selector, needle) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    await context.addInitScript(`window.__outputSelector = ${JSON.stringify(selector)}; window.__needle = ${JSON.stringify(needle)};${OBSERVER}`);
    const page = await context.newPage();
    await page.goto(url);
    times.push(await page.evaluate(() => window.__outputsReady));
    await context.close();
  }
  return stats(times);
}

async function edits(browser, url, selectors) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('#page[data-live], body > [data-testid="url-input"]').first().waitFor({ state: 'attached' });
  const times = await page.evaluate(async ({ count, selectors }) => {
    const input = document.querySelector('[data-testid="url-input"]');
    const done = (needle) => selectors.every((s) => document.querySelector(s)?.textContent.includes(needle));
    const out = [];
    for (let i = 0; i < count; i++) {
      const needle = `edit${i}x.example`;
      const t0 = performance.now();
      input.value = needle;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      if (!done(needle)) {
        await new Promise((resolve) => {
          const obs = new MutationObserver(() => { if (done(needle)) { obs.disconnect(); resolve(); } });
          obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      }
      out.push(performance.now() - t0);
    }
    return out;
  }, { count: EDITS, selectors });
  await context.close();
  return stats(times);
}

const browser = await launch();
const page = await serveDist({ dir: DIST, hosted: true });
const minimal = await serveDist({ dir: MINIMAL_DIST, hosted: true });
const staticPage = await serveDist({ dir: STATIC_DIR, hosted: true });
const shared = `${page.url}?url=acme.kloudfuse.io`;
const OUTPUTS = ['cli-posix', 'cli-powershell', 'config-toml', 'app-fields', 'share-link'].map((id) => `[data-testid="${id}"]`);

const [pageAssets, onDemand] = await firstVisit(browser, shared, DIST, async (page) => {
  await page.getByTestId('tab-config').click();
  await page.getByTestId('merge-input').waitFor();
  await page.waitForLoadState('networkidle');
});
const minimalAssets = await firstVisit(browser, minimal.url, MINIMAL_DIST);
const pageLoad = await loads(browser, shared, '[data-testid="config-toml"]', 'acme.kloudfuse.io');
const minimalLoad = await loads(browser, minimal.url, '[data-testid="output"]', 'acme.example');
const pageEdit = await edits(browser, shared, OUTPUTS);
const minimalEdit = await edits(browser, minimal.url, ['[data-testid="output"]']);
await browser.close();
const lighthouse = await lighthouseMedians({ page: page.url, minimal: minimal.url, static: staticPage.url }, LIGHTHOUSE_RUNS);
await page.close();
await minimal.close();
await staticPage.close();

const total = (rows) => rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
for (const [label, rows] of [['Page: first visit', pageAssets], ['Page: loaded when the config.toml or Verify tab first opens', onDemand], ['Minimal Leptos page: first visit', minimalAssets]]) {
  console.log(`\n${label}`);
  console.log(`  ${pad('asset', 52)}${lpad('raw', 11)}${lpad('gzip', 11)}${lpad('brotli', 11)}`);
  for (const r of rows.sort((a, b) => b.raw - a.raw)) console.log(`  ${pad(r.file, 52)}${lpad(kb(r.raw), 11)}${lpad(kb(r.gzip), 11)}${lpad(kb(r.brotli), 11)}`);
  const t = total(rows);
  console.log(`  ${pad('total', 52)}${lpad(kb(t.raw), 11)}${lpad(kb(t.gzip), 11)}${lpad(kb(t.brotli), 11)}`);
}
const ms = (v) => `${v.toFixed(2)} ms`;
// A ratio against a time the timer cannot resolve (0.00 ms) says nothing.
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '—');
console.log(`\nTimings in headless Chromium (${LOADS} loads, ${EDITS} edits)`);
console.log(`  ${pad('', 34)}${lpad('page median', 14)}${lpad('p95', 11)}${lpad('minimal median', 17)}${lpad('p95', 11)}${lpad('ratio', 8)}`);
console.log(`  ${pad('navigation start → outputs shown', 34)}${lpad(ms(pageLoad.median), 14)}${lpad(ms(pageLoad.p95), 11)}${lpad(ms(minimalLoad.median), 17)}${lpad(ms(minimalLoad.p95), 11)}${lpad(ratio(pageLoad.median, minimalLoad.median), 8)}`);
console.log(`  ${pad('input event → all outputs updated', 34)}${lpad(ms(pageEdit.median), 14)}${lpad(ms(pageEdit.p95), 11)}${lpad(ms(minimalEdit.median), 17)}${lpad(ms(minimalEdit.p95), 11)}${lpad(ratio(pageEdit.median, minimalEdit.median), 8)}`);

console.log(`  load-to-outputs ratio (information, not a budget): ${ratio(pageLoad.median, minimalLoad.median)}× the minimal page`);

console.log(`\nLighthouse 12.2.3, mobile preset (simulated slow 4G, 4× CPU), median of ${LIGHTHOUSE_RUNS} runs`);
console.log(`  ${pad('', 10)}${lpad('LCP', 10)}${lpad('FCP', 10)}${lpad('SI', 10)}${lpad('TBT', 10)}${lpad('CLS', 8)}${lpad('score', 8)}`);
for (const [name, m] of Object.entries(lighthouse)) {
  console.log(`  ${pad(name, 10)}${lpad(`${Math.round(m.lcp)} ms`, 10)}${lpad(`${Math.round(m.fcp)} ms`, 10)}${lpad(`${Math.round(m.si)} ms`, 10)}${lpad(`${Math.round(m.tbt)} ms`, 10)}${lpad(m.cls.toFixed(3), 8)}${lpad(m.score, 8)}`);
}

const firstVisitBrotli = total(pageAssets).brotli;
const lh = lighthouse.page;
const lcpRatio = lh.lcp / lighthouse.static.lcp;
const checks = [
  [`LCP ${Math.round(lh.lcp)} ms = ${lcpRatio.toFixed(2)}× the static page's ${Math.round(lighthouse.static.lcp)} ms ≤ ${BUDGET.lcpRatio}×`, lcpRatio <= BUDGET.lcpRatio],
  [`TBT ${Math.round(lh.tbt)} ms ≤ ${BUDGET.tbtMs} ms`, lh.tbt <= BUDGET.tbtMs],
  [`CLS ${lh.cls.toFixed(3)} = ${BUDGET.cls}`, lh.cls === BUDGET.cls],
  [`Lighthouse performance score ${lh.score} = ${BUDGET.score}`, lh.score === BUDGET.score],
  [`first-visit transfer ${kb(firstVisitBrotli)} brotli ≤ ${kb(BUDGET.firstVisitBrotli)}`, firstVisitBrotli <= BUDGET.firstVisitBrotli],
  [`edit-to-outputs median ${ms(pageEdit.median)} < ${BUDGET.editMedianMs} ms`, pageEdit.median < BUDGET.editMedianMs],
];
console.log('\nBudgets');
for (const [text, ok] of checks) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${text}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
