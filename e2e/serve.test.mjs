// The README's first command, run as a newcomer runs it: `./scripts/serve.sh`
// from the checkout (set-up, a debug build, Trunk's server with live
// reload), on a free port and into a folder of its own so that the release
// build the other tests use stays as it is. The page it serves must come
// alive and write the commands; any console error (a file the browser
// refuses for its integrity, a CSP refusal) fails it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launch, whenLive } from './lib.mjs';

/** A port nothing listens on now, on 127.0.0.1. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once `url` answers 200 with the page, or rejects after `ms`, with what the command printed. */
async function answered(url, ms, output, exited) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (exited.code !== undefined) throw new Error(`serve.sh ended (status ${exited.code}) before serving:\n${output.join('')}`);
    try {
      const response = await fetch(url);
      if (response.ok && (await response.text()).includes('id="page"')) return;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`nothing served at ${url} after ${ms / 1000} s; serve.sh printed:\n${output.join('').slice(-4000)}`);
}

test('./scripts/serve.sh serves a page that goes live, writes the commands for a link, and follows typing', { timeout: 900_000 }, async () => {
  const port = await freePort();
  const dist = await mkdtemp(join(tmpdir(), 'serve-dist-'));
  const output = [];
  const exited = {};
  const started = Date.now();
  const serve = spawn('./scripts/serve.sh', ['--port', String(port), '--dist', dist], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  serve.stdout.on('data', (d) => output.push(d.toString()));
  serve.stderr.on('data', (d) => output.push(d.toString()));
  serve.on('exit', (code) => { exited.code = code; });
  let browser;
  try {
    const base = `http://127.0.0.1:${port}/`;
    await answered(base, 840_000, output, exited);
    console.log(`serve.sh served the page after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    browser = await launch();
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${base}?name=kfuse&url=acme.kloudfuse.io`);
    await whenLive(page).catch((e) => {
      throw new Error(`the page never went live (#page[data-live]); the browser said:\n${problems.join('\n') || '(nothing)'}\n${e.message}`);
    });
    assert.match(await page.getByTestId('cli-posix').textContent(), /codex mcp add kfuse --url https:\/\/acme\.kloudfuse\.io\/mcp/);
    await page.getByTestId('name-input').fill('kfuse-prod');
    await page.waitForFunction(() => document.querySelector('[data-testid="cli-posix"]').textContent.includes('codex mcp add kfuse-prod --url https://acme.kloudfuse.io/mcp'));
    assert.doesNotMatch(await page.getByTestId('cli-posix').textContent(), /codex mcp add kfuse --url/);
    assert.deepEqual(problems, [], 'no console error: no file refused for its integrity, nothing refused by a CSP');
    await context.close();
  } finally {
    await browser?.close();
    try { process.kill(-serve.pid, 'SIGTERM'); } catch { /* already gone */ }
    await rm(dist, { recursive: true, force: true });
  }
});
