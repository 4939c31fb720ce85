// Connect from the page: one press signs in from the browser and fills the
// picker with the server's real tools. Against real servers on 127.0.0.1:
// the MCP TypeScript SDK (its OAuth router, dynamic registration, JSON and
// event-stream answers, sessions, a server with well over a hundred tools
// over pages), and oidc-provider, whose login and consent pages the test
// types into in the sign-in window. Each way the flow can stop short is
// a test of its own; what the servers saw says what was sent.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import Provider from 'oidc-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SHOTS, axeViolations, connect, copyVia, openPage, serveDist, servedPageAndBrowser } from './lib.mjs';
import { mcpServer, startMcpServer } from './mcp-server.mjs';

const live = servedPageAndBrowser();
const origin = () => new URL(live.server.url).origin;
const closers = [];
after(async () => {
  for (const close of closers) await close();
});

/** An SDK server for this test, closed at the end. */
async function sdk(options) {
  const server = await startMcpServer({ cors: origin(), ...options });
  closers.push(server.close);
  return server;
}

/**
 * The browser's own notes on the answers the flow expects: a 401 is how
 * discovery starts, and a token endpoint answers the plain GET that shows
 * it allows this page (CORS) with 405.
 */
const expected = (p) => /Failed to load resource: the server responded with a status of (401|403|400|404|405|500)/.test(p);

/** Opens the page for `mcp` (with `query`), live with its tool picker. */
async function pageFor(mcp, query = {}, server = live.server) {
  const link = `${server.url}?${new URLSearchParams({ url: mcp, ...query })}`;
  return openPage(live.browser, link, { viewport: { width: 1280, height: 1000 } });
}

/** Everything the page keeps or shows: storage, the document, the address, the share link. */
async function everywhere(page) {
  return page.evaluate(() => JSON.stringify({
    local: { ...localStorage },
    session: { ...sessionStorage },
    html: document.documentElement.outerHTML,
    address: location.href,
    history: history.length,
  }));
}

test('one press: registered, signed in once with PKCE S256, the scopes and the resource; the tools in the picker; the token and the code nowhere', async () => {
  const server = await sdk({ json: true });
  const { page, context, problems } = await pageFor(server.mcp, { scopes: 'logs:read' });
  const consoleText = [];
  page.on('console', (m) => consoleText.push(m.text()));
  assert.match(await page.getByTestId('tools-source').textContent(), /unverified/);
  await page.getByText('For the page\'s operator: signing in from the browser').click();
  // Written when the details' toggle event has run (a task after the click).
  await page.getByTestId('connect-redirect-uri').filter({ hasText: /\S/ }).waitFor({ timeout: 5_000 });
  const redirect = await page.getByTestId('connect-redirect-uri').textContent();
  assert.equal(redirect, `${live.server.url}callback.html`);
  // The sign-in window's first request, as the browser sent it.
  let authorizeUrl;
  context.on('request', (r) => {
    if (!authorizeUrl && new URL(r.url()).pathname === '/authorize') authorizeUrl = r.url();
  });
  const { status } = await connect(page, async (popup) => {
    await popup.waitForEvent('close', { timeout: 15_000 }).catch(() => {});
  });
  assert.equal(await status.getAttribute('data-state'), 'connected', await status.textContent());
  assert.match(await status.textContent(), /^Read 7 tools from 127\.0\.0\.1 at \d\d:\d\d/);

  // The picker shows the server's tools with their effects, as an import does.
  const rows = await page.getByTestId('tool-row').evaluateAll((r) => Object.fromEntries(r.map((e) => [e.dataset.name, e.dataset.effect])));
  assert.deepEqual(rows, {
    alert_silence: 'write', dashboard_update: 'write', delete_all_entities: 'destructive', logs_search: 'read-only',
    metrics_query: 'read-only', 'notes.echo': 'unknown', traces_get: 'read-only',
  });
  assert.match(await page.getByTestId('tools-source').textContent(), /Showing the 7 tools your server reported/);

  // What the servers saw: one registration with the callback only, one sign-in, one token.
  const kinds = server.events.map((e) => e.kind);
  assert.deepEqual(kinds.filter((k) => ['register', 'authorize', 'token'].includes(k)), ['register', 'authorize', 'token']);
  assert.deepEqual(server.events.find((e) => e.kind === 'register').redirect_uris, [redirect]);
  const authorize = server.events.find((e) => e.kind === 'authorize');
  assert.deepEqual(authorize.scopes, ['logs:read']);
  assert.equal(authorize.resource, server.mcp);
  const asked = new URL(authorizeUrl);
  assert.equal(asked.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(asked.searchParams.get('code_challenge')?.length >= 43);
  assert.ok(asked.searchParams.get('state')?.length >= 16);
  assert.ok(server.events.filter((e) => e.kind === 'mcp').every((e) => e.origin === origin()), 'MCP from this page');

  // The token and the code are found nowhere.
  const { code, access_token: token } = server.events.find((e) => e.kind === 'token');
  const kept = await everywhere(page);
  for (const secret of [token, code]) {
    assert.ok(!kept.includes(secret), `${secret.slice(0, 6)}… is kept by the page`);
    assert.ok(!consoleText.some((t) => t.includes(secret)), 'nor in the console');
  }
  assert.ok(!page.url().includes('code='));

  // A second press reuses the client this tab registered.
  const again = await connect(page);
  assert.equal(await again.status.getAttribute('data-state'), 'connected');
  assert.equal(server.events.filter((e) => e.kind === 'register').length, 1, 'registered once per tab');
  await page.screenshot({ path: join(SHOTS, 'connect-connected.png') });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems.filter((p) => !expected(p)), []);
  await context.close();
});

test('event-stream answers and a session: the session is named in every request, then closed', async () => {
  const server = await sdk({ sessions: true });
  const { page, context } = await pageFor(server.mcp);
  const { status } = await connect(page);
  assert.equal(await status.getAttribute('data-state'), 'connected', await status.textContent());
  const mcp = server.events.filter((e) => e.kind === 'mcp');
  assert.equal(mcp[0].method, 'initialize');
  assert.equal(mcp[0].session, null);
  const sid = mcp[1].session;
  assert.ok(sid, 'the session the server gave');
  assert.ok(mcp.slice(1).every((e) => e.session === sid && e.protocol), JSON.stringify(mcp));
  assert.deepEqual(mcp.map((e) => e.method ?? e.http), ['initialize', 'notifications/initialized', 'tools/list', 'DELETE']);
  assert.ok(server.events.some((e) => e.kind === 'session-closed' && e.session === sid));
  await context.close();
});

test('a server with 150 tools over pages: every page is read', async () => {
  const server = await sdk({ sessions: true, json: true, many: 150 });
  const { page, context } = await pageFor(server.mcp);
  const { status } = await connect(page);
  assert.match(await status.textContent(), /^Read 150 tools/);
  assert.equal(await page.getByTestId('tool-row').count(), 150);
  assert.equal(server.events.filter((e) => e.method === 'tools/list').length, 4, '40 a page');
  await context.close();
});

/** oidc-provider with a client for browsers, and an MCP resource server that takes its JWTs. */
async function oidcWithMcp(pageServer = live.server) {
  const pageOrigin = new URL(pageServer.url).origin;
  const http = createServer();
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${http.address().port}`;
  const rsApp = express();
  rsApp.use(express.json());
  const rs = createServer(rsApp);
  await new Promise((r) => rs.listen(0, '127.0.0.1', r));
  const mcpUrl = new URL(`http://127.0.0.1:${rs.address().port}/mcp`);
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'configurator-browser',
      token_endpoint_auth_method: 'none',
      redirect_uris: [`${pageServer.url}callback.html`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    pkce: { required: () => true },
    clientBasedCORS: (ctx, from) => from === pageOrigin,
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => mcpUrl.href,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'mcp:tools', audience: mcpUrl.href, accessTokenFormat: 'jwt' }),
      },
    },
  });
  http.on('request', provider.callback());
  const metadata = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri));
  const verifier = {
    verifyAccessToken: async (token) => {
      const { payload } = await jwtVerify(token, jwks, { issuer, audience: mcpUrl.href });
      return { token, clientId: payload.client_id, scopes: String(payload.scope ?? '').split(' '), expiresAt: payload.exp };
    },
  };
  rsApp.use('/mcp', (req, res, next) => {
    res.set('Access-Control-Allow-Origin', pageOrigin);
    res.set('Access-Control-Expose-Headers', 'mcp-session-id, www-authenticate');
    if (req.method !== 'OPTIONS') return next();
    res.set('Access-Control-Allow-Headers', 'authorization, content-type, mcp-protocol-version, mcp-session-id');
    res.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
    return res.status(204).end();
  });
  rsApp.use(mcpAuthMetadataRouter({ oauthMetadata: metadata, resourceServerUrl: mcpUrl, scopesSupported: ['mcp:tools'] }));
  const guard = requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl) });
  rsApp.get('/mcp', guard, (req, res) => res.status(405).end());
  rsApp.post('/mcp', guard, async (req, res) => {
    const server = mcpServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => { transport.close(); server.close(); });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  const close = async () => {
    rs.closeAllConnections();
    http.closeAllConnections();
    await new Promise((r) => rs.close(r));
    await new Promise((r) => http.close(r));
  };
  closers.push(close);
  return { mcp: mcpUrl.href };
}

test('oidc-provider: its login and consent pages in the sign-in window, the operator\'s browser client, the tools read', async () => {
  const presets = await serveDist({ overrides: { 'presets.toml': 'browser_client_id = "configurator-browser"\n' } });
  closers.push(presets.close);
  const server = await oidcWithMcp(presets);
  const { page, context, problems } = await pageFor(server.mcp, { scopes: 'mcp:tools' }, presets);
  const { status } = await connect(page, async (popup) => {
    await popup.locator('input[name="login"]').fill('ada');
    await popup.locator('input[name="password"]').fill('any password');
    await popup.getByRole('button', { name: 'Sign-in' }).click();
    await popup.getByRole('button', { name: 'Continue' }).click();
  });
  assert.equal(await status.getAttribute('data-state'), 'connected', await status.textContent());
  assert.equal(await page.getByTestId('tool-row').count(), 7);
  assert.deepEqual(problems.filter((p) => !expected(p)), []);
  await context.close();
});

/** Presses connect against `server` and returns the settled status's state, reason and text. */
async function failure(mcp, { query = {}, inPopup, pageServer } = {}) {
  const { page, context } = await pageFor(mcp, query, pageServer);
  const { status, popup } = await connect(page, inPopup);
  const out = {
    state: await status.getAttribute('data-state'),
    reason: await status.getAttribute('data-reason'),
    endpoint: await status.getAttribute('data-endpoint'),
    text: await status.textContent(),
    cors: await page.getByTestId('connect-cors').count() ? await copyVia(page, 'connect-cors') : null,
    popup: Boolean(popup),
    page,
  };
  await status.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, `connect-${out.reason}.png`) });
  // Every failure state, with its words and lines, passes axe.
  assert.deepEqual(await axeViolations(page), [], `${out.reason}: axe`);
  await context.close();
  return out;
}

test('blocked: an MCP endpoint without CORS is named, with the operator\'s lines, and nothing is signed in', async () => {
  const server = await sdk({ cors: undefined });
  const got = await failure(server.mcp);
  assert.deepEqual([got.state, got.reason, got.endpoint], ['failed', 'blocked', 'mcp']);
  assert.match(got.text, /refused the request to the MCP endpoint/);
  assert.match(got.text, /Access-Control-Allow-Origin/);
  assert.match(got.text, /Access-Control-Expose-Headers "mcp-session-id, www-authenticate"/);
  assert.match(got.cors, /^# nginx[\s\S]*add_header Access-Control-Allow-Origin "http:\/\/127\.0\.0\.1:\d+" always;/, 'the lines, copyable, name this page\'s origin');
  assert.equal(got.popup, false, 'no sign-in opened');
  assert.deepEqual(server.events.filter((e) => ['register', 'authorize', 'token'].includes(e.kind)), []);
});

test('no-registration: without a registration endpoint or a browser client, said before any sign-in opens', async () => {
  const server = await oidcWithMcp();
  const got = await failure(server.mcp);
  assert.deepEqual([got.state, got.reason], ['failed', 'no-registration']);
  assert.match(got.text, /browser_client_id/);
  assert.equal(got.popup, false);
});

test('registration-refused and token-refused: the server\'s own words', async () => {
  const refusing = await sdk({ policy: { refuseRegistration: true } });
  const registration = await failure(refusing.mcp);
  assert.equal(registration.reason, 'registration-refused');
  assert.match(registration.text, /invalid_client_metadata: this server registers https redirect URIs only/);
  assert.equal(registration.popup, false);
  const noTokens = await sdk({ policy: { refuseTokens: true } });
  const token = await failure(noTokens.mcp);
  assert.equal(token.reason, 'token-refused');
  assert.match(token.text, /invalid_grant: this sign-in was revoked by policy/);
});

test('a token without the scope the tools want: one more sign-in for it, and the tools read', async () => {
  const scoped = await sdk({ scope: 'admin' });
  const { page, context } = await pageFor(scoped.mcp, { scopes: 'logs:read' });
  const { status } = await connect(page);
  assert.equal(await status.getAttribute('data-state'), 'connected', await status.textContent());
  const asked = scoped.events.filter((e) => e.kind === 'authorize').map((e) => e.scopes);
  assert.deepEqual(asked, [['logs:read'], ['logs:read', 'admin']], 'the second sign-in asks for the wider scope');
  await context.close();
});

test('denied, state-mismatch, unauthorized: each ends failed with its reason', async () => {
  const denying = await sdk({ policy: { deny: true } });
  const denied = await failure(denying.mcp);
  assert.equal(denied.reason, 'denied');
  assert.match(denied.text, /access_denied \(The person declined access\.\)/);

  const forging = await sdk({ policy: { wrongState: true } });
  const forged = await failure(forging.mcp);
  assert.equal(forged.reason, 'state-mismatch');
  assert.ok(!forging.events.some((e) => e.kind === 'token'), 'the code was never redeemed');

  const scoped = await sdk({ scope: 'admin', policy: { grantOnly: ['logs:read'] } });
  const refused = await failure(scoped.mcp, { query: { scopes: 'logs:read' } });
  assert.equal(refused.reason, 'unauthorized');
  assert.match(refused.text, /even after a second sign-in for the scope it named \(admin\)/);
  assert.equal(scoped.events.filter((e) => e.kind === 'authorize').length, 2, 'one more sign-in, no more');
});

test('not-mcp: an HTML page where MCP belongs', async () => {
  const app = express();
  app.use((req, res) => {
    res.set('Access-Control-Allow-Origin', origin());
    res.set('Access-Control-Allow-Headers', 'authorization, content-type, mcp-protocol-version, mcp-session-id');
    if (req.method === 'OPTIONS') return res.status(204).end();
    return res.type('html').send('<!doctype html><title>Welcome</title><p>Our product site</p>');
  });
  const http = createServer(app);
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => { http.closeAllConnections(); http.close(r); }));
  const got = await failure(`http://127.0.0.1:${http.address().port}/mcp`);
  assert.equal(got.reason, 'not-mcp');
  assert.match(got.text, /an HTML page/);
});

test('timeout: the person closes the sign-in window, and the page says so', async () => {
  const holding = await sdk({ policy: { hold: true } });
  const got = await failure(holding.mcp, { inPopup: (popup) => popup.close() });
  assert.equal(got.reason, 'timeout');
  assert.match(got.text, /sign-in window closed before it sent you back/);
  assert.ok(!holding.events.some((e) => e.kind === 'token'));
});

test('held while a share link waits for answers: a link can aim the sign-in at another server', async () => {
  const server = await sdk({ json: true });
  const { page, context } = await pageFor(server.mcp, { bearer_token_env_var: 'SOME_TOKEN' });
  assert.equal(await page.getByTestId('share-risks').count(), 1);
  assert.ok(await page.getByTestId('connect-start').isDisabled());
  await page.getByTestId('share-risks-accept').click();
  assert.ok(await page.getByTestId('connect-start').isEnabled());
  await context.close();
});
