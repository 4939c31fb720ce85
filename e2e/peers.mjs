// Real OAuth peers for the discovery tests, each on its own 127.0.0.1 port:
// the official MCP TypeScript SDK, oidc-provider and oauth2-mock-server.
// Only the malformed cases come from the hand-written fixture (fixture.mjs).
import { createServer } from 'node:http';
import express from 'express';
import Provider from 'oidc-provider';
import { OAuth2Server } from 'oauth2-mock-server';
import { mcpAuthRouter, mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';

/** Listens on a free 127.0.0.1 port; returns { port, origin, close }. */
async function listen(handler) {
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

/**
 * CORS on /mcp as a real deployment might have it: 'expose' lets the browser
 * read WWW-Authenticate, 'hidden' allows the origin but not the header, and
 * 'none' sends no CORS headers at all (the fetch is blocked).
 */
function mcpCors(mode) {
  return (req, res, next) => {
    if (mode !== 'none') res.set('Access-Control-Allow-Origin', '*');
    if (mode === 'expose') res.set('Access-Control-Expose-Headers', 'WWW-Authenticate');
    next();
  };
}

const rejectAll = { verifyAccessToken: async () => { throw new Error('no tokens in these tests'); } };

/** A bearer-protected /mcp and its protected resource metadata, for `oauthMetadata`. */
function resourceServer(app, origin, oauthMetadata, cors) {
  const mcpUrl = new URL('/mcp', origin);
  app.use(mcpAuthMetadataRouter({ oauthMetadata, resourceServerUrl: mcpUrl, scopesSupported: ['mcp:tools'] }));
  app.use('/mcp', mcpCors(cors), requireBearerAuth({ verifier: rejectAll, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl) }), (req, res) => res.json({}));
  return mcpUrl.href;
}

/** The SDK's authorization router and demo provider, with /mcp on the same origin. */
export async function sdkAllInOne(cors) {
  const app = express();
  const peer = await listen(app);
  const provider = new DemoInMemoryAuthProvider();
  const issuerUrl = new URL(`${peer.origin}/`);
  app.use('/mcp', mcpCors(cors), requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL('/mcp', peer.origin)) }), (req, res) => res.json({}));
  app.use(mcpAuthRouter({ provider, issuerUrl, resourceServerUrl: new URL('/mcp', peer.origin), scopesSupported: ['mcp:tools'] }));
  return { ...peer, mcp: `${peer.origin}/mcp` };
}

/** The SDK's authorization server on one port, a metadata router and /mcp on another. */
export async function sdkSplit(cors) {
  const authApp = express();
  const auth = await listen(authApp);
  const provider = new DemoInMemoryAuthProvider();
  authApp.use(mcpAuthRouter({ provider, issuerUrl: new URL(`${auth.origin}/`), scopesSupported: ['mcp:tools'] }));
  const metadata = await (await fetch(`${auth.origin}/.well-known/oauth-authorization-server`)).json();
  const rsApp = express();
  const rs = await listen(rsApp);
  const mcp = resourceServer(rsApp, rs.origin, metadata, cors);
  return { mcp, close: async () => { await rs.close(); await auth.close(); } };
}

/** oidc-provider as the authorization server, with registration and CIMD switchable. */
export async function oidc({ registration, cimd }) {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [],
    features: {
      registration: { enabled: registration },
      clientIdMetadataDocument: { enabled: cimd, ...(cimd ? { ack: 'draft-02' } : {}) },
      devInteractions: { enabled: false },
    },
  });
  server.on('request', provider.callback());
  const metadata = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  const rsApp = express();
  const rs = await listen(rsApp);
  const mcp = resourceServer(rsApp, rs.origin, metadata, 'expose');
  return {
    mcp,
    close: async () => {
      await rs.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * oauth2-mock-server bound to 127.0.0.1: it reports its issuer as
 * http://localhost:PORT, while the resource names http://127.0.0.1:PORT.
 */
export async function mockIssuerMismatch() {
  const mock = new OAuth2Server();
  await mock.issuer.keys.generate('RS256');
  await mock.start(0, '127.0.0.1');
  const asOrigin = `http://127.0.0.1:${mock.address().port}`;
  const rsApp = express();
  const rs = await listen(rsApp);
  const metadata = { issuer: asOrigin, authorization_endpoint: `${asOrigin}/authorize`, token_endpoint: `${asOrigin}/token`, response_types_supported: ['code'] };
  const mcp = resourceServer(rsApp, rs.origin, metadata, 'expose');
  return { mcp, close: async () => { await rs.close(); await mock.stop(); } };
}
