// The prerendered first paint (src/bin/prerender.rs, src/ui/takeover.rs):
// the form shows and takes typing while the WebAssembly is held back, the
// takeover keeps what was typed, and nothing moves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, SHOTS, axeViolations, whenLive, serveDist, servedPageAndBrowser } from './lib.mjs';

const served = servedPageAndBrowser();

// Counts layout shifts from before any page script runs, as Lighthouse does.
const SHIFTS = `
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__shifts.push({ value: e.value, recent: e.hadRecentInput });
  }).observe({ type: 'layout-shift', buffered: true });
`;

/**
 * Opens `path` with every .wasm request held until `release()` is called:
 * what the person sees while the WebAssembly downloads.
 */
async function openHeld(path = '', server = served.server, viewport = { width: 1280, height: 800 }) {
  const context = await served.browser.newContext({ viewport });
  await context.addInitScript(SHIFTS);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  let requested;
  const held = new Promise((resolve, reject) => {
    requested = resolve;
    setTimeout(() => reject(new Error('the page never asked for its wasm (is dist/ a release build?)')), 20_000).unref();
  });
  held.catch(() => {});
  await page.route(/\.wasm$/, async (route) => {
    requested(route.request().url());
    await gate;
    await route.continue();
  });
  await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded' });
  return { page, context, problems, held, release };
}

/**
 * Where every shown element with a test id is, by test id and order (the
 * panels of tabs not open have no box: the second module, which a focus
 * can load, adds such panels without moving anything).
 */
function boxes(page) {
  return page.evaluate(() => [...document.querySelectorAll('#page [data-testid], #page h1, #page footer')]
    .filter((e) => e.getClientRects().length > 0)
    .map((e) => {
      const r = e.getBoundingClientRect();
      return `${e.dataset.testid ?? e.tagName} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
    }));
}

test('the form shows and takes typing before the WebAssembly has loaded, and the takeover keeps it', async () => {
  const { page, context, problems, held, release } = await openHeld();
  await page.getByTestId('url-input').waitFor();
  // The loader asks for the wasm after the first paint.
  assert.match(await held, /_bg\.wasm$/);
  assert.equal(await page.locator('#page[data-live]').count(), 0, 'not taken over yet');
  assert.match(await page.locator('h1').textContent(), /Connect Codex to your Kloudfuse MCP server/);
  assert.equal(await page.getByTestId('name-input').inputValue(), 'kfuse', 'the presets\' default name');
  assert.equal(await page.getByTestId('tool-row').count(), 3, 'the presets\' tools');
  // Untouched and empty: no error yet, and the outputs say what they need.
  assert.equal(await page.getByTestId('url-error').count(), 0);
  assert.ok(await page.getByText('Fill in or fix the cluster URL to get the commands.').isVisible());
  // Nothing pretends to copy before the page can.
  const copyButtons = await page.locator('button.copy').all();
  assert.ok(copyButtons.length >= 5, `the prerendered page has ${copyButtons.length} copy buttons`);
  for (const button of copyButtons) {
    assert.ok(await button.isDisabled());
    assert.match(await button.getAttribute('title'), /works once the page has finished loading/);
  }
  assert.deepEqual(await axeViolations(page), [], 'prerendered page');
  await page.screenshot({ path: join(SHOTS, 'prerendered.png'), fullPage: true });

  // The person types, ticks a box and keeps the caret in the URL field.
  await page.getByTestId('remote-toggle').check();
  await page.getByLabel('Block delete_all_entities').check();
  await page.getByTestId('url-input').click();
  await page.keyboard.type('acme.kloud');

  // From here on, shifts are the takeover's (the full-page screenshot above
  // resizes the viewport, which can record one of its own).
  await page.evaluate(() => { window.__shifts = []; });
  release();
  await whenLive(page);
  assert.equal(await page.getByTestId('url-input').inputValue(), 'acme.kloud');
  assert.ok(await page.getByTestId('remote-toggle').isChecked());
  assert.ok(await page.getByLabel('Block delete_all_entities').isChecked());
  // Typing goes on where it stopped.
  await page.keyboard.type('fuse.io');
  assert.equal(await page.getByTestId('url-input').inputValue(), 'acme.kloudfuse.io');
  const toml = await page.getByTestId('config-toml').textContent();
  assert.match(toml, /url = "https:\/\/acme\.kloudfuse\.io\/mcp"/);
  assert.match(toml, /disabled_tools = \["delete_all_entities"\]/);
  assert.equal(await page.getByTestId('copy-config-toml').getAttribute('title'), null, 'live: no loading hint');
  assert.ok(await page.getByTestId('copy-config-toml').isEnabled());
  assert.match(await page.getByTestId('cli-posix').textContent(), /codex mcp login kfuse --no-browser\n$/, 'another machine');
  // The outputs the typed URL brings are in the takeover's first frame.
  assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'no layout shift at all');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an untouched page takes over without a jump, and an error shows once the field is left', async () => {
  const { page, context, problems, release } = await openHeld();
  await page.getByTestId('url-input').waitFor();
  // The person has clicked into the URL field, and typed nothing yet.
  await page.getByTestId('url-input').focus();
  const before = await boxes(page);
  release();
  await whenLive(page);
  assert.deepEqual(await boxes(page), before);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'url-input', 'focus stays');
  assert.deepEqual(await page.evaluate(() => window.__shifts), []);
  // The observer does see a shift when there is one.
  await page.evaluate(() => {
    const pusher = Object.assign(document.createElement('div'), { id: 'pusher' });
    pusher.style.height = '40px';
    document.querySelector('#page main').before(pusher);
  });
  await page.waitForFunction(() => window.__shifts.length > 0);
  await page.evaluate(() => document.getElementById('pusher').remove());
  assert.equal(await page.getByTestId('url-error').count(), 0);
  assert.ok(await page.getByTestId('copy-share-link').isDisabled(), 'no URL, nothing to copy');
  await page.getByTestId('url-input').focus();
  await page.keyboard.press('Tab');
  assert.match(await page.getByTestId('url-error').textContent(), /Enter your cluster's URL/);
  assert.equal(await page.getByTestId('url-input').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a share link paints as itself from the first paint, and nothing moves at takeover', async () => {
  // Lighthouse's mobile viewport: the banner, the name and the URL are what it sees first.
  const phone = { width: 412, height: 823 };
  const { page, context, problems, held, release } = await openHeld('?name=kfuse&url=acme.kloudfuse.io', served.server, phone);
  await held;
  assert.match(await page.getByTestId('share-host').textContent(), /points at acme\.kloudfuse\.io\./, 'the banner, before the WebAssembly');
  assert.equal(await page.getByTestId('url-input').inputValue(), 'acme.kloudfuse.io', 'the link\'s URL, before the WebAssembly');
  assert.equal(await page.getByTestId('name-input').inputValue(), 'kfuse');
  const before = await boxes(page);
  release();
  await whenLive(page);
  assert.match(await page.getByTestId('url-normalized').textContent(), /https:\/\/acme\.kloudfuse\.io\/mcp/);
  assert.match(await page.getByTestId('share-host').textContent(), /acme\.kloudfuse\.io/, 'the live banner says the same');
  const after = await boxes(page);
  const inForm = (list) => list.filter((b) => /^(share-notices|share-host|name-input|url-input|H1) /.test(b));
  assert.deepEqual(inForm(after), inForm(before), 'the banner and the fields kept their places');
  assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'no layout shift');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a share link\'s values count as given: a bad name shows its error at takeover', async () => {
  const { page, context, problems, release } = await openHeld('?name=team+ops&url=acme.kloudfuse.io');
  await page.getByTestId('url-input').waitFor();
  release();
  await whenLive(page);
  assert.equal(await page.getByTestId('url-input').inputValue(), 'acme.kloudfuse.io');
  assert.equal(await page.getByTestId('name-input').inputValue(), 'team ops');
  await page.getByTestId('name-error').waitFor();
  assert.ok(await page.getByText('Opened from a share link').isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a tab clicked before the WebAssembly arrives shows its panel, and is the open tab once it has', async () => {
  const { page, context, problems, held, release } = await openHeld();
  await held;
  await page.getByTestId('tab-config').click();
  assert.equal(await page.getByTestId('tab-config').getAttribute('aria-selected'), 'true');
  assert.ok(await page.locator('#panel-config').isVisible(), 'its panel shows at once');
  assert.ok(await page.locator('#panel-terminal').isHidden());
  release();
  await whenLive(page);
  assert.equal(await page.getByTestId('tab-config').getAttribute('aria-selected'), 'true', 'still open in the live page');
  assert.ok(await page.locator('#panel-config').isVisible());
  // As a click on the live tab would: the merge panel loads.
  await page.getByTestId('merge-input').waitFor();
  await page.getByTestId('tab-app').click();
  assert.ok(await page.locator('#panel-app').isVisible(), 'the live tabs work');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an operator\'s own presets replace the prerendered built-in ones in one frame', async () => {
  const server = await serveDist({ overrides: { 'presets.toml': await readFile(join(ROOT, 'presets.example.toml'), 'utf8') } });
  const { page, context, problems, release } = await openHeld('', server);
  await page.getByTestId('url-input').waitFor();
  assert.match(await page.locator('h1').textContent(), /Kloudfuse/, 'the build prerenders the shipped presets');
  release();
  await whenLive(page);
  assert.equal(await page.locator('h1').textContent(), 'Connect Codex to your Acme Observability MCP server');
  assert.equal(await page.getByTestId('name-input').inputValue(), 'acme-kfuse');
  const shifts = await page.evaluate(() => window.__shifts);
  assert.ok(shifts.length <= 1, JSON.stringify(shifts));
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});
