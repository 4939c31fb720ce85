// The sign-in check answers for the chosen client, and is right about it:
// on every MCP conformance scenario server where a person signs in through
// a browser, for each client whose real CLI signs in headlessly here
// (Codex, Claude Code, OpenCode), the check's verdict (`ok`/`warning` versus `error`)
// agrees with whether that CLI really ends signed in, in its own words
// (`codex mcp list --json`: `auth_status` `o_auth`; `claude mcp get`:
// `✔ Connected`; `opencode mcp list`: `✓ kfuse connected`). One run of the suite per scenario and client: the page's
// check first (it reads and asks, and signs nothing in), then the CLI
// (e2e/signin-check.mjs --then-sign-in).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const NODE24 = join(ROOT, '.cache/node24/node');
const SUITE = join(ROOT, 'e2e/conformance-suite/node_modules/@modelcontextprotocol/conformance/dist/index.js');
for (const [what, path] of [['Node 24', NODE24], ['the conformance suite', SUITE]]) {
  if (!existsSync(path)) throw new Error(`${what} is missing at ${path}: run scripts/setup.sh`);
}

/** Scenarios where nobody signs in through a browser (machine to machine). */
const NO_BROWSER = ['auth/client-credentials-jwt', 'auth/client-credentials-basic', 'auth/cross-app-access-complete-flow'];

/**
 * Where the check cannot know before the sign-in what the CLI then meets,
 * measured: each with its reason. The test fails if one starts to agree.
 */
const BEYOND_THE_CHECK = {
  // The server refuses every token, whatever its scopes ("Scope upgrade will
  // never succeed"). Codex does not try its token and says it is signed in;
  // Claude Code tries it and says it needs authentication. Before the sign-in
  // this server answers exactly as auth/scope-step-up's does, where Claude
  // Code connects.
  'auth/scope-retry-limit claude-code': 'ok',
};

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(NODE24, [SUITE, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('close', () => resolve(output));
  });
}

const listed = await run(['list']);
const SCENARIOS = [...listed.matchAll(/^\s*- (auth\/[a-z0-9-]+)/gm)].map((m) => m[1]).filter((s) => !NO_BROWSER.includes(s));

test('every browser sign-in scenario of the suite is below', () => {
  assert.ok(SCENARIOS.length >= 19, `${SCENARIOS.length} scenarios:\n${listed}`);
});

for (const scenario of SCENARIOS) {
  for (const client of ['codex', 'claude-code', 'opencode']) {
    test(`${scenario}: the check for ${client} agrees with ${client} itself`, { timeout: 240_000 }, async () => {
      const out = await mkdtemp(join(tmpdir(), 'agreement-'));
      const command = `node ${join(ROOT, 'e2e/signin-check.mjs')} --then-sign-in ${client}`;
      const suite = await run(['client', '--command', command, '--scenario', scenario, '--timeout', '180000', '-o', out]);
      const found = (await readdir(out, { recursive: true })).find((f) => f.endsWith('stdout.txt'));
      assert.ok(found, `the suite ran nothing:\n${suite}`);
      const said = await readFile(join(out, found), 'utf8');
      const check = /^check: (ok|warning|error|unknown|none): (.*)$/m.exec(said);
      const cli = new RegExp(`^${client}: (signed in|not signed in)`, 'm').exec(said);
      assert.ok(check && cli, `no verdict or no CLI outcome:\n${said}`);
      const predicted = ['ok', 'warning'].includes(check[1]) ? 'signed in' : 'not signed in';
      const exception = BEYOND_THE_CHECK[`${scenario} ${client}`];
      if (exception) {
        assert.equal(check[1], exception, `the check's verdict moved:\n${said}`);
        assert.notEqual(predicted, cli[1], `they agree now: take ${scenario} ${client} out of BEYOND_THE_CHECK\n${said}`);
        return;
      }
      assert.equal(predicted, cli[1], `the check said ${check[1]} (${check[2]}), ${client} ended ${cli[1]}:\n${said}`);
    });
  }
}
