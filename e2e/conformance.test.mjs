// The page's own sign-in ("Sign in and read my server's tools") against the
// official MCP conformance suite (@modelcontextprotocol/conformance, pinned
// in scripts/setup.sh, run with the Node 24 the set-up installs): every
// client auth scenario the suite lists runs against the page in Chromium
// (e2e/conformance-client.mjs), and passes with no FAILURE and no WARNING
// by the suite's own checks, but those that cannot apply to a browser's
// public client, each named with its reason in e2e/conformance-baseline.yml.
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

/** Runs the suite with `args`; resolves { code, output }. */
function suite(args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(NODE24, [SUITE, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('close', (code) => resolve({ code, output }));
  });
}

const listed = (await suite(['list'], ROOT)).output;
const AUTH = [...listed.matchAll(/^\s*- (auth\/[a-z0-9-]+)/gm)].map((m) => m[1]);
const BASELINE = [...(await readFile(join(ROOT, 'e2e/conformance-baseline.yml'), 'utf8')).matchAll(/^\s*- (auth\/[a-z0-9-]+)/gm)].map((m) => m[1]);

test('the baseline names only scenarios the suite has, and every other auth scenario runs below', () => {
  assert.ok(AUTH.length >= 20, `the suite lists ${AUTH.length} auth scenarios:\n${listed}`);
  assert.deepEqual(BASELINE.filter((s) => !AUTH.includes(s)), [], 'the baseline names scenarios the suite no longer has');
  assert.ok(AUTH.length - BASELINE.length >= 14, `${AUTH.length - BASELINE.length} scenarios apply`);
});

for (const scenario of AUTH.filter((s) => !BASELINE.includes(s))) {
  test(`conformance ${scenario}: the page's sign-in passes every check`, { timeout: 120_000 }, async () => {
    const out = await mkdtemp(join(tmpdir(), 'conformance-'));
    const run = await suite(['client', '--command', `node ${join(ROOT, 'e2e/conformance-client.mjs')}`, '--scenario', scenario, '--timeout', '60000', '-o', out], ROOT);
    const found = (await readdir(out, { recursive: true })).find((f) => f.endsWith('checks.json'));
    assert.ok(found, `the suite wrote no results:\n${run.output}`);
    const dir = join(out, found, '..');
    const checks = JSON.parse(await readFile(join(dir, 'checks.json'), 'utf8'));
    const bad = checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING');
    const said = await readFile(join(dir, 'stdout.txt'), 'utf8').catch(() => '');
    assert.deepEqual(bad.map((c) => `${c.status} ${c.id}: ${c.description}`), [], `${scenario}; the page said: ${said}`);
    assert.ok(checks.some((c) => c.status === 'SUCCESS'), `${scenario}: no check passed at all`);
  });
}
