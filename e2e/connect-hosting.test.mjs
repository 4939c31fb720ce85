// Connect from the page through what an operator puts in front of the
// cluster: hosting/cluster-cors.nginx.conf and hosting/cluster-cors.Caddyfile
// run by Debian's nginx and caddy in front of an MCP server that sends no
// CORS headers of its own, and hosting/same-origin.nginx.conf serving the
// page under /tools/codex/ on the cluster's own host. Each file runs with
// only its port, the docs origin and the upstream changed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, connect, openPage, serveDist, servedPageAndBrowser } from './lib.mjs';
import { startMcpServer } from './mcp-server.mjs';
import { freePort, startClusterProxy, startSameOrigin } from './servers.mjs';

const live = servedPageAndBrowser();
const closers = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

/** An MCP server with no CORS of its own, its metadata naming `publicOrigin`. */
async function bareServer(publicOrigin) {
  const server = await startMcpServer({ cors: undefined, json: true, publicOrigin });
  closers.push(server.close);
  return server;
}

/** Opens the page at `pageUrl` for `mcp` and presses connect; the settled status. */
async function connectFrom(pageUrl, mcp) {
  const { page, context } = await openPage(live.browser, `${pageUrl}?${new URLSearchParams({ url: mcp })}`, { viewport: { width: 1280, height: 1000 } });
  const { status } = await connect(page);
  const out = {
    state: await status.getAttribute('data-state'),
    reason: await status.getAttribute('data-reason'),
    endpoint: await status.getAttribute('data-endpoint'),
    text: await status.textContent(),
    rows: await page.getByTestId('tool-row').count(),
  };
  await context.close();
  return out;
}

for (const kind of ['nginx', 'caddy']) {
  test(`${kind} in front of the cluster: the docs origin signs in and reads the tools; another origin is refused`, async () => {
    const port = await freePort();
    const proxyOrigin = `http://127.0.0.1:${port}`;
    const server = await bareServer(proxyOrigin);
    const docsOrigin = new URL(live.server.url).origin;
    const proxy = await startClusterProxy(kind, { port, upstream: server.upstream, origin: docsOrigin });
    closers.push(proxy.close);

    const through = await connectFrom(live.server.url, server.mcp);
    assert.equal(through.state, 'connected', through.text);
    assert.equal(through.rows, 7);
    const seen = server.events.filter((e) => e.kind === 'mcp' && e.method === 'tools/list');
    assert.ok(seen.length >= 1 && seen.every((e) => e.origin === docsOrigin), 'tools/list came from the docs page through the proxy');
    assert.deepEqual(server.events.filter((e) => ['register', 'authorize', 'token'].includes(e.kind)).map((e) => e.kind), ['register', 'authorize', 'token']);

    // A page on any other origin is not let in: refused before any sign-in.
    const elsewhere = await serveDist();
    closers.push(elsewhere.close);
    const signIns = server.events.filter((e) => e.kind === 'authorize').length;
    const refused = await connectFrom(elsewhere.url, server.mcp);
    assert.deepEqual([refused.state, refused.reason], ['failed', 'blocked'], refused.text);
    assert.equal(server.events.filter((e) => e.kind === 'authorize').length, signIns, 'no sign-in opened');
  });
}

test('same origin: the page under /tools/codex/ on the cluster\'s host needs no CORS at all', async () => {
  const port = await freePort();
  const server = await bareServer(`http://127.0.0.1:${port}`);
  const site = await startSameOrigin(join(ROOT, 'dist-subpath'), { port, upstream: server.upstream });
  closers.push(site.close);
  assert.equal(site.url, `http://127.0.0.1:${port}/tools/codex/`);
  const got = await connectFrom(site.url, server.mcp);
  assert.equal(got.state, 'connected', got.text);
  assert.equal(got.rows, 7);
  assert.ok(server.events.some((e) => e.kind === 'register' && e.redirect_uris[0] === `${site.url}callback.html`));
});
