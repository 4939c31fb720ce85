// A hand-written server for the malformed cases only (HTML, huge, slow,
// redirects, 5xx, wrong types, an open endpoint). Every answer allows CORS so
// the browser sees exactly what a terminal would. MCP URLs look like
// http://127.0.0.1:PORT/<case>/mcp.
import { createServer } from 'node:http';

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'WWW-Authenticate', ...headers });
  res.end(body);
}

const json = (res, value) => send(res, 200, JSON.stringify(value), { 'content-type': 'application/json' });

export async function startFixture() {
  const timers = new Set();
  let origin;
  let otherOrigin;
  const other = createServer((req, res) => send(res, 200, '<html><body>Sign in</body></html>', { 'content-type': 'text/html' }));
  await new Promise((r) => other.listen(0, '127.0.0.1', r));
  otherOrigin = `http://127.0.0.1:${other.address().port}`;

  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const asDoc = (issuer) => ({
      issuer,
      authorization_endpoint: `${origin}/authorize`,
      token_endpoint: `${origin}/token`,
      registration_endpoint: `${origin}/register`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
    const prm = (name) => ({ resource: `${origin}/${name}/mcp`, authorization_servers: [`${origin}/${name}/as`] });
    // /<case>/mcp: the endpoint.
    let m = path.match(/^\/([a-z0-9-]+)\/mcp$/);
    if (m) {
      if (m[1] === 'open') return json(res, { ok: true });
      return send(res, 401, '', { 'WWW-Authenticate': 'Bearer' });
    }
    // Path-inserted protected resource metadata.
    m = path.match(/^\/\.well-known\/oauth-protected-resource\/([a-z0-9-]+)\/mcp$/);
    if (m) {
      switch (m[1]) {
        case 'html': return send(res, 200, '<!doctype html><html><body><form>Sign in</form></body></html>', { 'content-type': 'text/html' });
        case 'huge': return send(res, 200, JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }), { 'content-type': 'application/json' });
        case 'slow': {
          const t = setTimeout(() => json(res, prm('slow')), 15_000);
          timers.add(t);
          return;
        }
        case 'redirect-away': return send(res, 302, '', { Location: `${otherOrigin}/login` });
        case 'redirect-here': return send(res, 302, '', { Location: `/moved/redirect-here/prm` });
        case 'unavailable': return send(res, 503, 'unavailable');
        case 'types': return json(res, { resource: `${origin}/types/mcp`, authorization_servers: `${origin}/types/as` });
        case 'open': return json(res, prm('open'));
        default: return send(res, 404, 'not found');
      }
    }
    if (path === '/moved/redirect-here/prm') return json(res, prm('redirect-here'));
    // Authorization server metadata for issuers ORIGIN/<case>/as.
    m = path.match(/^\/\.well-known\/oauth-authorization-server\/([a-z0-9-]+)\/as$/);
    if (m) return json(res, asDoc(`${origin}/${m[1]}/as`));
    return send(res, 404, 'not found');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    mcp: (name) => `${origin}/${name}/mcp`,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of [server, other]) {
        s.closeAllConnections();
        await new Promise((r) => s.close(r));
      }
    },
  };
}
