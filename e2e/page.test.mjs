// End-to-end tests of the release build in real headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, copyVia, whenLive, openAdvanced, openPage, servedPageAndBrowser } from './lib.mjs';

const OUTPUTS = ['cli-posix', 'cli-powershell', 'config-toml', 'app-fields', 'share-link'];
const live = servedPageAndBrowser();

/** textContent of every output block, whichever tab is shown. */
async function outputs(page) {
  const result = {};
  for (const id of OUTPUTS) result[id] = await page.getByTestId(id).textContent();
  return result;
}

async function fill(page, testid, value) {
  await page.getByTestId(testid).fill(value);
}

test('a new user types a cluster and every copy button copies exactly its block', async () => {
  const { page, problems, context } = await openPage(live.browser, live.server.url);
  assert.equal(await page.getByTestId('name-input').inputValue(), 'kfuse', 'default name');
  await fill(page, 'url-input', 'acme.kloudfuse.io');
  assert.match(await page.getByTestId('url-normalized').textContent(), /https:\/\/acme\.kloudfuse\.io\/mcp/);
  await page.getByTestId('tools-only').check();
  await page.getByLabel('Only logs_search: allow logs_search').check();
  await page.getByTestId('tool-name-input').fill('traces_search');
  await page.getByTestId('tool-name-input').press('Enter');
  await page.getByLabel('Block delete_all_entities').check();

  const shown = await outputs(page);
  // Tool lists only config.toml holds: the block writes the file, then signs in once.
  assert.match(shown['cli-posix'], /^mkdir -p "\$\{CODEX_HOME:-\$HOME\/\.codex\}"\ncodex mcp remove kfuse\ncat >> /);
  assert.match(shown['cli-posix'], /\nTOML\ncodex mcp login kfuse\n$/);
  assert.doesNotMatch(shown['cli-posix'], /codex mcp add/, 'add would sign in before the file is written');
  assert.match(shown['config-toml'], /enabled_tools = \["logs_search", "traces_search"\]/);
  assert.match(shown['config-toml'], /disabled_tools = \["delete_all_entities"\]/);
  for (const id of OUTPUTS) {
    const block = await page.getByTestId(id).textContent();
    assert.ok(block.length > 0, `${id} is filled`);
    assert.equal(await copyVia(page, id), block, `${id}: clipboard equals the block`);
  }
  // The confirmation is announced to screen readers.
  const status = await page.locator('[role="status"]', { hasText: 'Copied share link' }).count();
  assert.equal(status, 1);
  // The Verify tab's commands come with the second module, when the tab opens.
  const verify = await copyVia(page, 'verify-commands');
  assert.equal(verify, await page.getByTestId('verify-commands').textContent());
  assert.match(verify, /^codex --version\ncodex mcp get kfuse\ncodex mcp list\n$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('invalid input shows the error beside the field and withholds the outputs', async () => {
  const { page, problems, context } = await openPage(live.browser, live.server.url);
  await fill(page, 'url-input', 'acme.kloudfuse.io');
  await fill(page, 'name-input', 'k fuse');
  const error = page.getByTestId('name-error');
  await error.waitFor();
  // The typed value shows as code, never with its backticks on screen.
  assert.match(await error.textContent(), /^k fuse: a space is not allowed in a server name; use letters, digits, - _ : @ \/ \.$/);
  assert.equal(await error.locator('code').first().textContent(), 'k fuse');
  assert.equal(await page.getByTestId('name-input').getAttribute('aria-invalid'), 'true');
  for (const id of OUTPUTS) {
    assert.equal(await page.getByTestId(id).textContent(), '', `${id} is empty while invalid`);
    assert.equal(await page.getByTestId(`copy-${id}`).isDisabled(), true, `${id} cannot be copied`);
  }
  // A warning is never shown inside an error element.
  await fill(page, 'url-input', 'http://127.0.0.1:9/mcp');
  await fill(page, 'name-input', 'kfuse.prod');
  await page.getByTestId('url-warning').waitFor();
  assert.equal(await page.getByTestId('name-error').count(), 0);
  assert.equal(await page.getByTestId('url-error').count(), 0);
  assert.equal(await page.getByTestId('copy-config-toml').isDisabled(), false);
  // A name an older Codex refuses: its version note is the name's error.
  await fill(page, 'codex-version-input', '0.130');
  assert.match(await page.getByTestId('name-error').getByTestId('version-note').textContent(), /Codex 0\.130 takes only letters, digits, - and _/);
  assert.equal(await page.getByTestId('copy-config-toml').isDisabled(), true);
  await fill(page, 'codex-version-input', '');
  // URL and tools errors.
  await fill(page, 'url-input', 'ftp://acme.io');
  assert.match(await page.getByTestId('url-error').textContent(), /ftp: URLs are not supported/);
  await fill(page, 'url-input', 'acme.io');
  await page.getByTestId('tools-only').check();
  assert.match(await page.getByTestId('tools-error').textContent(), /list is empty/);
  await page.getByTestId('tools-all').check();
  assert.equal(await page.getByTestId('tools-error').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a share link opens prefilled in a fresh browser and gives the same outputs', async () => {
  const { page, context } = await openPage(live.browser, live.server.url);
  await fill(page, 'name-input', 'ops@kfuse');
  await fill(page, 'url-input', 'https://Acme.Kloudfuse.io:8443/mcp?tenant=a&x=$y');
  await page.getByLabel('Block delete_all_entities').check();
  await openAdvanced(page);
  await fill(page, 'startup-timeout-input', '30');
  await fill(page, 'tool-timeout-input', '12.5');
  await fill(page, 'scopes-input', 'openid mcp:read');
  await page.getByLabel('Required').check();
  const before = await outputs(page);
  await context.close();

  const fresh = await openPage(live.browser, before['share-link']);
  const after = await outputs(fresh.page);
  assert.deepEqual(after, before);
  assert.match(await fresh.page.getByTestId('share-notices').textContent(), /Opened from a share link/);
  assert.equal(new URL(fresh.page.url()).search, '', 'the query is dropped so a reload keeps later edits');
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();
});

test('the draft survives a reload, and a share link can be undone', async () => {
  const { page, context, problems } = await openPage(live.browser, live.server.url);
  await fill(page, 'name-input', 'mine');
  await fill(page, 'url-input', 'mine.kloudfuse.io');
  await page.reload();
  await whenLive(page);
  assert.equal(await page.getByTestId('name-input').inputValue(), 'mine');
  assert.equal(await page.getByTestId('url-input').inputValue(), 'mine.kloudfuse.io');

  await page.goto(`${live.server.url}?name=theirs&url=theirs.kloudfuse.io`);
  await whenLive(page);
  assert.equal(await page.getByTestId('name-input').inputValue(), 'theirs');
  await page.getByRole('button', { name: 'Restore my previous draft' }).click();
  assert.equal(await page.getByTestId('name-input').inputValue(), 'mine');
  assert.equal(await page.getByTestId('url-input').inputValue(), 'mine.kloudfuse.io');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with unknown and malformed parameters loads the rest and says what it skipped', async () => {
  const { page, context, problems } = await openPage(live.browser, `${live.server.url}?url=acme.io&colour=blue&enabled=maybe&name=a%zz`);
  assert.equal(await page.getByTestId('url-input').inputValue(), 'acme.io');
  assert.equal(await page.getByTestId('name-input').inputValue(), 'kfuse');
  const notices = await page.getByTestId('share-notices').textContent();
  assert.match(notices, /Ignored colour in the link.*does not know/);
  assert.doesNotMatch(notices, /`/, 'quoted values show as code, not between backticks');
  assert.equal(await page.getByTestId('share-notices').locator('li code').first().textContent(), 'colour');
  assert.match(notices, /enabled=maybe is neither true nor false/);
  assert.match(notices, /%-encoding is broken/);
  assert.notEqual(await page.getByTestId('config-toml').textContent(), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page output is accepted by the real Codex CLI', async () => {
  const { page, context } = await openPage(live.browser, live.server.url);
  await fill(page, 'name-input', 'kfuse.prod');
  await fill(page, 'url-input', 'bücher.example:8443/mcp?q=1&r=$x');
  await page.getByTestId('tools-only').check();
  await page.getByLabel('Only prometheus_query: allow prometheus_query').check();
  await openAdvanced(page);
  await fill(page, 'tool-timeout-input', '45');
  const shown = await outputs(page);
  await context.close();

  const codex = join(ROOT, 'node_modules/.bin/codex');
  const get = (home) => {
    const json = JSON.parse(execFileSync(codex, ['mcp', 'get', 'kfuse.prod', '--json'], { cwd: home, env: { ...process.env, HOME: home, CODEX_HOME: join(home, '.codex') }, stdio: ['ignore', 'pipe', 'ignore'] }));
    return { name: json.name, url: json.transport.url, enabled_tools: json.enabled_tools, tool_timeout_sec: json.tool_timeout_sec };
  };
  const tomlHome = await mkdtemp(join(tmpdir(), 'e2e-toml-'));
  await mkdir(join(tomlHome, '.codex'));
  await writeFile(join(tomlHome, '.codex/config.toml'), shown['config-toml']);
  assert.deepEqual(get(tomlHome), { name: 'kfuse.prod', url: 'https://xn--bcher-kva.example:8443/mcp?q=1&r=$x', enabled_tools: ['prometheus_query'], tool_timeout_sec: 45 });

  // The terminal block up to its sign-in (which needs a live server: see
  // journey.test.mjs) writes the same entry.
  const addHome = await mkdtemp(join(tmpdir(), 'e2e-add-'));
  await mkdir(join(addHome, '.codex'));
  const lines = shown['cli-posix'].trimEnd().split('\n');
  assert.equal(lines.at(-1), 'codex mcp login kfuse.prod');
  execFileSync('bash', ['-c', lines.slice(0, -1).join('\n')], { cwd: addHome, env: { ...process.env, HOME: addHome, CODEX_HOME: join(addHome, '.codex'), PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` }, stdio: 'ignore' });
  assert.deepEqual(get(addHome), { name: 'kfuse.prod', url: 'https://xn--bcher-kva.example:8443/mcp?q=1&r=$x', enabled_tools: ['prometheus_query'], tool_timeout_sec: 45 });
  const written = await readFile(join(addHome, '.codex/config.toml'), 'utf8');
  assert.match(written, /\[mcp_servers\."kfuse\.prod"\]/);
});

test('hostile input never runs, never panics and always gets a clear message', async () => {
  const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const { page, context, problems } = await openPage(live.browser, live.server.url);
  for (const id of ['name-input', 'url-input']) await fill(page, id, script);
  await openAdvanced(page);
  for (const id of ['startup-timeout-input', 'tool-timeout-input', 'scopes-input', 'oauth-resource-input', 'oauth-client-id-input', 'bearer-token-env-var-input']) {
    await fill(page, id, script);
  }
  await page.getByTestId('tool-name-input').fill(script);
  await page.getByTestId('tool-add').click();
  for (const id of ['name-error', 'url-error', 'tools-error', 'startup-timeout-error', 'tool-timeout-error', 'oauth-resource-error', 'oauth-client-id-error', 'bearer-token-env-var-error']) {
    const text = await page.getByTestId(id).textContent();
    assert.ok(text.length > 20, `${id} explains: ${text}`);
  }
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no markup was injected');
  // Angle brackets and parentheses are legal in OAuth scopes (RFC 6749), so
  // with a valid name and URL the scopes reach the TOML, escaped as data.
  await fill(page, 'name-input', 'kfuse');
  await fill(page, 'url-input', 'acme.io');
  await fill(page, 'bearer-token-env-var-input', '');
  await fill(page, 'oauth-resource-input', '');
  await fill(page, 'oauth-client-id-input', '');
  await fill(page, 'startup-timeout-input', '');
  await fill(page, 'tool-timeout-input', '');
  await page.getByRole('button', { name: /Remove <script>/ }).click();
  const toml = await page.getByTestId('config-toml').textContent();
  assert.match(toml, /scopes = \["<script>alert\(1\)<\/script><img", "src=x", "onerror=alert\(2\)>"\]/);
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'still no markup');

  const huge = 'a'.repeat(10_000);
  await fill(page, 'url-input', huge);
  assert.match(await page.getByTestId('url-error').textContent(), /10000 characters/);
  await fill(page, 'name-input', huge);
  assert.ok(await page.getByTestId('name-input').inputValue() === huge, 'nothing typed is cut');
  assert.deepEqual(problems, []);
  await context.close();

  const link = `${live.server.url}?name=${encodeURIComponent(script)}&url=${encodeURIComponent(script)}&enabled_tools=${encodeURIComponent(script)}&scopes=%E0%A4%A&bearer_token_env_var=${huge}&x=%ZZ%`;
  const opened = await openPage(live.browser, link);
  assert.equal(await opened.page.getByTestId('name-input').inputValue(), script);
  assert.match(await opened.page.getByTestId('name-error').textContent(), /is not allowed in a server name/);
  assert.match(await opened.page.getByTestId('share-notices').textContent(), /Skipped/);
  assert.equal(await opened.page.locator('img[src="x"]').count(), 0);
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

test('keyboard: tabs follow the arrow keys and copy works from the keyboard', async () => {
  const { page, context, problems } = await openPage(live.browser, live.server.url);
  await fill(page, 'url-input', 'acme.io');
  await page.getByTestId('tab-terminal').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByTestId('tab-config').getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tab-config');
  assert.equal(await page.locator('#panel-config').isVisible(), true);
  assert.equal(await page.locator('#panel-terminal').isVisible(), false);
  await page.keyboard.press('End');
  assert.equal(await page.getByTestId('tab-admin').getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('copy-config-toml').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="copy-config-toml"]').textContent.includes('Copied'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.getByTestId('config-toml').textContent());
  assert.deepEqual(problems, []);
  await context.close();
});
