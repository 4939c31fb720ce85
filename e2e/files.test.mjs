// Merging with the file itself, and the Codex app tab field by field: a
// Windows file (byte-order mark, CRLF, no final newline) opened through
// `merge-file` or dropped on the panel comes back from `merge-download`
// byte for byte with its conventions, the real Codex reads it, files that
// are not a config.toml are refused with a reason, and each app field's
// copy button copies exactly that value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SHOTS, axeViolations, openPage, servedPageAndBrowser } from './lib.mjs';
import { configVerdict, mcpList } from './codex.mjs';

const live = servedPageAndBrowser();
/** The Codex release the project pins (package.json), which the page's check follows. */
const PINNED_CODEX = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).devDependencies['@openai/codex'];

const WINDOWS_FILE = Buffer.from('\uFEFF# my settings\r\nmodel = "o3"\r\n\r\n[mcp_servers.docs]\r\nurl = "https://docs.example/mcp"', 'utf8');

async function mergePanel(colorScheme = 'light', viewport) {
  const opened = await openPage(live.browser, `${live.server.url}?url=acme.kloudfuse.io`, { colorScheme, ...(viewport ? { viewport } : {}) });
  await opened.page.getByTestId('tab-config').click();
  await opened.page.getByTestId('merge-file').waitFor({ state: 'attached' });
  return opened;
}

/** Clicks `merge-download` and returns the saved file's bytes and name. */
async function download(page) {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('merge-download').click()]);
  return { name: saved.suggestedFilename(), bytes: await readFile(await saved.path()) };
}

function checkConventions(bytes) {
  assert.ok(bytes.subarray(0, WINDOWS_FILE.length).equals(WINDOWS_FILE), 'the file as it was comes first, byte for byte');
  const text = bytes.toString('utf8');
  assert.ok(text.startsWith('\uFEFF'), 'byte-order mark kept');
  assert.doesNotMatch(text.replaceAll('\r\n', ''), /\n/, 'every line ends in CRLF');
  assert.ok(!text.endsWith('\n'), 'no final newline, as before');
  assert.match(text, /\r\n\[mcp_servers\.kfuse\]\r\nurl = "https:\/\/acme\.kloudfuse\.io\/mcp"\r\n/);
}

test('an opened file comes back with its byte-order mark, CRLF and no final newline, and Codex reads it', async () => {
  const { page, context, problems } = await mergePanel();
  await page.getByTestId('merge-file').setInputFiles({ name: 'config.toml', mimeType: 'application/toml', buffer: WINDOWS_FILE });
  await page.getByTestId('merge-opened').waitFor();
  const saved = await download(page);
  assert.equal(saved.name, 'config.toml');
  checkConventions(saved.bytes);

  const home = await mkdtemp(join(tmpdir(), 'e2e-download-'));
  await mkdir(join(home, '.codex'));
  await writeFile(join(home, '.codex/config.toml'), saved.bytes);
  const listed = await mcpList(home);
  assert.deepEqual(listed.map((s) => s.name).sort(), ['docs', 'kfuse'], 'the real Codex reads the download');
  assert.equal(listed.find((s) => s.name === 'kfuse').transport.url, 'https://acme.kloudfuse.io/mcp');

  // A drop of the same file gives the same bytes.
  await page.getByTestId('merge-input').evaluate((box) => { box.value = ''; box.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.locator('section.merge').evaluate((panel, bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], 'config.toml', { type: 'application/toml' }));
    panel.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, [...WINDOWS_FILE]);
  await page.getByTestId('merge-opened').waitFor();
  const dropped = await download(page);
  assert.ok(dropped.bytes.equals(saved.bytes), 'drop and open give the same file');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a binary file and a 2 MiB file are refused with their reason, and nothing reaches the merge', async () => {
  const { page, context, problems } = await mergePanel();
  await page.getByTestId('merge-input').fill('model = "o3"\n');
  await page.getByTestId('merge-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) });
  assert.match(await page.getByTestId('merge-file-error').textContent(), /binary \(it holds NUL bytes\), not a config\.toml/);
  await page.getByTestId('merge-file').setInputFiles({ name: 'big.toml', mimeType: 'application/toml', buffer: Buffer.alloc(2 * 1024 * 1024, 'a') });
  assert.match(await page.getByTestId('merge-file-error').textContent(), /2\.0 MiB \(2097152 bytes\).*up to 1 MiB/);
  await page.getByTestId('merge-file').setInputFiles({ name: 'latin1.toml', mimeType: 'application/toml', buffer: Buffer.from('model = "caf\xe9"\n', 'latin1') });
  assert.match(await page.getByTestId('merge-file-error').textContent(), /not UTF-8 text/);
  assert.equal(await page.getByTestId('merge-input').inputValue(), 'model = "o3"\n', 'the text box is untouched');
  assert.deepEqual(problems, [], 'no console error');
  await context.close();
});

test('each Codex app field copies exactly its value; the whole block stays as before', async () => {
  const link = `${live.server.url}?${new URLSearchParams({ name: 'kfuse.prod', url: 'acme.kloudfuse.io', bearer_token_env_var: 'KFUSE_TOKEN' })}`;
  const { page, context, problems } = await openPage(live.browser, link);
  // The link sets a token variable: answered first (e2e/trust.test.mjs).
  await page.getByTestId('share-risks-accept').click();
  await page.getByTestId('tab-app').click();
  const rows = page.getByTestId('app-field');
  const fields = {};
  for (let i = 0; i < await rows.count(); i++) {
    const row = rows.nth(i);
    const label = await row.getAttribute('data-field');
    if (await row.getByTestId('app-field-copy').count() === 0) {
      assert.match(await row.textContent(), /Leave empty/, `${label} says to leave it empty`);
      fields[label] = null;
      continue;
    }
    await page.evaluate(() => navigator.clipboard.writeText('(before)'));
    await row.getByTestId('app-field-copy').click();
    await page.waitForFunction((l) => document.querySelector(`[data-field="${l}"] [data-testid="app-field-copy"]`).textContent.includes('Copied'), label);
    fields[label] = await page.evaluate(() => navigator.clipboard.readText());
  }
  assert.deepEqual(fields, {
    Name: 'kfuse.prod',
    Transport: 'Streamable HTTP',
    URL: 'https://acme.kloudfuse.io/mcp',
    'Bearer token env var': 'KFUSE_TOKEN',
    Headers: null,
    'Headers from environment variables': null,
  });
  assert.equal(await page.getByTestId('app-fields').textContent(),
    'Name: kfuse.prod\nTransport: Streamable HTTP\nURL: https://acme.kloudfuse.io/mcp\nBearer token env var: KFUSE_TOKEN\nHeaders: (leave empty)\nHeaders from environment variables: (leave empty)\n');
  assert.deepEqual(problems, []);
  await context.close();
});

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
for (const colorScheme of ['light', 'dark']) {
  test(`new controls: axe finds no violations, screenshots (${colorScheme})`, async () => {
    for (const [size, viewport] of Object.entries(SIZES)) {
      const { page, context, problems } = await mergePanel(colorScheme, viewport);
      await page.getByTestId('merge-file').setInputFiles({ name: 'config.toml', mimeType: 'application/toml', buffer: WINDOWS_FILE });
      await page.getByTestId('merge-opened').waitFor();
      await page.locator('.find-file summary').click();
      assert.deepEqual(await axeViolations(page), [], `${size}: merge panel with an opened file`);
      await page.locator('section.merge').screenshot({ path: join(SHOTS, `${size}-${colorScheme}-merge-file.png`) });
      await page.getByTestId('tab-app').click();
      assert.deepEqual(await axeViolations(page), [], `${size}: app tab`);
      await page.locator('#panel-app').screenshot({ path: join(SHOTS, `${size}-${colorScheme}-app-fields.png`) });
      assert.deepEqual(problems, []);
      await context.close();
    }
  });
}

test('a sample of the corpus: the page in the browser and the real Codex agree on each file', async () => {
  const dir = join(ROOT, 'tests/codex_corpus');
  const sample = ['refused-wire-api-chat.toml', 'refused-file-opener-nvim.toml', 'refused-hooks-array.toml', 'refused-approval-untrusted.toml',
    'reads-providers.toml', 'reads-profiles.toml', 'reads-features.toml', 'reads-tui.toml'];
  const { page, context, problems } = await mergePanel();
  for (const name of sample) {
    const text = await readFile(join(dir, name), 'utf8');
    const home = await mkdtemp(join(tmpdir(), 'e2e-corpus-'));
    await mkdir(join(home, '.codex'));
    await writeFile(join(home, '.codex/config.toml'), text);
    const codexReads = (await configVerdict(home)) === null;
    await page.getByTestId('merge-input').evaluate((box, value) => { box.value = value; box.dispatchEvent(new Event('input', { bubbles: true })); }, text);
    const refused = await page.locator('[data-testid="merge-diagnostics"] [data-kind="codex-refuses"]').count() > 0;
    assert.equal(refused, !codexReads, `${name}: the page says ${refused ? 'refused' : 'reads'}, Codex ${codexReads ? 'reads it' : 'refuses it'}`);
    if (refused) {
      assert.match(await page.getByTestId('merge-refused').textContent(), /Codex will refuse this file until you fix lines? [\d, and]+, marked above/);
      assert.notEqual(await page.getByTestId('merged-config').textContent(), '', 'the merged file is still shown');
      assert.equal(await page.getByTestId('merge-clean').count(), 0, 'never called clean');
    } else {
      assert.ok((await page.getByTestId('merge-clean').textContent()).includes(`settings Codex ${PINNED_CODEX} checks strictly`), 'names the pinned release');
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});
