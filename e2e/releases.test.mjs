// Every Codex a team runs: for the oldest supported release, one in the
// middle and the pinned one (package.json codexReleasesTested, each
// installed in its own folder by the set-up), the page set to that release
// writes a config.toml the release reads, a bash block it runs with no
// usage error that leaves the entry and signs in, and a version note for
// each choice the release cannot honour; the newest has none. What the
// release does is read from that release itself (`codex mcp list --json`,
// `codex mcp get --json`); which choices it cannot honour, from the tables
// the real releases answered (src/clients/codex/cli.txt).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, SHOTS, copyVia, openPage, servedPageAndBrowser } from './lib.mjs';
import { TESTED_RELEASES, codex, codexEnv, mcpList, newHome, releaseBin, runShell, startMcpServer } from './codex.mjs';

const live = servedPageAndBrowser();
let server;
before(async () => {
  server = await startMcpServer(['--auth', 'oauth', '--preregistered', 'ops-console']);
});
after(async () => server?.close());

/** The answer release `version` gave about `subject`, from src/clients/codex/cli.txt. */
function answer(kind, subject, version) {
  const lines = readFileSync(join(ROOT, 'src/clients/codex/cli.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const releases = lines.find((l) => l.startsWith('releases ')).split(' ').slice(1);
  const minor = (v) => Number(v.split('.')[1]);
  const at = releases.map(minor).filter((m) => m <= minor(version)).length - 1;
  for (const line of lines) {
    const [k, s, runs, ...rest] = line.split(' ');
    if (k !== kind || s !== subject || runs === 'none') continue;
    for (const run of runs.split(',')) {
      const [first, last] = run.split('-');
      const to = last ? releases.indexOf(last) : releases.length - 1;
      if (at >= releases.indexOf(first) && at <= to) return rest.join(' ');
    }
  }
  return null;
}
const knowsKey = (key, v) => answer('config', `mcp_servers.*.${key}`, v) !== null;
const takesValue = (key, value, v) => (answer('config', `mcp_servers.*.${key}`, v) ?? '').replace(/^variant /, '').split(',').includes(value);

/** Every choice the form offers, in a share link (nothing a link review holds back). */
function linkFor(version) {
  return `${live.server.url}?${new URLSearchParams({
    name: 'kfuse',
    url: server.mcp,
    codex: version.split('.').slice(0, 2).join('.'),
    enabled_tools: 'logs_search,metrics_query,alert_silence',
    disabled_tools: 'delete_all_entities',
    scopes: 'logs:read,metrics:read',
    required: 'true',
    startup_timeout_sec: '20',
    tool_timeout_sec: '90.5',
    oauth_resource: server.mcp,
    oauth_client_id: 'ops-console',
    default_tools_approval_mode: 'writes',
    tools_approval_mode: 'logs_search:prompt,alert_silence:writes',
  })}`;
}

/** The choices release `version` cannot honour, as the tables say. */
function unhonoured(version) {
  const out = [];
  if (!knowsKey('default_tools_approval_mode', version) || !takesValue('default_tools_approval_mode', 'writes', version)) out.push('default approval');
  if (!knowsKey('tools.*.approval_mode', version)) out.push('logs_search approval', 'alert_silence approval');
  else if (!takesValue('tools.*.approval_mode', 'writes', version)) out.push('alert_silence approval');
  if (!knowsKey('oauth_resource', version)) out.push('oauth resource');
  if (!knowsKey('oauth.client_id', version)) out.push('oauth client id');
  return out;
}

for (const version of TESTED_RELEASES) {
  test(`Codex ${version}: config.toml loads, the bash block runs and signs in, and each choice it cannot honour has its note`, async () => {
    const bin = releaseBin(version);
    const { page, context, problems } = await openPage(live.browser, linkFor(version), { viewport: { width: 1280, height: 1000 } });
    assert.equal(await page.getByTestId('codex-version-input').inputValue(), version.split('.').slice(0, 2).join('.'));

    // The notes: one per choice the release cannot honour, none for the newest.
    const notes = await page.getByTestId('version-note').allTextContents();
    const expected = unhonoured(version);
    assert.equal(notes.length, expected.length, `expected notes for ${JSON.stringify(expected)}, the page shows:\n${notes.join('\n')}`);
    for (const note of notes) {
      assert.match(note, new RegExp(`Codex ${version.split('.').slice(0, 2).join('\\.')}`), note);
      assert.match(note, /npm install -g @openai\/codex@latest/, note);
      assert.match(note, /works from Codex 0\.\d+/, note);
    }
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `release-${version}.png`), fullPage: true });

    // config.toml, in a HOME of its own, read by that release.
    const toml = await copyVia(page, 'config-toml');
    const fileHome = (await newHome(`release-file-${version}`)).home;
    await mkdir(join(fileHome, '.codex'), { recursive: true });
    await writeFile(join(fileHome, '.codex/config.toml'), toml);
    const [entry] = await mcpList(fileHome, fileHome, bin);
    assert.equal(entry?.name, 'kfuse', `Codex ${version} lists the entry:\n${toml}`);
    assert.equal(entry.transport.url, server.mcp);
    // A release that reads the key but not `writes` would refuse the whole file.
    if (knowsKey('default_tools_approval_mode', version) && !takesValue('default_tools_approval_mode', 'writes', version)) {
      assert.doesNotMatch(toml, /approval_mode = "writes"/);
    }

    // The bash block, verbatim, with that release on PATH.
    const block = await copyVia(page, 'cli-posix');
    assert.deepEqual(problems, []);
    await context.close();
    const { home, browser } = await newHome(`release-${version}`);
    const run = await runShell('bash', block, { cwd: home, env: codexEnv(home, { BROWSER: browser }, bin) });
    assert.equal(run.code, 0, `bash exited with ${run.code}:\n${run.output}`);
    assert.doesNotMatch(run.output, /unexpected argument|Usage: codex|unrecognized/i, run.output);
    const got = await codex(home, ['mcp', 'get', 'kfuse', '--json'], { bin });
    assert.equal(got.status, 0, got.stderr);
    assert.equal(JSON.parse(got.stdout).transport.url, server.mcp);
    const [signedIn] = await mcpList(home, home, bin);
    assert.equal(signedIn.auth_status, 'o_auth', `signed in, by Codex ${version}'s own account:\n${run.output}`);
  });
}
