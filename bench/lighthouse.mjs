// Lighthouse 12.2.3 (pinned in package.json) in Debian's Chromium with its
// default mobile settings: simulated slow 4G and a 4× slower CPU. Every run
// starts a new Chromium with a new profile, as a teammate's first click on
// a link does: nothing cached, nothing compiled kept. Used by bench/bench.mjs.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_ARGS } from '../e2e/lib.mjs';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One cold run on `url`: the metrics, and the long tasks Lighthouse saw. */
async function coldRun(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    const { audits, categories, runtimeError } = result.lhr;
    if (runtimeError) throw new Error(`${url}: ${runtimeError.message}`);
    return {
      lcp: audits['largest-contentful-paint'].numericValue,
      fcp: audits['first-contentful-paint'].numericValue,
      si: audits['speed-index'].numericValue,
      tbt: audits['total-blocking-time'].numericValue,
      cls: audits['cumulative-layout-shift'].numericValue,
      tti: audits.interactive.numericValue,
      score: Math.round(categories.performance.score * 100),
      longTasks: (audits['long-tasks'].details?.items ?? []).map((t) => ({ start: t.startTime, duration: t.duration })),
    };
  } finally {
    await chrome.kill();
  }
}

/**
 * Runs Lighthouse `runs` times on each of `urls` (name → url), interleaved,
 * each run cold; returns, by name, each metric's median, min and max, and
 * every run's long tasks.
 */
export async function lighthouseRuns(urls, runs) {
  const samples = Object.fromEntries(Object.keys(urls).map((name) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, url] of Object.entries(urls)) samples[name].push(await coldRun(url));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => {
    const metrics = Object.keys(list[0]).filter((k) => k !== 'longTasks');
    const summary = Object.fromEntries(metrics.map((metric) => {
      const values = list.map((s) => s[metric]);
      return [metric, { median: median(values), min: Math.min(...values), max: Math.max(...values) }];
    }));
    return [name, { ...summary, longTasks: list.map((s) => s.longTasks) }];
  }));
}
