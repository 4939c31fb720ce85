// The server's real tools, end to end: after signing in with the page's own
// block, the page's tools command (run verbatim in bash, with the real
// Codex) lists the MCP SDK server's tools; pasted into the page they fill the
// picker with their effects; the person's choice, applied with the page's
// block, is exactly what Codex then exposes, by Codex's own account
// (`codex app-server`'s tool list and `codex mcp get --json`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyVia, whenLive, openPage, servedPageAndBrowser } from './lib.mjs';
import { appServerTools, codex, codexEnv, newHome, runShell, startMcpServer } from './codex.mjs';

const live = servedPageAndBrowser();
let server;
before(async () => { server = await startMcpServer(['--auth', 'oauth']); });
after(async () => { await server?.close(); });

/** What each of the server's tools does, by its annotations (e2e/mcp-server.mjs). */
const EFFECTS = {
  alert_silence: 'write',
  dashboard_update: 'write',
  delete_all_entities: 'destructive',
  logs_search: 'read-only',
  metrics_query: 'read-only',
  'notes.echo': 'unknown',
  traces_get: 'read-only',
};
const ALL = Object.keys(EFFECTS).sort();

/** Runs the page's block `testid` (copied with its button) in bash in `home`. */
async function runCopied(page, testid, home) {
  const block = await copyVia(page, testid);
  const started = Date.now();
  const run = await runShell('bash', block, { cwd: home, env: codexEnv(home, { BROWSER: join(home, 'browser.mjs') }) });
  assert.equal(run.code, 0, `${testid} failed:\n${run.output}`);
  return { ...run, seconds: (Date.now() - started) / 1000 };
}

/** The picker's rows: name → data-effect. */
async function pickerRows(page) {
  return page.getByTestId('tool-row').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.dataset.name, r.dataset.effect])));
}

/**
 * Pastes `text` into the import box as a real paste arrives (one input
 * event): the box is in "Get my server's tools", which loads the page's
 * second module (it has the JSON reader) when it first opens.
 */
async function paste(page, text) {
  const steps = page.getByTestId('tools-import-steps');
  if (!(await steps.evaluate((d) => d.open))) await steps.locator('summary').click();
  await page.getByTestId('tools-import').evaluate((box, value) => {
    box.value = value;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

async function check(page, name, testid, on) {
  const box = page.locator(`[data-testid="tool-row"][data-name="${name}"] [data-testid="${testid}"]`);
  if (on) await box.check(); else await box.uncheck();
}

test('import the real tools through Codex, choose, apply: Codex exposes exactly the chosen set', async () => {
  const { home } = await newHome('tools');
  const link = `${live.server.url}?${new URLSearchParams({ name: 'kfuse', url: server.mcp })}`;
  const { page, context, problems } = await openPage(live.browser, link);
  assert.match(await page.getByTestId('tools-source').textContent(), /unverified/);

  // Sign in with the page's own block, then list the tools with its command.
  await runCopied(page, 'cli-posix', home);
  const listed = await runCopied(page, 'tools-command-posix', home);
  assert.ok(listed.seconds < 30, `the tools command ended on its own in ${listed.seconds} s`);
  await paste(page, listed.output);
  assert.equal(await page.getByTestId('tools-import-error').count(), 0);
  assert.deepEqual(await pickerRows(page), EFFECTS, 'the picker shows the server\'s tools with their effects');
  assert.match(await page.getByTestId('tools-source').textContent(), /Showing the 7 tools your server reported/);

  const cases = [
    { label: 'allow only', only: ['logs_search', 'metrics_query'], block: [], expect: ['logs_search', 'metrics_query'] },
    { label: 'block only', only: null, block: ['delete_all_entities', 'notes.echo'], expect: ALL.filter((t) => !['delete_all_entities', 'notes.echo'].includes(t)) },
    { label: 'both', only: ['logs_search', 'alert_silence', 'delete_all_entities'], block: ['delete_all_entities'], expect: ['alert_silence', 'logs_search'] },
  ];
  for (const { label, only, block, expect } of cases) {
    await page.getByTestId(only ? 'tools-only' : 'tools-all').check();
    for (const name of ALL) {
      if (only) await check(page, name, 'tool-only', only.includes(name));
      await check(page, name, 'tool-block', block.includes(name));
    }
    const warnings = await page.getByTestId('tools-warning').allTextContents();
    assert.doesNotMatch(warnings.join(' '), /not on your server/, `${label}: every name is on the server`);
    await runCopied(page, 'cli-posix', home);
    const exposed = Object.keys(await appServerTools(home, 'kfuse')).sort();
    assert.deepEqual(exposed, expect, `${label}: the tools Codex exposes`);
    // The Verify tab's command says the same, in Codex's own answer.
    const verified = await runCopied(page, 'verify-tools-posix', home);
    const answer = verified.output.split('\n').map((l) => { try { return JSON.parse(l); } catch { return null; } }).find((m) => m?.id === 1);
    assert.deepEqual(Object.keys(answer.result.data[0].tools).sort(), expect, `${label}: the Verify tab's command`);
    const got = JSON.parse((await codex(home, ['mcp', 'get', 'kfuse', '--json'])).stdout);
    assert.deepEqual(got.enabled_tools, only, `${label}: enabled_tools`);
    assert.deepEqual(got.disabled_tools, block.length ? block : null, `${label}: disabled_tools`);
  }

  // Approval modes: a server default and one tool's own; every tool stays exposed.
  await page.getByTestId('tools-all').check();
  for (const name of ALL) await check(page, name, 'tool-block', false);
  await page.getByTestId('approval-default').selectOption('prompt');
  await page.locator('[data-testid="tool-row"][data-name="logs_search"] [data-testid="tool-approval"]').selectOption('approve');
  await runCopied(page, 'cli-posix', home);
  assert.deepEqual(Object.keys(await appServerTools(home, 'kfuse')).sort(), ALL, 'approvals filter nothing');
  const shown = await codex(home, ['mcp', 'get', 'kfuse']);
  assert.match(shown.stdout, /default_tools_approval_mode: prompt/, shown.stdout + shown.stderr);
  const file = await readFile(join(home, '.codex/config.toml'), 'utf8');
  assert.match(file, /\[mcp_servers\.kfuse\.tools\.logs_search\]\napproval_mode = "approve"\n/, file);

  // With filters in place, the tools command still lists every tool.
  await page.getByTestId('tools-only').check();
  for (const name of ALL) await check(page, name, 'tool-only', name === 'logs_search');
  await runCopied(page, 'cli-posix', home);
  assert.deepEqual(Object.keys(await appServerTools(home, 'kfuse')), ['logs_search']);
  const again = await runCopied(page, 'tools-command-posix', home);
  await paste(page, again.output);
  assert.deepEqual(Object.keys(await pickerRows(page)).sort(), ALL);
  assert.deepEqual(problems, []);
  await context.close();
});

test('names the server lacks are flagged with a one-click fix, and an allow list that matches nothing is an error', async () => {
  const { page, context, problems } = await openPage(live.browser, `${live.server.url}?${new URLSearchParams({ url: server.mcp, enabled_tools: 'logs_serch,metrics_query' })}`);
  await paste(page, 'logs_search\nmetrics_query\ndelete_all_entities\n');
  const warning = page.getByTestId('tools-warning');
  await warning.waitFor();
  assert.match(await warning.textContent(), /logs_serch is not on your server.*Did you mean logs_search\?/);
  assert.deepEqual(await warning.locator('code').allTextContents(), ['logs_serch', 'logs_search'], 'the names show as code');
  await page.getByTestId('tools-fix').click();
  assert.equal(await warning.count(), 0, 'fixed in one click');
  assert.match(await page.getByTestId('config-toml').textContent(), /enabled_tools = \["logs_search", "metrics_query"\]/);

  await check(page, 'logs_search', 'tool-only', false);
  await check(page, 'metrics_query', 'tool-only', false);
  await page.getByTestId('tool-name-input').fill('prometheus_query');
  await page.getByTestId('tool-name-input').press('Enter');
  assert.match(await page.getByTestId('tools-error').textContent(), /expose no tools/);
  assert.equal(await page.locator('[data-testid="cli-posix"]').textContent(), '', 'no command while Codex would expose nothing');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unusable paste says what was expected and keeps the text; the import survives a reload but not a share link', async () => {
  const { page, context, problems } = await openPage(live.browser, `${live.server.url}?${new URLSearchParams({ url: server.mcp })}`);
  await paste(page, 'Error: No MCP server named kfuse found.');
  assert.match(await page.getByTestId('tools-import-error').textContent(), /Paste what the tools command printed, an MCP tools\/list result \(JSON\), or tool names one per line/);
  assert.equal(await page.getByTestId('tools-import').inputValue(), 'Error: No MCP server named kfuse found.');
  await paste(page, '{"tools": [');
  assert.match(await page.getByTestId('tools-import-error').textContent(), /does not parse/);

  await paste(page, JSON.stringify({ tools: [{ name: 'only_here', annotations: { readOnlyHint: true } }] }));
  assert.equal(await page.getByTestId('tools-import-error').count(), 0);
  assert.deepEqual(await pickerRows(page), { only_here: 'read-only' });
  await check(page, 'only_here', 'tool-block', true);
  const link = await page.getByTestId('share-link').textContent();
  assert.match(link, /disabled_tools=only_here/);
  assert.doesNotMatch(link, /readOnlyHint|tools%22/, 'the link carries names only');
  await page.reload();
  await whenLive(page, { tools: true });
  assert.deepEqual(await pickerRows(page), { only_here: 'read-only' }, 'kept in this browser');
  assert.deepEqual(problems, []);
  await context.close();
});
