// Lighthouse 12.2.3 (pinned in package.json) in Debian's Chromium with its
// default mobile settings: simulated slow 4G and a 4× slower CPU. Used by
// bench/bench.mjs.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_ARGS } from '../e2e/lib.mjs';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs Lighthouse `runs` times on each of `urls` (name → url), interleaved; returns medians by name. */
export async function lighthouseMedians(urls, runs) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  const samples = Object.fromEntries(Object.keys(urls).map((name) => [name, []]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const [name, url] of Object.entries(urls)) {
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
        const { audits, categories } = result.lhr;
        if (result.lhr.runtimeError) throw new Error(`${name}: ${result.lhr.runtimeError.message}`);
        samples[name].push({
          lcp: audits['largest-contentful-paint'].numericValue,
          fcp: audits['first-contentful-paint'].numericValue,
          tbt: audits['total-blocking-time'].numericValue,
          cls: audits['cumulative-layout-shift'].numericValue,
          si: audits['speed-index'].numericValue,
          score: Math.round(categories.performance.score * 100),
        });
      }
    }
  } finally {
    await chrome.kill();
  }
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [
    name,
    Object.fromEntries(Object.keys(list[0]).map((metric) => [metric, median(list.map((s) => s[metric]))])),
  ]));
}
