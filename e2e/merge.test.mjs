// "Merge into my config" end to end: paste a real-looking config.toml, fix
// what the page finds, copy the merged file, read the diff, hand the file to
// the real Codex CLI, and check the panel with axe and screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SHOTS, axeViolations, whenLive, openPage, servedPageAndBrowser } from './lib.mjs';

const live = servedPageAndBrowser();

// Pasted from a chat window: curly quotes, the wrong table name, and an
// old entry for the same server with a header of the person's own.
const PASTED = `# ~/.codex/config.toml
model = "gpt-5-codex"   # default model

[profiles.review]
model = “o3”

[mcp.servers.docs]
url = "https://docs.example/mcp"

[mcp_servers.kfuse]
url = "https://old.kloudfuse.io/mcp"
tool_timeout_sec = 5
http_headers = { "X-Team" = "observability" }
`;

/** The servers the real Codex CLI reads from `configToml`, by name. */
async function codexServers(configToml) {
  const home = await mkdtemp(join(tmpdir(), 'codex-merge-e2e-'));
  await mkdir(join(home, '.codex'));
  await writeFile(join(home, '.codex/config.toml'), configToml);
  const out = execFileSync(join(ROOT, 'node_modules/.bin/codex'), ['mcp', 'list', '--json'], {
    cwd: home,
    env: { ...process.env, HOME: home, CODEX_HOME: join(home, '.codex') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return Object.fromEntries(JSON.parse(out).map((s) => [s.name, s]));
}

/** Pastes `text` into the merge box at once, as a paste does (Playwright's
 * fill types large text slowly). */
async function paste(page, text) {
  await page.getByTestId('merge-input').evaluate((el, value) => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

async function findings(page) {
  return page.getByTestId('merge-diagnostics').locator(':scope > *').evaluateAll((items) =>
    items.map((i) => ({ kind: i.dataset.kind, severity: i.dataset.severity, text: i.textContent })));
}

test('paste, fix, merge, copy: the diff shows the change and Codex reads the result', async () => {
  const { page, problems, context } = await openPage(live.browser, live.server.url);
  await page.getByTestId('url-input').fill('acme.kloudfuse.io');
  await page.getByTestId('tab-config').click();
  await page.getByTestId('merge-input').fill(PASTED);

  // What is wrong, each with its line and a fix; nothing to copy yet.
  const found = await findings(page);
  assert.deepEqual(found.map((f) => f.kind), ['smart-quotes', 'syntax', 'wrong-table-name']);
  assert.match(found[0].text, /line 5/);
  assert.match(found[1].text, /^Line 5, column 9/);
  assert.equal(found[2].severity, 'warning');
  assert.equal(await page.getByTestId('copy-merged-config').isDisabled(), true);
  assert.equal(await page.getByTestId('merged-config').textContent(), '');

  // One click each; the fixes are undoable and land in the pasted text.
  await page.locator('[data-kind="smart-quotes"] button').click();
  assert.match(await page.getByTestId('merge-input').inputValue(), /model = "o3"/);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  assert.match(await page.getByTestId('merge-input').inputValue(), /model = “o3”/);
  await page.locator('[data-kind="smart-quotes"] button').click();
  await page.locator('[data-kind="wrong-table-name"] button').click();
  assert.deepEqual(await findings(page), []);
  await page.getByTestId('merge-clean').waitFor();

  // The merged file: copied exactly, the entry updated in place, the rest kept.
  const merged = await page.getByTestId('merged-config').textContent();
  await page.evaluate(() => navigator.clipboard.writeText('(before)'));
  await page.getByTestId('copy-merged-config').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="copy-merged-config"]').textContent.includes('Copied'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), merged);
  const fixedPaste = await page.getByTestId('merge-input').inputValue();
  assert.ok(merged.startsWith(fixedPaste.slice(0, fixedPaste.indexOf('[mcp_servers.kfuse]'))), 'everything above the entry is kept byte for byte');
  assert.match(merged, /url = "https:\/\/acme\.kloudfuse\.io\/mcp"/);
  assert.doesNotMatch(merged, /tool_timeout_sec/);
  assert.match(merged, /http_headers = \{ "X-Team" = "observability" \}/);
  assert.equal(merged.match(/\[mcp_servers\.kfuse\]/g).length, 1);

  // The diff marks the old URL removed and the new one added, nothing else.
  const diff = await page.getByTestId('merge-diff').locator('span').evaluateAll((spans) =>
    spans.map((s) => [s.className, s.textContent.trimEnd()]));
  const changed = diff.filter(([c]) => c === 'diff-add' || c === 'diff-del').sort();
  assert.deepEqual(changed, [
    ['diff-add', '+ enabled = true'],
    ['diff-add', '+ url = "https://acme.kloudfuse.io/mcp"'],
    ['diff-del', '− tool_timeout_sec = 5'],
    ['diff-del', '− url = "https://old.kloudfuse.io/mcp"'],
  ]);
  assert.ok(diff.some(([c, t]) => c === 'diff-skip' && /unchanged lines/.test(t)), 'unchanged lines are folded');
  assert.match(await page.getByTestId('merge-summary').textContent(), /Updates \[mcp_servers\.kfuse\] in place/);

  // The real Codex CLI reads the copied file: the renamed docs server and
  // the updated entry, with the person's header kept.
  const servers = await codexServers(merged);
  assert.deepEqual(Object.keys(servers).sort(), ['docs', 'kfuse']);
  assert.equal(servers.kfuse.transport.url, 'https://acme.kloudfuse.io/mcp');
  assert.deepEqual(servers.kfuse.transport.http_headers, { 'X-Team': 'observability' });
  assert.equal(servers.docs.transport.url, 'https://docs.example/mcp');

  // The form drives the merge: a new name adds an entry instead.
  await page.getByTestId('name-input').fill('kfuse.prod');
  const added = await page.getByTestId('merged-config').textContent();
  assert.match(added, /\[mcp_servers\."kfuse\.prod"\]/);
  assert.match(added, /\[mcp_servers\.kfuse\]\nurl = "https:\/\/old\.kloudfuse\.io\/mcp"/, 'the old entry is left alone');

  // Clear can be undone: nothing pasted is lost by a slip.
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  assert.equal(await page.getByTestId('merge-input').inputValue(), '');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  assert.equal(await page.getByTestId('merge-input').inputValue(), fixedPaste);

  // A reload of the tab keeps the paste; it is not in long-term storage.
  await page.reload();
  await whenLive(page);
  await page.getByTestId('tab-config').click();
  assert.equal(await page.getByTestId('merge-input').inputValue(), fixedPaste);
  const stored = await page.evaluate(() => JSON.stringify(Object.values(localStorage)));
  assert.doesNotMatch(stored, /docs\.example/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an empty paste gives a new file; an invalid form withholds the merge and says why', async () => {
  const { page, problems, context } = await openPage(live.browser, live.server.url);
  await page.getByTestId('url-input').fill('acme.kloudfuse.io');
  await page.getByTestId('tab-config').click();
  assert.equal(
    await page.getByTestId('merged-config').textContent(),
    await page.getByTestId('config-toml').textContent(),
    'no file yet: the merged file is the entry alone',
  );
  await page.getByTestId('merge-input').fill('[mcp_servers.docs]\nurl = "https://a.io/mcp"\n');
  await page.getByTestId('name-input').fill('k fuse');
  assert.equal(await page.getByTestId('copy-merged-config').isDisabled(), true);
  assert.match(await page.getByTestId('merge-summary').textContent(), /Fill in or fix the server name to get the updated file\./);
  // Hostile paste: no dialog, no panic, a clear message.
  await page.getByTestId('name-input').fill('kfuse');
  await paste(page, '<script>alert(1)</script>\n'.repeat(2000));
  const found = await findings(page);
  assert.equal(found[0].kind, 'syntax');
  assert.match(found[0].text, /^Line 1, column \d+: this is not valid TOML/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`merge panel: axe finds no violations, screenshots (${colorScheme})`, async () => {
    for (const [size, viewport] of Object.entries({ desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } })) {
      const { page, problems, context } = await openPage(live.browser, live.server.url, { viewport, colorScheme });
      await page.getByTestId('url-input').fill('acme.kloudfuse.io');
      await page.getByTestId('tab-config').click();
      await page.getByTestId('merge-input').fill(PASTED);
      assert.deepEqual(await axeViolations(page), [], 'with findings');
      await page.locator('.merge').screenshot({ path: join(SHOTS, `${size}-${colorScheme}-merge-findings.png`) });
      await page.locator('[data-kind="smart-quotes"] button').click();
      await page.locator('[data-kind="wrong-table-name"] button').click();
      await page.getByTestId('merge-clean').waitFor();
      assert.deepEqual(await axeViolations(page), [], 'merged, with the diff');
      await page.locator('.merge').screenshot({ path: join(SHOTS, `${size}-${colorScheme}-merge-diff.png`) });
      assert.deepEqual(problems, []);
      await context.close();
    }
  });
}
