// Hosting: the release build under a sub-path, operator presets, the
// Content-Security-Policy, and a load with no 404 and no third-party request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, DIST, serveDist, launch, whenLive, openPage, isLaterPart } from './lib.mjs';

const SUBPATH_DIST = join(ROOT, 'dist-subpath');
const PREFIX = '/tools/codex/';
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function withServer(options, body) {
  const server = await serveDist(options);
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

test('the default build loads with every asset present, same-origin only, under a strict CSP', async () => {
  await withServer({}, async (server) => {
    const { page, context, problems, requests, failures } = await openPage(browser, server.url, { tools: false });
    // The tool picker, the merge panel and the discovery check load later,
    // not on the first visit: each under the same policy, at the first
    // interaction or when a tab needs it.
    await page.waitForLoadState('networkidle');
    assert.deepEqual(requests.filter((u) => isLaterPart(u)), [], 'nothing that loads later on the first visit');
    await page.getByTestId('url-input').fill('acme.kloudfuse.io');
    await page.getByTestId('config-toml').filter({ hasText: 'acme' }).waitFor({ state: 'attached' });
    assert.deepEqual(failures, [], 'no 404 or failed request');
    const origin = new URL(server.url).origin;
    assert.ok(requests.length >= 5);
    for (const url of requests) assert.equal(new URL(url).origin, origin, `third-party request: ${url}`);
    assert.match(await page.locator('link[rel="icon"]').getAttribute('href'), /^data:image\/svg\+xml,/, 'the icon inline');
    assert.ok(!requests.some((u) => /favicon/.test(u)), 'no icon request');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]{44}' 'sha256-[A-Za-z0-9+/=]{44}'(;|$)/);
    assert.match(csp, /style-src 'self' 'sha256-[A-Za-z0-9+/=]{44}'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    // Two inline scripts, early.js and the loader, whose hashes the policy
    // names; the style sheet inline too: the first paint needs the HTML
    // alone, and nothing is asked for before it.
    assert.equal(await page.locator('script:not([src])').count(), 2, 'two inline scripts');
    assert.equal(await page.locator('script[src]').count(), 0, 'no script file named by the HTML');
    assert.equal(await page.locator('link[rel="stylesheet"]').count(), 0, 'no style sheet to fetch');
    assert.ok(!requests.some((u) => /\/(style|early|loader)-[0-9a-f]{16}\.(css|js)$/.test(u)), 'none fetched');
    const early = await page.evaluate(() => {
      const painted = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
      return { painted, before: performance.getEntriesByType('resource').filter((r) => r.startTime < painted).map((r) => r.name) };
    });
    assert.ok(early.painted > 0, 'a first paint');
    assert.deepEqual(early.before, [], 'asked for before the first paint');
    // The policy is enforced: an inline script is refused.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      return window.__inlineRan === true;
    });
    assert.equal(ran, false, 'inline script blocked by the CSP');

    await page.getByTestId('tab-config').click();
    await page.getByTestId('merge-input').fill('[mcp_servers.docs]\nurl = "https://docs.example/mcp"\n');
    await page.getByTestId('merged-config').filter({ hasText: 'acme.kloudfuse.io' }).waitFor({ state: 'attached' });
    // The tabs' panels are one part of the program.
    assert.equal(requests.filter((u) => isLaterPart(u, 'tabs')).length, 1, 'the tabs\' part, once');
    await page.getByTestId('tab-verify').click();
    await page.getByTestId('discovery-run').waitFor();
    assert.equal(requests.filter((u) => isLaterPart(u, 'tabs')).length, 1, 'the Verify tab comes with it');
    const parts = requests.filter((u) => isLaterPart(u));
    assert.deepEqual(parts, [...new Set(parts)], 'no part fetched twice (a part two tabs share comes once)');
    assert.deepEqual(failures, []);
    for (const url of requests) assert.equal(new URL(url).origin, origin, `third-party request: ${url}`);
    assert.deepEqual(problems.filter((p) => !/Content Security Policy/.test(p)), []);
    await context.close();
  });
});

test('when a part that loads later cannot load, its tab says so and the rest of the page works', async () => {
  await withServer({}, async (server) => {
    const { page, context } = await openPage(browser, server.url, { tools: false });
    await page.route((url) => isLaterPart(url.href, 'tabs'), (route) => route.abort());
    await page.getByTestId('url-input').fill('acme.kloudfuse.io');
    await page.getByTestId('tab-config').click();
    const status = page.locator('#panel-config .extras-status');
    await status.filter({ hasText: 'could not be loaded' }).waitFor();
    assert.match(await status.textContent(), /reload the page to try again/);
    assert.match(await page.getByTestId('config-toml').textContent(), /acme\.kloudfuse\.io/, 'the outputs still work');
    await context.close();
  });
});

test('under a sub-path: assets, presets and share links resolve below it', async () => {
  const presets = `product = "Acme Observability"\ncluster = "Acme production"\n[defaults]\nname = "acme"\nurl = "observability.acme.example"\n`;
  await withServer({ dir: SUBPATH_DIST, prefix: PREFIX, overrides: { 'presets.toml': presets } }, async (server) => {
    assert.ok(server.url.endsWith(PREFIX));
    const { page, context, problems, failures, requests } = await openPage(browser, server.url);
    assert.match(await page.locator('h1').textContent(), /Acme Observability/, 'presets loaded from the sub-path');
    assert.equal(await page.getByTestId('name-input').inputValue(), 'acme');
    const link = await page.getByTestId('share-link').textContent();
    assert.ok(link.startsWith(server.url + '?'), link);
    assert.deepEqual(failures, []);
    assert.ok(requests.every((u) => new URL(u).pathname.startsWith(PREFIX)), requests.join('\n'));
    assert.ok(!link.includes('name='), 'the preset name is a default, left out of the link');
    await page.getByTestId('tab-verify').click();
    await page.getByTestId('discovery-run').waitFor();
    assert.ok(requests.some((u) => isLaterPart(u, 'tabs')), 'the Verify tab loads from below it');
    assert.deepEqual(failures, []);
    assert.ok(requests.every((u) => new URL(u).pathname.startsWith(PREFIX)), requests.join('\n'));
    await page.getByTestId('name-input').fill('mine');
    const mine = await page.getByTestId('share-link').textContent();
    await context.close();

    const opened = await openPage(browser, mine);
    assert.equal(await opened.page.getByTestId('name-input').inputValue(), 'mine', 'a share link overrides the presets');
    assert.equal(await opened.page.getByTestId('url-input').inputValue(), 'https://observability.acme.example/mcp');
    assert.deepEqual(problems, []);
    assert.deepEqual(opened.problems, []);
    await opened.context.close();
  });
});

// A link that sets tools needs the form's part at once, and one for another
// client that client's outputs too: early.js asks for their files after the
// first paint, beside the main part, and the program's own fetches take
// them: each file once, below the sub-path, none before the first paint.
test('a link that needs a part asks for its files once, after the first paint, below the sub-path', async () => {
  await withServer({ dir: SUBPATH_DIST, prefix: PREFIX }, async (server) => {
    // The notes (a link's banner, review, redirect note; with the form's
    // part) are live when the page is only where one must show from the
    // start: here the review of a link that lets Codex act without asking.
    // A plain link's banner is painted by early.js and goes live when
    // reached for (below).
    const cases = [
      { query: '?name=kfuse&url=acme.kloudfuse.io&disabled_tools=delete_all_entities', parts: ['form'], not: ['clients', 'tabs'] },
      { query: '?name=kfuse&url=acme.kloudfuse.io&client=claude-code', parts: ['form', 'clients'], not: ['tabs'] },
      { query: '?name=kfuse&url=acme.kloudfuse.io&default_tools_approval_mode=approve', parts: ['form'], not: ['clients', 'tabs'], review: true },
      { query: '?name=kfuse&url=acme.kloudfuse.io', parts: [], not: ['form', 'clients', 'tabs'], dismiss: true },
    ];
    for (const { query, parts, not, review, dismiss } of cases) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
      await page.addInitScript(() => {
        window.asked = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.asked.push({ file: e.name.split('/').pop(), at: e.startTime });
        }).observe({ type: 'resource', buffered: true });
      });
      await page.goto(server.url + query);
      await whenLive(page);
      // Live means the review is there, as soon as the page is; else the
      // notes wait to be reached for.
      assert.equal(await page.getByTestId('share-risks').count(), review ? 1 : 0, `${query}: share-risks`);
      assert.equal(await page.locator('#island-notices[data-live]').count(), review ? 1 : 0, `${query}: the notes live`);
      // Long enough for Chromium's warning about a preload left unused.
      await page.waitForTimeout(3500);
      const { asked, painted } = await page.evaluate(() => ({
        asked: window.asked,
        painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      }));
      const later = asked.filter((a) => isLaterPart(`${server.url}${a.file}`));
      const files = later.map((a) => a.file);
      assert.deepEqual(files, [...new Set(files)], `${query}: a file fetched twice`);
      for (const part of parts) assert.ok(files.some((f) => isLaterPart(`${server.url}${f}`, part)), `${query}: ${part} not asked for: ${files}`);
      for (const part of not) assert.ok(!files.some((f) => isLaterPart(`${server.url}${f}`, part)), `${query}: ${part} asked for`);
      assert.ok(painted > 0, `${query}: no first paint`);
      for (const a of later) assert.ok(a.at >= painted, `${query}: ${a.file} asked for at ${a.at} ms, before the first paint at ${painted} ms`);
      // Beside the main part, not after it: asked for before its wasm is.
      const main = asked.find((a) => /^codex-mcp-configurator-[0-9a-f]{16}_bg\.wasm$/.test(a.file));
      assert.ok(main, `${query}: the main part's wasm not fetched`);
      if (parts.length) assert.ok(later[0].at <= main.at, `${query}: ${later[0].file} asked for at ${later[0].at} ms, after the main part at ${main.at} ms`);
      const tags = await page.locator('link[rel="preload"]').evaluateAll((links) => links.map((l) => new URL(l.href).pathname));
      assert.ok(tags.every((t) => t.startsWith(PREFIX)), tags.join(', '));
      assert.equal(tags.length > 0, parts.length > 0, `${query}: preloads ${tags}`);
      if (dismiss) {
        // The painted banner goes live when the pointer reaches it, and the
        // press counts once it is.
        const banner = page.getByTestId('share-notices');
        assert.match(await banner.textContent(), /Opened from a share link/);
        await banner.getByRole('button', { name: 'Dismiss' }).click();
        await banner.waitFor({ state: 'detached' });
        const fetched = await page.evaluate(() => window.asked.map((a) => a.file));
        assert.ok(fetched.some((f) => /^split_form-/.test(f)), `the notes were not fetched: ${fetched}`);
      }
      assert.deepEqual(problems, [], query);
      await context.close();
    }
  });
});

test('operator presets set names, defaults, catalog and links; destructive tools block in one click', async () => {
  const presets = await readFile(join(ROOT, 'presets.example.toml'), 'utf8');
  await withServer({ overrides: { 'presets.toml': presets } }, async (server) => {
    const { page, context, problems } = await openPage(browser, server.url);
    assert.equal(await page.locator('h1').textContent(), 'Connect Codex to your Acme Observability MCP server');
    assert.match(await page.locator('.cluster').textContent(), /Acme production/);
    assert.equal(await page.getByTestId('name-input').inputValue(), 'acme-kfuse');
    assert.equal(await page.getByTestId('url-input').inputValue(), 'observability.acme.example');
    assert.equal(await page.getByRole('link', { name: "Acme's guide to Codex" }).getAttribute('href'), 'https://wiki.acme.example/codex');
    assert.equal(await page.locator('.badge.danger').count(), 1, 'the destructive tool is marked');
    await page.getByTestId('block-destructive').click();
    assert.match(await page.getByTestId('config-toml').textContent(), /disabled_tools = \["delete_all_entities"\]/);
    // The person's own edits override the presets after a reload.
    await page.getByTestId('name-input').fill('my-own');
    await page.reload();
    await whenLive(page);
    assert.equal(await page.getByTestId('name-input').inputValue(), 'my-own');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('a malformed presets file shows its line and falls back to the built-in defaults', async () => {
  const broken = 'product = "Acme"\n\n[[tools]]\nname = "logs search"\n';
  await withServer({ overrides: { 'presets.toml': broken } }, async (server) => {
    const { page, context, problems } = await openPage(browser, server.url);
    const notice = await page.getByTestId('presets-notice').textContent();
    assert.match(notice, /presets\.toml, line 4: .*a space is not allowed in a tool name/);
    assert.equal(await page.locator('h1').textContent(), 'Connect Codex to your Kloudfuse MCP server');
    assert.equal(await page.getByTestId('name-input').inputValue(), 'kfuse');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('a missing presets file means the built-in defaults, silently', async () => {
  await withServer({ overrides: { 'presets.toml': null } }, async (server) => {
    const { page, context } = await openPage(browser, server.url);
    assert.equal(await page.locator('h1').textContent(), 'Connect Codex to your Kloudfuse MCP server');
    assert.equal(await page.getByTestId('presets-notice').count(), 0);
    assert.equal(await page.locator('.tool-name').count(), 3);
    await context.close();
  });
});

test('the shipped dist holds the built-in presets file', async () => {
  const shipped = await readFile(join(DIST, 'presets.toml'), 'utf8');
  assert.equal(shipped, await readFile(join(ROOT, 'presets.toml'), 'utf8'));
});

test('the build writes .br and .gz beside each asset, identical once decompressed, and none for presets.toml', async () => {
  const { readdir } = await import('node:fs/promises');
  const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
  const names = await readdir(DIST, { recursive: true });
  const assets = names.filter((n) => /\.(html|js|wasm|css|svg)$/.test(n));
  assert.ok(assets.some((n) => n.endsWith('.wasm')) && assets.includes('index.html'), `assets: ${assets}`);
  for (const asset of assets) {
    const bytes = await readFile(join(DIST, asset));
    assert.ok(brotliDecompressSync(await readFile(join(DIST, `${asset}.br`))).equals(bytes), `${asset}.br`);
    assert.ok(gunzipSync(await readFile(join(DIST, `${asset}.gz`))).equals(bytes), `${asset}.gz`);
  }
  assert.ok(!names.includes('presets.toml.br') && !names.includes('presets.toml.gz'), 'the operator replaces presets.toml alone');
});
