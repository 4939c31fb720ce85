// The hosting files run by the real servers an operator uses: Debian's
// nginx (with its brotli_static module) on hosting/nginx.conf and Debian's
// Caddy on hosting/Caddyfile, each with only its port and root changed
// (e2e/servers.mjs). Through Chromium: the page goes live with no console
// error; and over HTTP: the policy header, the precompressed files, and
// caching, at the root and under a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, DIST, launch, openPage, isLaterPart } from './lib.mjs';
import { startCaddy, startNginx } from './servers.mjs';

const SUBPATH_DIST = join(ROOT, 'dist-subpath');
const PREFIX = '/tools/codex/';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The page's policy as the build writes it in its <meta> tag. */
async function metaPolicy(dist) {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  return html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
}

/** Every content-hashed file of the build (scripts, wasm, stylesheet). */
async function hashedAssets(dist) {
  return (await readdir(dist)).filter((n) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(n));
}

/**
 * GETs `url` accepting `encoding`, and returns the headers and the body as
 * sent (node:http does not decode it, unlike fetch).
 */
function get(url, encoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({
        response: { status: res.statusCode, headers: { get: (name) => res.headers[name.toLowerCase()] ?? null } },
        bytes: Buffer.concat(chunks),
      }));
    }).on('error', reject);
  });
}

for (const [name, start] of [['nginx', startNginx], ['caddy', startCaddy]]) {
  test(`${name}: the page goes live with no console error, under the policy header with frame-ancestors`, async () => {
    const server = await start(DIST);
    try {
      const { page, context, problems, failures } = await openPage(browser, server.url);
      await page.getByTestId('url-input').fill('acme.kloudfuse.io');
      await page.getByTestId('config-toml').filter({ hasText: 'acme.kloudfuse.io' }).waitFor({ state: 'attached' });
      await page.getByTestId('tab-config').click();
      await page.getByTestId('merge-input').waitFor();
      assert.deepEqual(problems, [], 'no console error, nothing the policy blocked');
      assert.deepEqual(failures, []);
      await context.close();

      const { response } = await get(server.url, 'br');
      // The page's policy is its <meta> tag, with the hashes of its inline
      // script and style sheet, which change with every build; the header adds
      // what a <meta> cannot carry.
      assert.equal(response.headers.get('content-security-policy'), "frame-ancestors 'self'");
      assert.match(await metaPolicy(DIST), /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    } finally {
      await server.close();
    }
  });

  test(`${name}: brotli and gzip come from the build's files; hashed files cached for a year, the rest revalidated`, async () => {
    const server = await start(DIST);
    try {
      for (const file of ['index.html', ...(await hashedAssets(DIST))]) {
        for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
          const { response, bytes } = await get(server.url + file, encoding);
          assert.equal(response.status, 200, file);
          assert.equal(response.headers.get('content-encoding'), encoding, `${file} in ${encoding}`);
          assert.ok(bytes.equals(await readFile(join(DIST, file + suffix))), `${file}: the build's ${suffix}, not compressed again`);
        }
        const cache = (await get(server.url + file, 'br')).response.headers.get('cache-control');
        if (file === 'index.html') assert.equal(cache, 'no-cache', file);
        else assert.equal(cache, 'public, max-age=31536000, immutable', file);
      }
      const presets = (await get(`${server.url}presets.toml`, 'br')).response;
      assert.equal(presets.headers.get('cache-control'), 'no-cache');
      assert.match(presets.headers.get('content-type'), /^text\/plain/);
      assert.equal(presets.headers.get('content-encoding'), null, 'no stale .br can stand in for the operator\'s file');
      const wasm = (await get(server.url + (await hashedAssets(DIST)).find((f) => f.endsWith('.wasm')), 'br')).response;
      assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    } finally {
      await server.close();
    }
  });

  test(`${name}: the sub-path build under ${PREFIX} loads whole`, async () => {
    const server = await start(SUBPATH_DIST, { prefix: PREFIX });
    try {
      const { page, context, problems, failures, requests } = await openPage(browser, server.url);
      await page.getByTestId('tab-verify').click();
      await page.getByTestId('discovery-run').waitFor();
      assert.deepEqual(problems, []);
      assert.deepEqual(failures, []);
      assert.ok(requests.every((u) => new URL(u).pathname.startsWith(PREFIX)), requests.join('\n'));
      assert.ok(requests.some((u) => isLaterPart(u, 'tabs')), 'the Verify tab loads from below it');
      await context.close();
      const cache = (await get(`${server.url}presets.toml`, 'br')).response.headers.get('cache-control');
      assert.equal(cache, 'no-cache');
    } finally {
      await server.close();
    }
  });
}
