// Shared helpers for the end-to-end tests: a static server for dist/ on
// 127.0.0.1, and Debian's Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { before, after } from 'node:test';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The folders of the CLIs scripts/setup.sh installs: the locked npm
 * packages, and those it installs apart (package.json `installedApart`,
 * each pinned in its own folder). For a child's PATH, or to find one.
 */
export const BINS = [
  join(ROOT, 'node_modules/.bin'),
  ...Object.entries(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).installedApart ?? {})
    .map(([name, version]) => join(ROOT, '.cache/apart', name, version, 'node_modules/.bin')),
];

/** The path of the CLI `name` the set-up installed; throws, saying so, when it is missing. */
export function bin(name) {
  const found = BINS.map((dir) => join(dir, name)).find((path) => existsSync(path));
  if (!found) throw new Error(`${name} is missing from ${BINS.join(', ')}: run scripts/setup.sh`);
  return found;
}
/** Where the tests write the screenshots to look at. */
export const SHOTS = join(ROOT, 'e2e/screenshots');
const AXE_SOURCE = readFile(join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in `page` and returns its violations as lines. The source is
 * evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy (no inline script but early.js and the loader, by
 * their hashes) does not block.
 */
export async function axeViolations(page) {
  await page.evaluate(await AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
export const DIST = join(ROOT, 'dist');

/**
 * Whether `url` is a part of the program that loads later
 * (scripts/split.mjs): `split_NAME-HASH.wasm` for the split point NAME
 * (src/ui/later/split.rs: `form`, `tabs`, `presets`), or
 * `chunk_N-HASH.wasm`, code two of them share. With `name`, only that
 * split point's own part.
 */
export function isLaterPart(url, name) {
  const file = new URL(url).pathname.split('/').pop();
  return name ? new RegExp(`^split_${name}-[0-9a-f]{16}\\.wasm$`).test(file) : /^(split_[a-z_]+|chunk_\d+)-[0-9a-f]{16}\.wasm$/.test(file);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.toml': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` under `prefix` (e.g. "/" or "/tools/codex/") on 127.0.0.1.
 * `overrides` maps a file path under the prefix to the text to serve
 * instead, or to null for a 404. A plain file server for tests that change
 * what is served; the hosting itself is tested with Debian's nginx and
 * Caddy (e2e/servers.mjs).
 */
export async function serveDist({ dir = DIST, prefix = '/', overrides = {} } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    const relative = path.slice(prefix.length);
    if (relative in overrides) {
      if (overrides[relative] === null) res.writeHead(404).end('not found');
      else res.writeHead(200, { 'content-type': TYPES[extname(relative)] ?? 'text/plain' }).end(overrides[relative]);
      return;
    }
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Launches Debian's Chromium headless. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * For one test file: serves dist/ and launches Chromium before its tests,
 * closes both after them. The returned object's `server` and `browser` are
 * set once the tests run.
 */
export function servedPageAndBrowser() {
  const live = {};
  before(async () => {
    live.server = await serveDist();
    live.browser = await launch();
    await mkdir(SHOTS, { recursive: true });
  });
  after(async () => {
    await live.browser?.close();
    await live.server?.close();
  });
  return live;
}

/**
 * A new page that records console errors, page errors and dialogs, with
 * clipboard permission for `origin`.
 */
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, colorScheme = 'light', tools = true } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  const failures = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => failures.push(`failed ${r.url()}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  await whenLive(page, { tools });
  return { page, context, problems, requests, failures };
}

/**
 * Waits until the WebAssembly has taken over the prerendered page (and
 * applied what was pressed before: the form shows and takes every press
 * before, which counts once it is live). With `tools`, also until the tool
 * picker is live: it loads later, at a pointer over it or any first
 * interaction.
 */
export async function whenLive(page, { tools = false } = {}) {
  await page.locator('#page[data-live]').waitFor({ state: 'attached' });
  if (tools) await whenToolsLive(page);
}

/** Loads the tool picker as a pointer over it does, and waits until it is live. */
export async function whenToolsLive(page) {
  await page.locator('#island-tools').dispatchEvent('pointerover');
  await page.locator('#island-tools[data-live]').waitFor({ state: 'attached', timeout: 30_000 });
}

/** Opens the form's Advanced section, if closed. */
export async function openAdvanced(page) {
  const details = page.getByTestId('advanced');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
}

/** Clicks a copy button (showing its tab first) and returns the clipboard. */
export async function copyVia(page, testid) {
  const tab = { 'cli-posix': 'terminal', 'cli-powershell': 'terminal', 'config-toml': 'config', 'app-fields': 'app', 'verify-commands': 'verify', 'verify-tools-posix': 'verify', 'verify-tools-powershell': 'verify' }[testid];
  if (tab) await page.getByTestId(`tab-${tab}`).click();
  if (testid === 'cli-powershell') await page.getByTestId('shell-powershell').click();
  if (testid === 'cli-posix') await page.getByTestId('shell-posix').click();
  if (testid.startsWith('tools-command-')) {
    const steps = page.locator('.import-steps');
    if (!(await steps.evaluate((d) => d.open))) await steps.locator('summary').click();
    await page.getByRole('button', { name: testid.endsWith('powershell') ? 'PowerShell' : 'bash / zsh' }).and(page.locator('.import button')).click();
  }
  await page.evaluate(() => navigator.clipboard.writeText('(clipboard before)'));
  const button = page.getByTestId(`copy-${testid}`);
  await button.click();
  await page.waitForFunction((id) => document.querySelector(`[data-testid="copy-${id}"]`).textContent.includes('Copied'), testid);
  return page.evaluate(() => navigator.clipboard.readText());
}

/**
 * Presses "Sign in and read my server's tools"; `inPopup(popup)` does what
 * the person does in the sign-in window (nothing: the SDK approves at once).
 * Resolves with the status element once the flow has settled.
 */
export async function connect(page, inPopup) {
  // Only this press counts: the status settles after it was seen working.
  await page.evaluate(() => {
    window.__connectWorked = false;
    const seen = () => {
      if (document.querySelector('[data-testid="connect-status"][data-state="working"]')) window.__connectWorked = true;
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const settled = () => page.waitForFunction(() => window.__connectWorked
    && document.querySelector('[data-testid="connect-status"]:not([data-state="working"])'), null, { timeout: 40_000 });
  const popupOpened = page.waitForEvent('popup', { timeout: 15_000 });
  await page.getByTestId('connect-start').click();
  // A flow that stops before the sign-in opens no window: whichever comes first.
  const popup = await Promise.race([popupOpened, settled().then(() => null)]).catch(() => null);
  popupOpened.catch(() => {});
  if (popup && inPopup) await inPopup(popup);
  await settled().catch(async (e) => {
    const now = await page.locator('[data-testid="connect-status"]').allTextContents();
    throw new Error(`the connect flow did not settle; its status: ${JSON.stringify(now)}\n${e.message}`);
  });
  return { status: page.getByTestId('connect-status'), popup };
}
