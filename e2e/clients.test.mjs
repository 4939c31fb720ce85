// The other clients, each proven by its own real CLI (npm, pinned in
// package.json) under a throwaway HOME, against the MCP SDK's OAuth server
// on 127.0.0.1 (e2e/mcp-server.mjs): the page's block is run as a person
// pastes it, and what the CLI stored, signed in to and exposes is read back
// in the CLI's own words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, copyVia, launch, openPage, serveDist } from './lib.mjs';
import { newHome, runShell, startMcpServer } from './codex.mjs';
import { startAnthropicApi } from './anthropic-api.mjs';

const BIN = join(ROOT, 'node_modules/.bin');
let server;
let browser;
let mcp;

before(async () => {
  server = await serveDist();
  browser = await launch();
  mcp = await startMcpServer(['--auth', 'oauth']);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await mcp?.close();
});

/** The environment a person's terminal has: this HOME, the CLIs on PATH, a browser helper, nothing sent home. */
function clientEnv(home, browserHelper, extra = {}) {
  const env = {
    ...process.env,
    HOME: home,
    PATH: `${BIN}:${process.env.PATH}`,
    BROWSER: browserHelper,
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
  delete env.ANTHROPIC_API_KEY;
  delete env.CODEX_HOME;
  return { ...env, ...extra };
}

/** Runs `block` with bash in a pseudo-terminal (`script`), as pasted into a terminal window. */
async function inTerminal(block, { cwd, env, timeout = 90_000 }) {
  const file = join(cwd, '.pasted.sh');
  await writeFile(file, block);
  return runShell('bash', `script -qec 'bash ${file}' /dev/null`, { cwd, env, timeout });
}

/** Runs a CLI at `bin` with `args` (no terminal); resolves with { code, out }. */
function run(bin, args, { cwd, env, timeout = 60_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(join(BIN, bin), args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${bin} ${args.join(' ')} did not finish; it printed:\n${out}`)); }, timeout);
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

/** The page, with `client` chosen, the test server's URL and `edit` done on the form. */
async function pageFor(client, edit = async () => {}) {
  const opened = await openPage(browser, server.url);
  const { page } = opened;
  await page.getByTestId(`client-${client}`).click();
  assert.equal(await page.getByTestId(`client-${client}`).getAttribute('aria-pressed'), 'true');
  await page.getByTestId('url-input').fill(mcp.mcp);
  await edit(page);
  await page.locator(`.client-panel[data-client="${client}"]`).waitFor();
  return opened;
}

/** How many sign-ins ended with a token (each one authorization code exchanged). */
async function signIns() {
  const events = await mcp.events();
  return events.filter((e) => e.kind === 'token').length;
}

/** The MCP tools `claude -p` offers the model, as its own request to the model lists them. */
async function claudeOffers(home, cwd, browserHelper, server) {
  const api = await startAnthropicApi();
  try {
    const env = clientEnv(home, browserHelper, { ANTHROPIC_API_KEY: 'sk-test-not-a-key', ANTHROPIC_BASE_URL: api.url });
    const { code, out } = await run('claude', ['-p', 'hello', '--output-format', 'json'], { cwd, env, timeout: 120_000 });
    assert.equal(code, 0, `claude -p failed:\n${out}`);
    const names = new Set();
    for (const body of api.bodies()) for (const m of body.matchAll(new RegExp(`mcp__${server}__[A-Za-z0-9_-]+`, 'g'))) names.add(m[0]);
    return [...names].sort();
  } finally {
    await api.close();
  }
}

for (const location of ['user', 'project']) {
  test(`Claude Code at ${location} scope: the page's block signs in once, ends ✔ Connected, and the blocked tools are denied and nothing else`, { timeout: 300_000 }, async () => {
    const { page, problems, context } = await pageFor('claude-code', async (p) => {
      await p.getByLabel('Block delete_all_entities').check();
      await p.getByTestId('tool-name-input').fill('notes.echo');
      await p.getByTestId('tool-name-input').press('Enter');
      if (location === 'project') await p.locator('#location-project').check();
    });
    const block = await copyVia(page, 'claude-cli-posix');
    const login = location === 'project' ? await copyVia(page, 'claude-login') : null;
    const settings = JSON.parse(await copyVia(page, 'claude-settings'));
    assert.deepEqual(problems, []);
    await context.close();

    const { home, browser: helper } = await newHome(`claude-${location}`);
    const repo = join(home, 'repo');
    await mkdir(repo, { recursive: true });
    await runShell('bash', 'git init -q .', { cwd: repo, env: process.env });
    const env = clientEnv(home, helper);
    const before = await signIns();
    // A project's server: the block adds it, the person approves it as the
    // block's comment says, then the sign-in block.
    const approveAndSignIn = async () => {
      if (!login) return;
      assert.equal(await signIns() - before, 0, 'no sign-in before the approval');
      await mkdir(join(home, '.claude'), { recursive: true });
      await writeFile(join(home, '.claude/settings.json'), JSON.stringify({ enabledMcpjsonServers: ['kfuse'] }));
      const signed = await inTerminal(login, { cwd: repo, env });
      assert.equal(signed.code, 0, `the sign-in failed:\n${signed.output}`);
    };
    const pasted = await inTerminal(block, { cwd: repo, env });
    assert.equal(pasted.code, 0, `the block failed:\n${pasted.output}`);
    if (login) assert.match(block, /approve kfuse/);
    await approveAndSignIn();
    assert.equal(await signIns() - before, 1, `exactly one sign-in:\n${pasted.output}`);

    // Where Claude Code keeps it, by its own listing, and its health check.
    const stored = location === 'user'
      ? JSON.parse(await readFile(join(home, '.claude.json'), 'utf8')).mcpServers.kfuse
      : JSON.parse(await readFile(join(repo, '.mcp.json'), 'utf8')).mcpServers.kfuse;
    assert.deepEqual(stored, { type: 'http', url: mcp.mcp });
    const got = await run('claude', ['mcp', 'get', 'kfuse'], { cwd: repo, env });
    assert.match(got.out, /Status: ✔ Connected/, got.out);

    // Running it again replaces the entry (add refuses a name it has) and signs in again, once.
    const again = await inTerminal(block, { cwd: repo, env });
    assert.equal(again.code, 0, again.output);
    if (login) assert.equal((await inTerminal(login, { cwd: repo, env })).code, 0);
    assert.equal(await signIns() - before, 2);

    // The rules, in the settings file the page names; then what Claude Code offers the model.
    const file = location === 'user' ? join(home, '.claude/settings.json') : join(repo, '.claude/settings.json');
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, JSON.stringify(settings, null, 2));
    const offered = await claudeOffers(home, repo, helper, 'kfuse');
    assert.ok(offered.includes('mcp__kfuse__logs_search'), `the server's tools are offered: ${offered}`);
    assert.ok(!offered.includes('mcp__kfuse__delete_all_entities'), `a blocked tool is denied: ${offered}`);
    assert.ok(!offered.includes('mcp__kfuse__notes_echo'), `notes.echo is denied by Claude Code's own name for it: ${offered}`);
    assert.deepEqual(offered, ['mcp__kfuse__alert_silence', 'mcp__kfuse__dashboard_update', 'mcp__kfuse__logs_search', 'mcp__kfuse__metrics_query', 'mcp__kfuse__traces_get']);
  });
}

test('Gemini CLI: the page\'s block stores exactly the chosen tools, gemini-settings is what it stored, and a trusted folder lists it', { timeout: 180_000 }, async () => {
  const { page, problems, context } = await pageFor('gemini', async (p) => {
    await p.getByTestId('tools-only').check();
    await p.getByLabel('Only logs_search: allow logs_search').check();
    await p.getByTestId('tool-name-input').fill('metrics_query');
    await p.getByTestId('tool-name-input').press('Enter');
  });
  const block = await copyVia(page, 'gemini-cli-posix');
  const settings = JSON.parse(await copyVia(page, 'gemini-settings'));
  assert.deepEqual(problems, []);
  await context.close();

  const { home, browser: helper } = await newHome('gemini');
  const work = join(home, 'work');
  await mkdir(work, { recursive: true });
  const env = clientEnv(home, helper);
  const pasted = await runShell('bash', block, { cwd: work, env });
  assert.equal(pasted.code, 0, `the block failed:\n${pasted.output}`);
  const stored = JSON.parse(await readFile(join(home, '.gemini/settings.json'), 'utf8'));
  assert.deepEqual(stored.mcpServers.kfuse.includeTools, ['logs_search', 'metrics_query'], 'two tools, not one named "a,b"');
  assert.deepEqual(stored.mcpServers, settings.mcpServers, 'gemini-settings is what the CLI stored');

  // Untrusted, the folder shows it disabled; trusted, listed and connected to.
  const untrusted = await run('gemini', ['mcp', 'list'], { cwd: work, env });
  assert.match(untrusted.out, /kfuse[^\n]*Disabled/, untrusted.out);
  await writeFile(join(home, '.gemini/trustedFolders.json'), JSON.stringify({ [work]: 'TRUST_FOLDER' }));
  const listed = await run('gemini', ['mcp', 'list'], { cwd: work, env });
  assert.match(listed.out, new RegExp(`kfuse[^\\n]*${mcp.mcp.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`), listed.out);
  assert.doesNotMatch(listed.out, /kfuse[^\n]*Disabled/, listed.out);
  // Running the block again replaces the entry with the same one.
  assert.equal((await runShell('bash', block, { cwd: work, env })).code, 0);
  assert.deepEqual(JSON.parse(await readFile(join(home, '.gemini/settings.json'), 'utf8')).mcpServers, settings.mcpServers);
});

/**
 * Runs `script` (bash) in a private mount namespace whose /etc has
 * `files` (path under /etc → text) over an overlay of the machine's own,
 * which is never touched. Needs root: it fails loudly without it.
 */
async function underEtc(files, script, { cwd, env }) {
  if (process.getuid?.() !== 0) throw new Error('this test needs root for a private mount namespace (unshare --mount) over /etc');
  const overlay = join(env.HOME, 'etc-overlay');
  await mkdir(join(overlay, 'work'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(overlay, 'upper', path, '..'), { recursive: true });
    await writeFile(join(overlay, 'upper', path), text);
  }
  const mount = `mount -t overlay overlay -o lowerdir=/etc,upperdir=${overlay}/upper,workdir=${overlay}/work /etc`;
  return runShell('bash', `unshare --mount bash -c ${JSON.stringify(`${mount} && ${script}`)}`, { cwd, env, timeout: 120_000 });
}

/** `url` one byte off: the last letter of its host changed. */
function oneByteOff(url) {
  const u = new URL(url);
  return url.replace(`${u.hostname}:${u.port}`, `${u.hostname.replace(/1$/, '2')}:${u.port}`);
}

test('administrators: Claude Code\'s managed settings from the page allow this URL and refuse one a byte off, in its own words', { timeout: 180_000 }, async () => {
  const { page, problems, context } = await pageFor('claude-code');
  await page.locator('.client-panel details.admin summary').click();
  const managed = await copyVia(page, 'admin-claude-managed-settings');
  const block = await copyVia(page, 'claude-cli-posix');
  assert.deepEqual(problems, []);
  await context.close();
  const { home, browser: helper } = await newHome('claude-admin');
  const env = clientEnv(home, helper);
  const off = oneByteOff(mcp.mcp);
  assert.notEqual(off, mcp.mcp);
  const add = (url) => `claude mcp add --transport http --scope user other ${url}`;
  const result = await underEtc({ 'claude-code/managed-settings.json': managed },
    `${add(off)}; ${block.split('\n').filter((l) => l.startsWith('claude mcp add')).join('\n')}; claude mcp list`,
    { cwd: home, env });
  // Claude Code says so and exits 0 all the same: its words and the
  // listing are what count.
  assert.match(result.output, /Cannot add MCP server "other": not allowed by enterprise policy/, result.output);
  assert.doesNotMatch(result.output, /other: /, result.output);
  assert.doesNotMatch(result.output, /Cannot add MCP server "kfuse"/, 'the page\'s own entry is allowed');
  assert.match(result.output, /kfuse: /, result.output);
});

test('administrators: Gemini CLI\'s system settings from the page give everyone this server and block any other', { timeout: 180_000 }, async () => {
  const { page, problems, context } = await pageFor('gemini');
  await page.locator('.client-panel details.admin summary').click();
  const system = await copyVia(page, 'admin-gemini-system-settings');
  assert.deepEqual(problems, []);
  await context.close();
  const { home, browser: helper } = await newHome('gemini-admin');
  const work = join(home, 'work');
  await mkdir(work, { recursive: true });
  await mkdir(join(home, '.gemini'), { recursive: true });
  // The user's own entries: the same name one byte off, and another server.
  await writeFile(join(home, '.gemini/settings.json'), JSON.stringify({ mcpServers: { kfuse: { url: oneByteOff(mcp.mcp), type: 'http' }, other: { url: `${mcp.origin}/other/mcp`, type: 'http' } } }));
  await writeFile(join(home, '.gemini/trustedFolders.json'), JSON.stringify({ [work]: 'TRUST_FOLDER' }));
  const env = clientEnv(home, helper);
  const result = await underEtc({ 'gemini-cli/settings.json': system }, 'gemini mcp list', { cwd: work, env });
  assert.equal(result.code, 0, result.output);
  const line = (name) => result.output.split('\n').find((l) => l.includes(`${name}:`)) ?? '';
  assert.ok(line('kfuse').includes(mcp.mcp), `the system's URL wins over the user's: ${result.output}`);
  assert.match(line('other'), /Blocked/, result.output);
});
