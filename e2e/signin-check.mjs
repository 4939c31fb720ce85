// The page's sign-in check for one client ("Check that sign-in will work"),
// as a command the MCP conformance suite runs against a scenario's servers:
// `node e2e/signin-check.mjs CLIENT URL`, or with `--then-sign-in`, which
// afterwards signs the client's real CLI in to the same servers
// (e2e/cli-signin.mjs) so that e2e/signin-agreement.test.mjs can hold the
// check's verdict against what the CLI really did. It prints
// `check: VERDICT: REASON` (and the CLI's line) and exits 0.
//
// The scenario servers send no CORS headers: this one browser runs with web
// security off, as e2e/conformance-client.mjs does.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, ROOT, serveDist, whenLive } from './lib.mjs';

/** The check's verdict and reason for `client` on `mcp`. */
export async function checkSignIn(client, mcp) {
  const server = await serveDist();
  const profile = await mkdtemp(join(tmpdir(), 'signin-check-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--disable-web-security'],
    headless: true,
  });
  try {
    const page = await browser.newPage();
    const query = new URLSearchParams({ url: mcp, ...(client === 'codex' ? {} : { client }) });
    await page.goto(`${server.url}?${query}`);
    await whenLive(page);
    if (client === 'codex') await page.getByTestId('tab-verify').click();
    await page.getByTestId('discovery-run').click();
    const verdict = page.getByTestId('discovery-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    return {
      verdict: await verdict.getAttribute('data-verdict'),
      reason: (await page.getByTestId('discovery-reason').textContent()).trim(),
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const signIn = args[0] === '--then-sign-in';
  const [client, mcp] = signIn ? args.slice(1) : args;
  try {
    const { verdict, reason } = await checkSignIn(client, mcp);
    console.log(`check: ${verdict}: ${reason}`);
  } catch (e) {
    console.log(`check: none: ${e.message.split('\n')[0]}`);
  }
  if (signIn) {
    const cli = spawn(process.execPath, [join(ROOT, 'e2e/cli-signin.mjs'), client, mcp], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    cli.stdout.on('data', (d) => { out += d; });
    await new Promise((resolve) => cli.on('close', resolve));
    console.log(out.trim());
  }
  process.exit(0);
}
