// The page's own sign-in as a client of the MCP conformance suite
// (@modelcontextprotocol/conformance, e2e/conformance.test.mjs): the suite
// starts a scenario's servers and runs `node e2e/conformance-client.mjs URL`.
// This serves the release build on 127.0.0.1 (with the presets a scenario
// needs), opens the page for URL in Chromium and presses "Sign in and read
// my server's tools", as a person would; the scenario's authorization
// server approves at once. It exits 0 once the page says connected, 1 when
// the page stops short (the status's reason is printed), so the suite sees
// what a person would.
//
// The scenario servers send no CORS headers: this one browser runs with
// web security off. CORS itself is tested elsewhere, against real nginx and
// Caddy (e2e/connect-hosting.test.mjs).
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, serveDist, whenLive, whenToolsLive } from './lib.mjs';

const mcp = process.argv[2];
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}');

/** The presets a scenario needs: the client id metadata document the suite expects, a pre-registered client. */
function presetsFor() {
  const lines = [];
  if (scenario === 'auth/basic-cimd') lines.push('client_metadata_url = "https://conformance-test.local/client-metadata.json"');
  if (context.client_id) lines.push(`browser_client_id = ${JSON.stringify(context.client_id)}`);
  return lines.length ? `${lines.join('\n')}\n` : undefined;
}

const presets = presetsFor();
const server = await serveDist(presets ? { overrides: { 'presets.toml': presets } } : {});
const profile = await mkdtemp(join(tmpdir(), 'conformance-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, '--disable-web-security'],
  headless: true,
});
let code = 1;
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.error(`console: ${m.text()}`); });
  await page.goto(`${server.url}?${new URLSearchParams({ url: mcp })}`);
  await whenLive(page);
  await whenToolsLive(page);
  await page.getByTestId('connect-start').click();
  const status = page.locator('[data-testid="connect-status"]:not([data-state="working"])');
  await status.waitFor({ timeout: 25_000 });
  const state = await status.getAttribute('data-state');
  const reason = await status.getAttribute('data-reason');
  console.log(`page: ${state}${reason ? ` (${reason})` : ''}: ${(await status.textContent()).trim()}`);
  code = state === 'connected' ? 0 : 1;
} catch (e) {
  console.error(`the page did not settle: ${e.message}`);
} finally {
  await browser.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
process.exit(code);
