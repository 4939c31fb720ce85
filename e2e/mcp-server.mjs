// A real MCP server for the sign-in and tool tests: the MCP TypeScript SDK's
// McpServer over Streamable HTTP on 127.0.0.1, behind either the SDK's own
// OAuth (mcpAuthRouter with its demo provider, which approves at once) or a
// static bearer token, as a service-account cluster has it. Only the tool
// handlers are written here; every protocol step is the SDK's.
//
// Run it in a child process (`node e2e/mcp-server.mjs --auth oauth`), never
// inside a test that waits synchronously on Codex: see ../shared/docs/CODEX.md.
// It prints one JSON line, { mcp, origin, events }, once it listens.
// GET /test/events answers what the authorization server saw, so a test can
// count sign-ins and read the scopes asked for.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { mcpAuthRouter, getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';
import * as z from 'zod/v4';
import express from 'express';

/**
 * The server's tools: read-only, write, destructive, and one with no
 * annotations at all (whose effect a client must treat as unknown).
 */
export const TOOLS = [
  {
    name: 'logs_search',
    title: 'Search logs',
    description: 'Search log lines with a filter and a time range.',
    annotations: { readOnlyHint: true, openWorldHint: false },
    inputSchema: { query: z.string().describe('Filter expression'), minutes: z.number().optional() },
  },
  {
    name: 'metrics_query',
    title: 'Query metrics',
    description: 'Run a PromQL query against the cluster.',
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    inputSchema: { promql: z.string() },
  },
  {
    name: 'traces_get',
    title: 'Get a trace',
    description: 'Fetch one distributed trace by id.',
    annotations: { readOnlyHint: true },
    inputSchema: { trace_id: z.string() },
  },
  {
    name: 'alert_silence',
    title: 'Silence an alert',
    description: 'Create a silence for an alert rule.',
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    inputSchema: { rule: z.string(), minutes: z.number() },
  },
  {
    name: 'dashboard_update',
    title: 'Update a dashboard',
    description: 'Replace a dashboard panel definition.',
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    inputSchema: { dashboard: z.string(), panel: z.string() },
  },
  {
    name: 'delete_all_entities',
    title: 'Delete all entities',
    description: 'Delete every entity of a kind.',
    annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
    inputSchema: { kind: z.string() },
  },
  {
    name: 'notes.echo',
    description: 'Echo a note back.',
    inputSchema: { text: z.string() },
  },
];

function mcpServer() {
  const server = new McpServer({ name: 'test-observability', version: '1.0.0' });
  for (const { name, title, description, annotations, inputSchema } of TOOLS) {
    server.registerTool(name, { title, description, annotations, inputSchema }, async (args) => ({
      content: [{ type: 'text', text: `${name} ran with ${JSON.stringify(args)}` }],
    }));
  }
  return server;
}

/** The demo provider, recording each authorization it approves. */
class RecordingProvider extends DemoInMemoryAuthProvider {
  constructor(events, preregistered) {
    super();
    this.events = events;
    if (preregistered) {
      // A client the operator registered in advance. Its redirect URIs are
      // added as Codex's loopback callbacks arrive (see allowCallbacks).
      this.clientsStore.clients.set(preregistered, {
        client_id: preregistered,
        redirect_uris: [],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      });
    }
    const store = this.clientsStore;
    const register = store.registerClient.bind(store);
    store.registerClient = async (client) => {
      events.push({ kind: 'register', client_id: client.client_id, redirect_uris: client.redirect_uris });
      return register(client);
    };
  }

  async authorize(client, params, res) {
    this.events.push({
      kind: 'authorize',
      client_id: client.client_id,
      scopes: params.scopes ?? [],
      resource: params.resource?.href ?? null,
      redirect_uri: params.redirectUri,
    });
    // The SDK's handler has matched the redirect (any loopback port); the
    // demo provider compares exactly, so hand it the one that matched.
    const matched = { ...client, redirect_uris: [...client.redirect_uris, params.redirectUri] };
    return super.authorize(matched, params, res);
  }

  async exchangeAuthorizationCode(client, code, verifier) {
    const tokens = await super.exchangeAuthorizationCode(client, code, verifier);
    this.events.push({ kind: 'token', client_id: client.client_id, scope: tokens.scope });
    return tokens;
  }
}

/**
 * The operator's registration of a pre-registered client, as an identity
 * provider with wildcard redirects (Keycloak's `http://127.0.0.1/callback/*`)
 * has it: Codex's loopback callback path, any port (RFC 8252 section 7.3).
 * Codex 0.169 picks the path per server and prints it
 * ("OAuth callback URL: …") for the operator to register.
 */
function allowCallbacks(provider, clientId) {
  return (req, res, next) => {
    const requested = req.query.redirect_uri;
    if (req.query.client_id === clientId && typeof requested === 'string' && /^http:\/\/127\.0\.0\.1(:\d+)?\/callback\/[\w-]+$/.test(requested)) {
      const registered = new URL(requested);
      registered.port = '';
      const client = provider.clientsStore.clients.get(clientId);
      if (!client.redirect_uris.includes(registered.href)) client.redirect_uris.push(registered.href);
    }
    next();
  };
}

/**
 * RFC 8707 lets a client name several resources ("resource" repeated), and
 * Codex 0.169 does whenever `oauth_resource` is set: the server's URL, then
 * the configured resource. The SDK's handlers take one, so this keeps the
 * last (the configured one) for them and records every one the client sent.
 */
function acceptSeveralResources(events) {
  const lastOnly = (value) => (Array.isArray(value) ? value.at(-1) : value);
  return [
    (req, res, next) => {
      if (req.path !== '/authorize') return next();
      const url = new URL(req.originalUrl, 'http://127.0.0.1');
      const resources = url.searchParams.getAll('resource');
      events.push({ kind: 'resources', resources });
      if (resources.length > 1) {
        url.searchParams.delete('resource');
        url.searchParams.append('resource', resources.at(-1));
        req.url = `${url.pathname}${url.search}`;
      }
      next();
    },
    (req, res, next) => {
      if (req.path !== '/token' || req.method !== 'POST') return next();
      express.urlencoded({ extended: false })(req, res, () => {
        if (req.body) req.body.resource = lastOnly(req.body.resource);
        next();
      });
    },
  ];
}

/**
 * Starts the server. `auth` is 'oauth' or 'token'; `token` is the static
 * bearer token for 'token'; `preregistered` adds a client id registered in
 * advance. Returns { mcp, origin, events, close }.
 */
export async function startMcpServer({ auth = 'oauth', token = 'test-token', preregistered } = {}) {
  const app = createMcpExpressApp();
  const http = createServer(app);
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${http.address().port}`;
  const mcpUrl = new URL('/mcp', origin);
  const events = [];

  let guard;
  if (auth === 'oauth') {
    const provider = new RecordingProvider(events, preregistered);
    if (preregistered) app.use('/authorize', allowCallbacks(provider, preregistered));
    app.use(acceptSeveralResources(events));
    app.use(mcpAuthRouter({ provider, issuerUrl: new URL(`${origin}/`), resourceServerUrl: mcpUrl, scopesSupported: ['logs:read', 'metrics:read', 'admin'] }));
    guard = requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl) });
  } else {
    guard = requireBearerAuth({
      verifier: {
        verifyAccessToken: async (given) => {
          if (given !== token) throw new Error('unknown token');
          return { token: given, clientId: 'service-account', scopes: [], expiresAt: Math.floor(Date.now() / 1000) + 3600 };
        },
      },
    });
  }

  app.get('/test/events', (req, res) => res.json(events));
  app.post('/mcp', guard, async (req, res) => {
    events.push({ kind: 'mcp', method: req.body?.method ?? null });
    const server = mcpServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => { transport.close(); server.close(); });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  const notAllowed = (req, res) => res.status(405).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
  app.get('/mcp', guard, notAllowed);
  app.delete('/mcp', guard, notAllowed);

  return {
    mcp: mcpUrl.href,
    origin,
    events,
    close: () => new Promise((r) => { http.closeAllConnections(); http.close(r); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { auth: { type: 'string', default: 'oauth' }, token: { type: 'string' }, preregistered: { type: 'string' } } });
  const server = await startMcpServer(values);
  process.stdout.write(`${JSON.stringify({ mcp: server.mcp, origin: server.origin })}\n`);
  process.on('SIGTERM', async () => { await server.close(); process.exit(0); });
}
