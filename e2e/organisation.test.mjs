// The organisation's route, end to end: an operator's presets name the
// server the company's Codex requirements allow; the page writes that entry
// byte for byte, warns where a rename or a one-byte URL drift would be
// turned off, and hands administrators the allowlist and the fleet entry.
// The real Codex CLI then reads the page's files where it reads an
// administrator's (/etc/codex, in a private mount namespace over an overlay
// of /etc: the machine's own /etc is never touched) and says, in its own
// `codex mcp list --json`, which entries it keeps on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, axeViolations, copyVia, launch, openPage, serveDist } from './lib.mjs';
import { releaseBin } from './codex.mjs';

/** As administrators write URLs: not as the page would normalise it. */
const ALLOWED = 'https://Observability.ACME.example:443/mcp/';
const PRESETS = `product = "Acme Observability"\n\n[codex_requirements]\nname = "acme-obs"\nurl = "${ALLOWED}"\n`;

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serveDist({ overrides: { 'presets.toml': PRESETS } });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * `codex mcp list --json` as a user whose config.toml is `userConfig`, on a
 * machine whose /etc/codex holds `etc` (file name → text). Needs root: it
 * fails loudly without it.
 */
async function listUnder(etc, userConfig) {
  if (process.getuid?.() !== 0) throw new Error('this test needs root for a private mount namespace (unshare --mount) over /etc');
  const home = await mkdtemp(join(tmpdir(), 'organisation-'));
  await mkdir(join(home, '.codex'), { recursive: true });
  await writeFile(join(home, '.codex/config.toml'), userConfig);
  const overlay = join(home, 'etc');
  await mkdir(join(overlay, 'upper/codex'), { recursive: true });
  await mkdir(join(overlay, 'work'), { recursive: true });
  for (const [name, text] of Object.entries(etc)) await writeFile(join(overlay, 'upper/codex', name), text);
  const script = `mount -t overlay overlay -o lowerdir=/etc,upperdir=${overlay}/upper,workdir=${overlay}/work /etc && exec codex mcp list --json`;
  const env = { ...process.env, HOME: home, PATH: `${releaseBin()}:${process.env.PATH}` };
  delete env.CODEX_HOME;
  const { code, stdout, stderr } = await new Promise((resolve) => {
    const child = spawn('unshare', ['--mount', 'bash', '-c', script], { env, cwd: home });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  assert.equal(code, 0, `codex mcp list failed under /etc/codex:\n${stderr}`);
  return Object.fromEntries(JSON.parse(stdout).map((s) => [s.name, s]));
}

test('the page writes the allowed entry byte for byte; what it warns about is exactly what Codex turns off', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { viewport: { width: 1280, height: 1000 } });
  assert.equal(await page.getByTestId('name-input').inputValue(), 'acme-obs', 'the form starts at the allowed server');
  assert.equal(await page.getByTestId('url-input').inputValue(), ALLOWED);
  assert.equal(await page.getByTestId('requirements-warning').count(), 0);
  const allowed = await copyVia(page, 'config-toml');
  assert.match(allowed, new RegExp(`^url = "${ALLOWED.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"$`, 'm'), 'the exact bytes');

  // The administrators' files, from the same form.
  await page.getByTestId('tab-admin').click();
  const requirements = await copyVia(page, 'admin-requirements');
  const fleet = await copyVia(page, 'admin-managed-config');
  assert.equal(requirements, `[mcp_servers.acme-obs.identity]\nurl = "${ALLOWED}"\n`);
  assert.equal(fleet, allowed, 'the fleet entry is the entry');
  assert.equal(Buffer.from(await page.getByTestId('admin-requirements-base64').textContent(), 'base64').toString(), requirements);
  await page.getByTestId('admin-merge').locator('summary').click();
  await page.getByTestId('admin-requirements-input').fill('# Acme\nallowed_approval_policies = ["on-request"]\n');
  const merged = await page.getByTestId('admin-requirements').textContent();
  assert.equal(merged, `# Acme\nallowed_approval_policies = ["on-request"]\n\n[mcp_servers.acme-obs.identity]\nurl = "${ALLOWED}"\n`);
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'admin-tab.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);

  // A rename: warned where the name is typed.
  await page.getByTestId('tab-config').click();
  await page.getByTestId('name-input').fill('acme');
  const nameWarning = page.locator('[data-testid="requirements-warning"][data-field="the server name"]');
  assert.match(await nameWarning.textContent(), /Codex turns this server off: your organisation's requirements allow only acme-obs/);
  const renamed = await copyVia(page, 'config-toml');
  await nameWarning.getByTestId('requirements-fix').click();
  assert.equal(await page.getByTestId('name-input').inputValue(), 'acme-obs', 'one click puts the allowed name back');

  // One more trailing slash: warned where the URL is typed.
  await page.getByTestId('url-input').fill(`${ALLOWED}/`);
  const urlWarning = page.locator('[data-testid="requirements-warning"][data-field="the cluster URL"]');
  assert.match(await urlWarning.textContent(), /byte for byte/);
  const drifted = await copyVia(page, 'config-toml');
  await page.screenshot({ path: join(SHOTS, 'requirements-warning.png') });
  await urlWarning.getByTestId('requirements-fix').click();
  assert.equal(await page.getByTestId('url-input').inputValue(), ALLOWED);
  assert.equal(await page.getByTestId('requirements-warning').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();

  // What Codex does with each, under the page's own requirements.toml.
  const etc = { 'requirements.toml': requirements };
  const enabled = await listUnder(etc, allowed);
  assert.equal(enabled['acme-obs']?.enabled, true, JSON.stringify(enabled));
  const off = await listUnder(etc, renamed);
  assert.equal(off.acme?.enabled, false);
  assert.match(off.acme.disabled_reason, /^requirements \(\/etc\/codex\/requirements\.toml\)/);
  const slash = await listUnder(etc, drifted);
  assert.equal(slash['acme-obs']?.enabled, false, 'one byte off the allowed URL');
  assert.match(slash['acme-obs'].disabled_reason, /^requirements/);

  // The fleet entry: every user lists the server, whose own config is empty.
  const fleetOnly = await listUnder({ ...etc, 'config.toml': fleet }, '');
  assert.equal(fleetOnly['acme-obs']?.enabled, true, JSON.stringify(fleetOnly));
  assert.equal(fleetOnly['acme-obs'].transport.url, ALLOWED);
});

test('a share link that renames the allowed server is reviewed before anything copies', async () => {
  const link = `${server.url}?name=acme&url=${encodeURIComponent(ALLOWED)}`;
  const { page, context, problems } = await openPage(browser, link);
  const finding = page.locator('[data-testid="share-risk"][data-kind="requirements"]');
  assert.match(await finding.textContent(), /turns this server off without a word/);
  assert.equal(await page.getByTestId('copy-config-toml').isDisabled(), true, 'held until answered');
  await finding.getByTestId('share-risk-revert').click();
  assert.equal(await page.getByTestId('name-input').inputValue(), 'acme-obs');
  assert.equal(await page.getByTestId('copy-config-toml').isDisabled(), false);
  assert.deepEqual(problems, []);
  await context.close();
});
