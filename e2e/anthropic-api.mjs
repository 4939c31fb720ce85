// A stand-in for Anthropic's Messages API on 127.0.0.1, so that `claude -p`
// runs with no network and no account: it answers every request with one
// short message and keeps each request's body. What a test reads from it is
// Claude Code's own request: the tools it offers the model (a denied tool is
// not among them). Nothing of the page's is checked here; the API is not
// the part under test, only where Claude Code says what it would expose.
import { createServer } from 'node:http';

/** Starts the stand-in; resolves with { url, bodies(), close() }. */
export function startAnthropicApi() {
  const bodies = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      if (!req.url.startsWith('/v1/messages')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      bodies.push(body);
      let request = {};
      try { request = JSON.parse(body); } catch { /* answered all the same */ }
      const message = { id: 'msg_1', type: 'message', role: 'assistant', model: request.model ?? 'claude', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
      if (!request.stream) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(message));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const event = (name, data) => res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
      event('message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 1, output_tokens: 0 } } });
      event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
      event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } });
      event('content_block_stop', { type: 'content_block_stop', index: 0 });
      event('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } });
      event('message_stop', { type: 'message_stop' });
      res.end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      bodies: () => [...bodies],
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}
