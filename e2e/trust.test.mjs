// Share-link trust: a page opened from someone else's link names every risk
// it carries, copies nothing until the person answers, and each revert takes
// the value out of every output; the real Codex reads what was copied.
// No request leaves 127.0.0.1: the hosts in these links are never contacted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, axeViolations, copyVia, launch, openPage, serveDist } from './lib.mjs';
import { codex, codexEnv, newHome, runShell, startMcpServer } from './codex.mjs';

/** An operator's presets: a default URL and the hosts the organisation runs. */
const PRESETS = `product = "Acme Observability"
trusted_hosts = ["observability.acme.example", "*.corp.acme.example"]
[defaults]
name = "acme"
url = "mcp.acme.example"
`;

/** One link per kind, and what a revert must take out of the outputs. */
const KINDS = {
  host: { query: { url: 'https://collector.example.net/mcp' }, gone: 'collector.example.net' },
  token: { query: { bearer_token_env_var: 'GITHUB_TOKEN' }, gone: 'GITHUB_TOKEN' },
  approval: { query: { default_tools_approval_mode: 'approve', tools_approval_mode: 'delete_all_entities:approve' }, gone: 'approve' },
  resource: { query: { oauth_resource: 'https://api.corp.acme.example/' }, gone: 'api.corp.acme.example' },
};

let server;
let browser;
/** The real MCP server with OAuth, which Codex signs in to in place of mcp.acme.example. */
let mcpServer;
before(async () => {
  server = await serveDist({ overrides: { 'presets.toml': PRESETS } });
  browser = await launch();
  mcpServer = await startMcpServer(['--auth', 'oauth']);
  await mkdir(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await mcpServer?.close();
});

/**
 * The resources the real Codex asks a token for when it signs in with the
 * copied `toml` (its URL pointed at the test server instead of
 * mcp.acme.example), as the authorization server saw them.
 */
async function resourcesCodexAsksFor(toml) {
  const { home, browser: helper } = await newHome('trust-resource');
  await mkdir(join(home, '.codex'), { recursive: true });
  await writeFile(join(home, '.codex/config.toml'), toml.replaceAll('https://mcp.acme.example/mcp', mcpServer.mcp));
  const since = (await mcpServer.events()).length;
  const login = await runShell('bash', 'codex mcp login acme', { cwd: home, env: codexEnv(home, { BROWSER: helper }) });
  assert.equal(login.code, 0, login.output);
  const asked = (await mcpServer.events()).slice(since).filter((e) => e.kind === 'resources');
  assert.equal(asked.length, 1, `one sign-in: ${JSON.stringify(asked)}`);
  return asked[0].resources;
}

const linkTo = (query) => `${server.url}?${new URLSearchParams(query)}`;

/** Every copy button in the page (outputs, app fields, download): disabled or not. */
async function copyButtons(page) {
  return page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('[data-testid^="copy-"], [data-testid="app-field-copy"], [data-testid="merge-download"]')]
      .map((b, i) => [`${b.dataset.testid}#${i}`, b.disabled]),
  ));
}

async function kinds(page) {
  return page.locator('[data-testid="share-risk"]').evaluateAll((items) => items.map((i) => i.dataset.kind));
}

/** The outputs a revert must clean: config.toml, both shells, the share link. */
async function outputs(page) {
  const text = {};
  for (const id of ['config-toml', 'cli-posix', 'cli-powershell', 'share-link']) text[id] = await page.getByTestId(id).textContent();
  return text;
}

/** Writes `toml` as a new HOME's config and asks the real Codex what it read. */
async function codexReads(toml) {
  const home = await mkdtemp(join(tmpdir(), 'trust-'));
  await mkdir(join(home, '.codex'));
  await writeFile(join(home, '.codex/config.toml'), toml);
  const json = await codex(home, ['mcp', 'get', 'acme', '--json']);
  assert.equal(json.status, 0, json.stderr);
  const plain = await codex(home, ['mcp', 'get', 'acme']);
  assert.equal(plain.status, 0, plain.stderr);
  return { entry: JSON.parse(json.stdout), shown: plain.stdout, file: toml };
}

for (const [kind, { query, gone }] of Object.entries(KINDS)) {
  test(`${kind}: listed, nothing copies, a revert takes it out of every output and Codex reads the entry without it`, async () => {
    const { page, context, problems, requests } = await openPage(browser, linkTo(query));
    assert.deepEqual(await kinds(page), [kind]);
    const risk = page.locator(`[data-testid="share-risk"][data-kind="${kind}"]`);
    assert.match(await risk.textContent(), new RegExp(gone.replace(/\./g, '\\.')), 'the exact value is shown');
    // The config.toml tab loads the merge panel: its download is held too.
    await page.getByTestId('tab-config').click();
    await page.getByTestId('merge-input').fill('model = "o3"\n');
    await page.getByTestId('merged-config').filter({ hasText: 'acme' }).waitFor({ state: 'attached' });
    await page.getByTestId('tab-app').click();
    const held = await copyButtons(page);
    assert.ok(Object.keys(held).length >= 12, JSON.stringify(held));
    assert.deepEqual(Object.entries(held).filter(([, disabled]) => !disabled), [], 'every copy button disabled');
    assert.match(await page.locator('[data-testid="copy-config-toml"]').locator('xpath=../..').textContent(), /Review what this link changes first/);

    const before = await outputs(page);
    assert.ok(Object.values(before).some((t) => t.includes(gone)), 'the link put it in the outputs');
    await risk.getByTestId('share-risk-revert').click();
    await page.getByTestId('share-risks').waitFor({ state: 'detached' });
    const after = await outputs(page);
    for (const [id, text] of Object.entries(after)) assert.ok(!text.includes(gone), `${id} still holds ${gone}:\n${text}`);
    assert.deepEqual(Object.entries(await copyButtons(page)).filter(([id, disabled]) => disabled && !id.startsWith('copy-verify') && !id.startsWith('copy-merge-check')), [], 'copy works once answered');

    const read = await codexReads(await copyVia(page, 'config-toml'));
    if (kind === 'host') assert.equal(read.entry.transport.url, 'https://mcp.acme.example/mcp');
    if (kind === 'token') assert.equal(read.entry.transport.bearer_token_env_var, null);
    if (kind === 'approval') {
      assert.doesNotMatch(read.shown, /default_tools_approval_mode/, read.shown);
      assert.doesNotMatch(read.file, /approval_mode/, read.file);
    }
    if (kind === 'resource') {
      // Signing in, Codex asks a token for the server alone; with the
      // link's value it would have named the other origin too.
      assert.deepEqual(await resourcesCodexAsksFor(read.file), [mcpServer.mcp]);
      assert.deepEqual(await resourcesCodexAsksFor(before['config-toml']), [mcpServer.mcp, 'https://api.corp.acme.example/']);
    }
    assert.ok(requests.every((u) => new URL(u).hostname === '127.0.0.1'), 'nothing left this machine');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('accepting keeps every value, unlocks copying, and Codex reads them as the link said', async () => {
  const query = { url: 'https://collector.example.net/mcp', bearer_token_env_var: 'GITHUB_TOKEN', default_tools_approval_mode: 'approve' };
  const { page, context, problems } = await openPage(browser, linkTo(query));
  assert.deepEqual(await kinds(page), ['host', 'token', 'approval']);
  assert.match(await page.getByTestId('share-host').textContent(), /collector\.example\.net/);
  // Editing another field answers nothing.
  await page.getByTestId('name-input').fill('acme');
  assert.deepEqual(await kinds(page), ['host', 'token', 'approval']);
  assert.equal(await page.getByTestId('copy-cli-posix').isDisabled(), true);
  await page.getByTestId('share-risks-accept').click();
  await page.getByTestId('share-risks').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('copy-cli-posix').isDisabled(), false);
  const read = await codexReads(await copyVia(page, 'config-toml'));
  assert.equal(read.entry.transport.url, 'https://collector.example.net/mcp');
  assert.equal(read.entry.transport.bearer_token_env_var, 'GITHUB_TOKEN');
  assert.match(read.shown, /default_tools_approval_mode: approve/);
  assert.deepEqual(problems, []);
  await context.close();

  // Opening the same link again asks again.
  const again = await openPage(browser, linkTo(query));
  assert.deepEqual(await kinds(again.page), ['host', 'token', 'approval']);
  await again.context.close();
});

test('a reload before answering asks again instead of taking the link for the person\'s own draft', async () => {
  const { page, context } = await openPage(browser, linkTo(KINDS.token.query));
  assert.deepEqual(await kinds(page), ['token']);
  assert.equal(new URL(page.url()).search, '', 'the link left the address bar');
  await page.reload();
  await page.locator('#page[data-live]').waitFor({ state: 'attached' });
  assert.deepEqual(await kinds(page), ['token'], 'still asked after the reload');
  assert.equal(await page.getByTestId('copy-config-toml').isDisabled(), true);
  await page.getByTestId('share-risks-accept').click();
  await page.reload();
  await page.locator('#page[data-live]').waitFor({ state: 'attached' });
  assert.equal(await page.getByTestId('share-risks').count(), 0, 'answered: not asked again');
  assert.match(await page.getByTestId('config-toml').textContent(), /bearer_token_env_var = "GITHUB_TOKEN"/);
  await context.close();
});

test('a link with nothing risky shows no findings and copies at once', async () => {
  const query = {
    name: 'eu',
    url: 'eu.corp.acme.example',
    default_tools_approval_mode: 'prompt',
    tools_approval_mode: 'logs_search:writes',
    disabled_tools: 'delete_all_entities',
    oauth_resource: 'https://eu.corp.acme.example/mcp',
  };
  const { page, context, problems } = await openPage(browser, linkTo(query));
  assert.equal(await page.getByTestId('share-risks').count(), 0);
  assert.match(await page.getByTestId('share-host').textContent(), /eu\.corp\.acme\.example/, 'the banner names the host all the same');
  const copied = await copyVia(page, 'cli-posix');
  assert.match(copied, /eu\.corp\.acme\.example/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the person\'s own typing gets warnings, never a hold', async () => {
  const { page, context } = await openPage(browser, server.url);
  await page.getByTestId('url-input').fill('collector.example.net');
  assert.match(await page.getByTestId('url-warning').textContent(), /not one of your organisation's servers/);
  assert.equal(await page.getByTestId('share-risks').count(), 0);
  assert.equal(await page.getByTestId('copy-cli-posix').isDisabled(), false);
  await context.close();
});

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
for (const colorScheme of ['light', 'dark']) {
  test(`findings shown: axe finds no violations, screenshots (${colorScheme})`, async () => {
    for (const [size, viewport] of Object.entries(SIZES)) {
      const query = { name: 'kfuse', url: 'https://collector.example.net/mcp', bearer_token_env_var: 'GITHUB_TOKEN', default_tools_approval_mode: 'approve' };
      const { page, context, problems } = await openPage(browser, linkTo(query), { viewport, colorScheme });
      await page.getByTestId('share-risks').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `trust-${colorScheme}-${size}.png`), fullPage: size === 'desktop' });
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });
}

