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
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { mcpAuthRouter, getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';
import { InvalidClientMetadataError, InvalidGrantError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
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

export function mcpServer() {
  const server = new McpServer({ name: 'test-observability', version: '1.0.0' });
  for (const { name, title, description, annotations, inputSchema } of TOOLS) {
    server.registerTool(name, { title, description, annotations, inputSchema }, async (args) => ({
      content: [{ type: 'text', text: `${name} ran with ${JSON.stringify(args)}` }],
    }));
  }
  return server;
}

/**
 * A server with `count` tools, listed `perPage` at a time with `nextCursor`
 * (the SDK's low-level Server, whose handler pages as it likes).
 */
function manyToolsServer(count, perPage = 40) {
  const server = new Server({ name: 'many-tools', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async (request) => {
    const start = Number(request.params?.cursor ?? 0);
    const tools = [];
    for (let i = start; i < Math.min(start + perPage, count); i += 1) {
      tools.push({ name: `tool_${String(i).padStart(3, '0')}`, description: `Tool number ${i}.`, inputSchema: { type: 'object' }, annotations: { readOnlyHint: i % 2 === 0 } });
    }
    return start + perPage < count ? { tools, nextCursor: String(start + perPage) } : { tools };
  });
  return server;
}

/**
 * CORS on /mcp for a page on `allowed` (an origin, or '*'), as the project's
 * hosting/cluster-cors files set it in front of a cluster: the headers a
 * browser client sends, and those it must read.
 */
function mcpCors(allowed) {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && (allowed === '*' || origin === allowed)) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Expose-Headers', 'mcp-session-id, www-authenticate');
      res.set('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.set('Access-Control-Allow-Headers', 'authorization, content-type, mcp-protocol-version, mcp-session-id, last-event-id');
        res.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
        return res.status(204).end();
      }
    }
    next();
  };
}

/** The demo provider, recording each authorization it approves. */
class RecordingProvider extends DemoInMemoryAuthProvider {
  /**
   * `policy` makes the authorization server answer as a real one would
   * when it says no: `deny` (the person declines), `wrongState` (an answer
   * that is not this request's), `hold` (a sign-in page that never ends),
   * `refuseTokens`, `refuseRegistration`.
   */
  constructor(events, preregistered, policy = {}) {
    super();
    this.events = events;
    this.policy = policy;
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
      if (policy.refuseRegistration) throw new InvalidClientMetadataError('this server registers https redirect URIs only');
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
    if (this.policy.deny) {
      const back = new URL(params.redirectUri);
      back.search = new URLSearchParams({ error: 'access_denied', error_description: 'The person declined access.', state: params.state ?? '' }).toString();
      return res.redirect(back.href);
    }
    if (this.policy.hold) return res.type('html').send('<!doctype html><title>Sign in</title><p>Signing in takes a while…</p>');
    // The SDK's handler has matched the redirect (any loopback port); the
    // demo provider compares exactly, so hand it the one that matched.
    const matched = { ...client, redirect_uris: [...client.redirect_uris, params.redirectUri] };
    let asked = this.policy.wrongState ? { ...params, state: 'not-the-state-the-page-sent' } : params;
    // A policy that grants only some scopes, whatever is asked.
    if (this.policy.grantOnly) asked = { ...asked, scopes: (asked.scopes ?? []).filter((s) => this.policy.grantOnly.includes(s)) };
    return super.authorize(matched, asked, res);
  }

  async exchangeAuthorizationCode(client, code, verifier, redirectUri, resource) {
    if (this.policy.refuseTokens) throw new InvalidGrantError('this sign-in was revoked by policy');
    const tokens = await super.exchangeAuthorizationCode(client, code, verifier, redirectUri, resource);
    // The values too, so a test can look for them where they must not be.
    this.events.push({ kind: 'token', client_id: client.client_id, scope: tokens.scope, code, access_token: tokens.access_token });
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
 * advance. For the connect tests: `cors` allows a page's origin on /mcp,
 * `json` answers JSON instead of event streams, `sessions` keeps MCP
 * sessions (`Mcp-Session-Id`), `many` serves that many tools over pages,
 * and `scope` is a scope /mcp requires (else 403 insufficient_scope).
 * Returns { mcp, origin, events, close }.
 */
export async function startMcpServer({ auth = 'oauth', token = 'test-token', preregistered, cors, json = false, sessions = false, many, scope, policy = {}, publicOrigin } = {}) {
  const app = createMcpExpressApp();
  const http = createServer(app);
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  // The origin its metadata names: its own, or a proxy's in front of it.
  const origin = publicOrigin ?? `http://127.0.0.1:${http.address().port}`;
  // Behind a proxy on this machine (its X-Forwarded-For is the SDK's rate limiter's to read).
  if (publicOrigin) app.set('trust proxy', 'loopback');
  const mcpUrl = new URL('/mcp', origin);
  const events = [];

  let guard;
  if (auth === 'oauth') {
    const provider = new RecordingProvider(events, preregistered, policy);
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
  if (cors) app.use('/mcp', mcpCors(cors));
  if (scope) {
    const wanted = guard;
    guard = (req, res, next) => wanted(req, res, () => {
      if (req.auth?.scopes?.includes(scope)) return next();
      res.set('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${scope}", resource_metadata="${getOAuthProtectedResourceMetadataUrl(mcpUrl)}"`);
      res.status(403).json({ error: 'insufficient_scope', error_description: `needs ${scope}` });
    });
  }
  const seen = (req) => events.push({
    kind: 'mcp',
    http: req.method,
    method: req.body?.method ?? null,
    session: req.headers['mcp-session-id'] ?? null,
    protocol: req.headers['mcp-protocol-version'] ?? null,
    origin: req.headers.origin ?? null,
  });
  const newServer = () => (many ? manyToolsServer(many) : mcpServer());
  const transports = new Map();
  app.post('/mcp', guard, async (req, res) => {
    seen(req);
    if (!sessions) {
      const server = newServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: json });
      res.on('close', () => { transport.close(); server.close(); });
      await server.connect(transport);
      return transport.handleRequest(req, res, req.body);
    }
    const id = req.headers['mcp-session-id'];
    let transport = id ? transports.get(id) : undefined;
    if (!transport) {
      if (id || req.body?.method !== 'initialize') return res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'No valid session' }, id: null });
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: json,
        onsessioninitialized: (sid) => transports.set(sid, transport),
      });
      transport.onclose = () => { if (transport.sessionId) transports.delete(transport.sessionId); };
      await newServer().connect(transport);
    }
    return transport.handleRequest(req, res, req.body);
  });
  const notAllowed = (req, res) => res.status(405).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
  app.get('/mcp', guard, notAllowed);
  app.delete('/mcp', guard, async (req, res) => {
    seen(req);
    const transport = sessions ? transports.get(req.headers['mcp-session-id']) : undefined;
    if (!transport) return notAllowed(req, res);
    await transport.handleRequest(req, res);
    events.push({ kind: 'session-closed', session: req.headers['mcp-session-id'] });
  });

  return {
    mcp: mcpUrl.href,
    origin,
    /** Where it listens (a proxy in front of it forwards here). */
    upstream: `127.0.0.1:${http.address().port}`,
    events,
    close: () => new Promise((r) => { http.closeAllConnections(); http.close(r); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      auth: { type: 'string', default: 'oauth' },
      token: { type: 'string' },
      preregistered: { type: 'string' },
      cors: { type: 'string' },
      json: { type: 'boolean', default: false },
      sessions: { type: 'boolean', default: false },
      many: { type: 'string' },
      scope: { type: 'string' },
    },
  });
  const server = await startMcpServer({ ...values, many: values.many ? Number(values.many) : undefined });
  process.stdout.write(`${JSON.stringify({ mcp: server.mcp, origin: server.origin })}\n`);
  process.on('SIGTERM', async () => { await server.close(); process.exit(0); });
}
