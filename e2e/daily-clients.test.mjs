// The clients a platform team's colleagues run every day. GitHub Copilot
// CLI and OpenCode are proven by their own real CLIs (npm, pinned in
// package.json) under a throwaway HOME, against the MCP SDK's OAuth server
// on 127.0.0.1: the page's block is run as a person pastes it, and what the
// CLI stored (and, for OpenCode, signed in to) is read back in the CLI's own
// words. VS Code and Cursor run nowhere here: their install links decode to
// the JSON their documentation defines, and their entries equal what
// add-mcp (a peer, pinned) writes for them, plus only what the person chose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BINS, bin as installed, copyVia, launch, openPage, serveDist } from './lib.mjs';
import { newHome, runShell, startMcpServer } from './codex.mjs';

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

function clientEnv(home, browserHelper) {
  const env = { ...process.env, HOME: home, PATH: `${BINS.join(':')}:${process.env.PATH}`, BROWSER: browserHelper, NO_COLOR: '1' };
  delete env.XDG_CONFIG_HOME;
  return env;
}

async function inTerminal(block, { cwd, env, timeout = 90_000 }) {
  const file = join(cwd, '.pasted.sh');
  await writeFile(file, block);
  return runShell('bash', `script -qec 'bash ${file}' /dev/null`, { cwd, env, timeout });
}

function run(bin, args, { cwd, env, timeout = 60_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(installed(bin), args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${bin} ${args.join(' ')} did not finish:\n${out}`)); }, timeout);
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

/** The page, with `client` chosen, `url` and `edit` done on the form. */
async function pageFor(client, edit = async () => {}, url = mcp.mcp) {
  const opened = await openPage(browser, server.url);
  const { page } = opened;
  await page.getByTestId(`client-${client}`).click();
  await page.getByTestId('url-input').fill(url);
  await edit(page);
  await page.locator(`.client-panel[data-client="${client}"]`).waitFor();
  return opened;
}

async function signIns() {
  return (await mcp.events()).filter((e) => e.kind === 'token').length;
}

const onlyTwo = async (p) => {
  await p.getByTestId('tools-only').check();
  await p.getByLabel('Only logs_search: allow logs_search').check();
  await p.getByTestId('tool-name-input').fill('metrics_query');
  await p.getByTestId('tool-name-input').press('Enter');
};

test('GitHub Copilot CLI: the block stores exactly the chosen tools, copilot-config is what it stored, and running it again replaces it', { timeout: 180_000 }, async () => {
  const { page, problems, context } = await pageFor('copilot-cli', onlyTwo);
  const block = await copyVia(page, 'copilot-cli-posix');
  const config = JSON.parse(await copyVia(page, 'copilot-config'));
  assert.deepEqual(problems, []);
  await context.close();

  const { home, browser: helper } = await newHome('copilot');
  const env = clientEnv(home, helper);
  for (const round of [1, 2]) {
    const pasted = await inTerminal(block, { cwd: home, env });
    assert.equal(pasted.code, 0, `round ${round}: the block failed:\n${pasted.output}`);
    const stored = JSON.parse(await readFile(join(home, '.copilot/mcp-config.json'), 'utf8'));
    assert.deepEqual(stored.mcpServers, config.mcpServers, `round ${round}: copilot-config is what the CLI stored`);
    assert.deepEqual(stored.mcpServers.kfuse.tools, ['logs_search', 'metrics_query']);
  }
  const got = await run('copilot', ['mcp', 'get', 'kfuse'], { cwd: home, env });
  assert.match(got.out, /Tools: logs_search, metrics_query/, got.out);
  assert.match(got.out, /Status: Enabled/, got.out);
});

test('GitHub Copilot CLI: a block keeps a server off in Copilot\'s own way, and blocking a tool allows every other known one', { timeout: 180_000 }, async () => {
  const { page, context } = await pageFor('copilot-cli', async (p) => {
    await p.getByLabel('Block delete_all_entities').check();
    await p.getByTestId('advanced').locator('summary').click();
    await p.locator('#enabled').uncheck();
  });
  const block = await copyVia(page, 'copilot-cli-posix');
  const notes = await page.getByTestId('client-note').allTextContents();
  await context.close();
  assert.ok(notes.some((n) => /only a list of allowed tools/.test(n)), notes.join('\n'));
  const { home, browser: helper } = await newHome('copilot-off');
  const env = clientEnv(home, helper);
  const pasted = await inTerminal(block, { cwd: home, env });
  assert.equal(pasted.code, 0, pasted.output);
  const got = await run('copilot', ['mcp', 'get', 'kfuse'], { cwd: home, env });
  assert.match(got.out, /Status: Disabled/, got.out);
  assert.match(got.out, /Tools: logs_search, prometheus_query/, got.out);
});

test('OpenCode: the block adds the server and signs in once; opencode mcp list says connected; the entry is what it stored', { timeout: 180_000 }, async () => {
  const { page, problems, context } = await pageFor('opencode');
  const block = await copyVia(page, 'opencode-cli-posix');
  const config = JSON.parse(await copyVia(page, 'opencode-config'));
  assert.deepEqual(problems, []);
  await context.close();

  const { home, browser: helper } = await newHome('opencode');
  const env = clientEnv(home, helper);
  const before = await signIns();
  const pasted = await inTerminal(block, { cwd: home, env });
  assert.equal(pasted.code, 0, `the block failed:\n${pasted.output}`);
  assert.equal(await signIns() - before, 1, `exactly one sign-in:\n${pasted.output}`);
  const stored = JSON.parse(await readFile(join(home, '.config/opencode/opencode.jsonc'), 'utf8'));
  assert.deepEqual(stored.mcp.kfuse, config.mcp.kfuse, 'opencode-config holds what the CLI stored');
  const listed = await run('opencode', ['mcp', 'list'], { cwd: home, env });
  assert.match(listed.out.replace(/\x1b\[[0-9;]*m/g, ""), /✓ kfuse\s+connected/, listed.out);
});

test('OpenCode: the tool choices become permission rules OpenCode reads, the last matching one deciding', { timeout: 180_000 }, async () => {
  const { page, context } = await pageFor('opencode', async (p) => {
    await onlyTwo(p);
    await p.getByLabel('Approval for metrics_query').selectOption('prompt');
  });
  const config = await copyVia(page, 'opencode-config');
  const notes = await page.getByTestId('client-note').allTextContents();
  await context.close();
  assert.ok(notes.some((n) => /holds the rest of your choices/.test(n)), notes.join('\n'));
  const { home, browser: helper } = await newHome('opencode-rules');
  await mkdir(join(home, '.config/opencode'), { recursive: true });
  await writeFile(join(home, '.config/opencode/opencode.jsonc'), config);
  const env = clientEnv(home, helper);
  const resolved = await run('opencode', ['debug', 'config'], { cwd: home, env });
  assert.equal(resolved.code, 0, resolved.out);
  assert.doesNotMatch(resolved.out, /invalid/i, resolved.out);
  const read = JSON.parse(resolved.out);
  assert.deepEqual(read.permission, { 'kfuse_*': 'deny', kfuse_logs_search: 'allow', kfuse_metrics_query: 'ask' });
  const agent = await run('opencode', ['debug', 'agent', 'build'], { cwd: home, env });
  const rules = JSON.parse(agent.out.slice(agent.out.indexOf('{'))).permission.filter((r) => r.permission.startsWith('kfuse_'));
  assert.deepEqual(rules.map((r) => [r.permission, r.action]), [['kfuse_*', 'deny'], ['kfuse_logs_search', 'allow'], ['kfuse_metrics_query', 'ask']], 'in the order written');
});

/** What add-mcp (the peer) writes for `agent`, as JSON, under a throwaway HOME. */
async function addMcp(agent, url, extra = []) {
  const { home } = await newHome(`add-mcp-${agent}`);
  const env = { ...process.env, HOME: home };
  const { code, out } = await run('add-mcp', [url, '-a', agent, '-g', '-y', '-n', 'kfuse', ...extra], { cwd: home, env });
  assert.equal(code, 0, out);
  const file = { vscode: '.config/Code/User/mcp.json', cursor: '.cursor/mcp.json', windsurf: '.codeium/windsurf/mcp_config.json' }[agent];
  return JSON.parse(await readFile(join(home, file), 'utf8'));
}

const CLUSTER = 'https://acme.kloudfuse.io/mcp';

test('VS Code: the install link decodes to the JSON its guide defines, and mcp.json is add-mcp\'s entry', { timeout: 120_000 }, async () => {
  const { page, problems, context } = await pageFor('vscode', async () => {}, CLUSTER);
  const link = page.getByTestId('vscode-install-link');
  const href = await link.getAttribute('href');
  assert.equal(await copyVia(page, 'vscode-install-link'), href, 'its copy is the link');
  assert.ok(href.startsWith('vscode:mcp/install?'), href);
  assert.deepEqual(JSON.parse(decodeURIComponent(href.slice('vscode:mcp/install?'.length))), { name: 'kfuse', type: 'http', url: CLUSTER });
  const entry = JSON.parse(await copyVia(page, 'vscode-mcp-json'));
  assert.deepEqual(entry, await addMcp('vscode', CLUSTER));
  assert.match(await copyVia(page, 'vscode-cli-posix'), /\ncode --add-mcp '\{"name":"kfuse","type":"http","url":"https:\/\/acme\.kloudfuse\.io\/mcp"\}'\n$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Cursor: the install link carries the name and the base64 entry, mcp.json is add-mcp\'s plus the scopes chosen, and the default cluster refuses its redirect', { timeout: 120_000 }, async () => {
  const { page, problems, context } = await pageFor('cursor', async (p) => {
    await p.getByTestId('advanced').locator('summary').click();
    await p.getByTestId('scopes-input').fill('logs:read metrics:read');
  }, CLUSTER);
  const href = await page.getByTestId('cursor-install-link').getAttribute('href');
  const link = new URL(href);
  assert.equal(`${link.protocol}//${link.host}${link.pathname}`, 'cursor://anysphere.cursor-deeplink/mcp/install');
  assert.equal(link.searchParams.get('name'), 'kfuse');
  const fromLink = JSON.parse(Buffer.from(link.searchParams.get('config'), 'base64').toString('utf8'));
  const file = JSON.parse(await copyVia(page, 'cursor-mcp-json'));
  assert.deepEqual(fromLink, file.mcpServers.kfuse, 'the link holds the entry itself');
  assert.deepEqual(file, await addMcp('cursor', CLUSTER, ['--scopes', 'logs:read,metrics:read']));
  // Kloudfuse's chart default admits no cursor:// callback: told, with the line to add.
  const note = page.locator('[data-testid="client-note"][data-kind="redirect"]');
  assert.match(await note.textContent(), /The cluster will refuse Cursor's sign-in/);
  await page.locator('details.admin > summary').click();
  assert.match(await copyVia(page, 'admin-redirect-uris'), /- "cursor:\/\/anysphere\.cursor-mcp\/oauth\/callback" {2}# added for Cursor\n/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Windsurf: mcp_config.json is add-mcp\'s entry, with the token in Windsurf\'s own interpolation, and the blocked tools to switch off', { timeout: 120_000 }, async () => {
  const { page, problems, context } = await pageFor('windsurf', async (p) => {
    await p.getByLabel('Block delete_all_entities').check();
  }, CLUSTER);
  const file = JSON.parse(await copyVia(page, 'windsurf-mcp-json'));
  assert.deepEqual(file, await addMcp('windsurf', CLUSTER));
  assert.deepEqual(await page.getByTestId('windsurf-tools').locator('li').allTextContents(), ['delete_all_entities']);
  assert.deepEqual(problems, []);
  await context.close();
  const token = await pageFor('windsurf', async (p) => {
    await p.getByTestId('advanced').locator('summary').click();
    await p.getByTestId('bearer-token-env-var-input').fill('KFUSE_TOKEN');
  }, CLUSTER);
  const withToken = JSON.parse(await copyVia(token.page, 'windsurf-mcp-json'));
  const peer = await addMcp('windsurf', CLUSTER, ['-h', 'Authorization: Bearer ${KFUSE_TOKEN}']);
  // add-mcp writes the placeholder as it was given; Windsurf's documentation interpolates `${env:NAME}`.
  peer.mcpServers.kfuse.headers.Authorization = peer.mcpServers.kfuse.headers.Authorization.replace('${KFUSE_TOKEN}', '${env:KFUSE_TOKEN}');
  assert.deepEqual(withToken, peer);
  await token.context.close();
});
