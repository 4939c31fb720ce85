// The sign-in journey, end to end: a person opens a share link, fills the
// form, copies the terminal block, and runs it verbatim in bash and in zsh
// under a new HOME with the real Codex CLI, against a real MCP server (the
// MCP TypeScript SDK with its own OAuth, or behind a static token) on
// 127.0.0.1. The outcome is read from Codex itself (`codex mcp list --json`,
// `codex app-server`) and from what the authorization server saw: signed in
// exactly once, with the scopes and client the person chose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyVia, openAdvanced, openPage, servedPageAndBrowser } from './lib.mjs';
import { appServerTools, codex, codexEnv, mcpList, newHome, openedPages, runShell, startMcpServer, trustedRepository } from './codex.mjs';

const live = servedPageAndBrowser();
const servers = {};

before(async () => {
  servers.oauth = await startMcpServer(['--auth', 'oauth']);
  servers.preregistered = await startMcpServer(['--auth', 'oauth', '--preregistered', 'ops-console']);
  servers.token = await startMcpServer(['--auth', 'token', '--token', 'service-account-token-1']);
});
after(async () => {
  for (const server of Object.values(servers)) await server?.close();
});

/**
 * Opens the page from a share link carrying `name` and the server's URL,
 * lets `fillForm` do what the person does, and returns the bash/zsh block
 * as the Copy button put it on the clipboard.
 */
async function copiedBlock(server, name, fillForm) {
  const link = `${live.server.url}?${new URLSearchParams({ name, url: server.mcp })}`;
  const { page, context, problems } = await openPage(live.browser, link);
  assert.equal(await page.getByTestId('url-input').inputValue(), server.mcp, 'the link prefilled the URL');
  await fillForm?.(page);
  const block = await copyVia(page, 'cli-posix');
  assert.equal(block, await page.getByTestId('cli-posix').textContent(), 'the clipboard holds the block');
  const note = await page.getByTestId('sign-in-note').textContent();
  assert.deepEqual(problems, []);
  await context.close();
  return { block, note };
}

/** The events the server saw after the first `since` of them, without MCP calls. */
async function signIns(server, since) {
  return (await server.events()).slice(since).filter((e) => e.kind !== 'mcp');
}

/**
 * Runs `block` in `shell` as typed into a terminal, in a new HOME (with the
 * BROWSER helper unless `remote`), and returns what happened.
 */
async function runJourney(shell, block, server, { remote = false, project = false, env = {} } = {}) {
  const { home, browser } = await newHome(shell);
  const cwd = project ? join(home, 'repo') : home;
  if (project) await trustedRepository(home, cwd);
  const since = (await server.events()).length;
  let answered = false;
  const { code, output } = await runShell(shell, block, {
    cwd,
    // On another machine there is no browser: Codex must not try one.
    env: codexEnv(home, remote ? { ...env, BROWSER: '/bin/false' } : { ...env, BROWSER: browser }),
    onOutput: remote ? (text, stdin) => {
      // The person opens the printed link on their own computer, signs in,
      // and pastes the address the browser ends on back into the terminal.
      const link = text.match(/https?:\/\/\S+\/authorize\?\S+/)?.[0];
      if (!link || answered) return;
      answered = true;
      fetch(link, { redirect: 'manual' }).then((res) => stdin.write(`${res.headers.get('location')}\n`));
    } : undefined,
  });
  assert.equal(code, 0, `${shell} exited with ${code}:\n${output}`);
  return { home, cwd, output, events: await signIns(server, since), opened: await openedPages(home) };
}

/** The one server entry Codex lists, checked as signed in the way `auth` says. */
async function listed(run, name, auth) {
  const entries = await mcpList(run.home, run.cwd);
  assert.deepEqual(entries.map((e) => e.name), [name], 'exactly the one server');
  const [entry] = entries;
  assert.equal(entry.auth_status, auth, `codex mcp list --json: auth_status\n${run.output}`);
  return entry;
}

/** Exactly one sign-in: one authorization, one token, by one client. */
function signedInOnce(run) {
  const authorizations = run.events.filter((e) => e.kind === 'authorize');
  const tokens = run.events.filter((e) => e.kind === 'token');
  assert.equal(authorizations.length, 1, `one authorization, not ${authorizations.length}:\n${JSON.stringify(run.events)}`);
  assert.equal(tokens.length, 1, 'one token issued');
  return authorizations[0];
}

/** The entry as written in the config file Codex reads. */
async function writtenEntry(run, name, file = join(run.home, '.codex/config.toml')) {
  const text = await readFile(file, 'utf8');
  return { text, has: (line) => text.includes(line) };
}

const SHELLS = ['bash', 'zsh'];
/** What Codex printed last, for the closing note. */
const lastLine = (output) => output.trim().split('\n').filter((l) => !l.startsWith('WARNING')).at(-1);

for (const shell of SHELLS) {
  test(`${shell}: plain OAuth signs in once, inside codex mcp add`, async () => {
    const server = servers.oauth;
    const { block, note } = await copiedBlock(server, 'kfuse');
    assert.match(note, /codex mcp add opens your browser/);
    const run = await runJourney(shell, block, server);
    const entry = await listed(run, 'kfuse', 'o_auth');
    assert.equal(entry.transport.url, server.mcp);
    const auth = signedInOnce(run);
    assert.deepEqual(auth.scopes, ['logs:read', 'metrics:read', 'admin'], 'no scopes chosen: the server\'s own');
    assert.equal(run.opened.length, 1, 'one browser tab');
    assert.equal(Object.keys(await appServerTools(run.home, 'kfuse')).length, 7, 'connected: Codex lists the tools');
    console.log(`[${shell}] plain OAuth: ${lastLine(run.output)}`);
  });

  test(`${shell}: chosen scopes are the ones asked for, in the only sign-in`, async () => {
    const server = servers.oauth;
    const { block, note } = await copiedBlock(server, 'kfuse', async (page) => {
      await openAdvanced(page);
      await page.getByTestId('scopes-input').fill('logs:read, metrics:read');
    });
    assert.match(note, /codex mcp login then opens your browser to sign in, once/);
    const run = await runJourney(shell, block, server);
    await listed(run, 'kfuse', 'o_auth');
    const auth = signedInOnce(run);
    assert.deepEqual(auth.scopes, ['logs:read', 'metrics:read']);
    const written = await writtenEntry(run, 'kfuse');
    assert.ok(written.has('scopes = ["logs:read", "metrics:read"]'), written.text);
    console.log(`[${shell}] scopes: ${lastLine(run.output)}`);
  });

  test(`${shell}: a pre-registered client id signs in with that client, never registering another`, async () => {
    const server = servers.preregistered;
    const { block } = await copiedBlock(server, 'kfuse', async (page) => {
      await openAdvanced(page);
      await page.getByTestId('oauth-client-id-input').fill('ops-console');
    });
    const run = await runJourney(shell, block, server);
    await listed(run, 'kfuse', 'o_auth');
    const auth = signedInOnce(run);
    assert.equal(auth.client_id, 'ops-console');
    assert.deepEqual(run.events.filter((e) => e.kind === 'register'), [], 'no dynamic registration');
    assert.match(run.output, /OAuth callback URL: http:\/\/127\.0\.0\.1\/callback\//, 'Codex names the callback to register');
    console.log(`[${shell}] pre-registered client: ${lastLine(run.output)}`);
  });

  test(`${shell}: oauth_resource is the resource asked for`, async () => {
    const server = servers.oauth;
    const resource = `${server.origin}/`;
    const { block } = await copiedBlock(server, 'kfuse', async (page) => {
      await openAdvanced(page);
      await page.getByTestId('oauth-resource-input').fill(resource);
      assert.match(await page.getByTestId('oauth-resource-warning').textContent(), /in addition to the server URL/);
    });
    const run = await runJourney(shell, block, server);
    await listed(run, 'kfuse', 'o_auth');
    assert.equal(signedInOnce(run).resource, resource);
    // Codex names the server URL too; the page's warning says so.
    const asked = run.events.filter((e) => e.kind === 'resources').map((e) => e.resources);
    assert.deepEqual(asked, [[server.mcp, resource]]);
    console.log(`[${shell}] oauth_resource: ${lastLine(run.output)}`);
  });

  test(`${shell}: a bearer token needs no sign-in and connects`, async () => {
    const server = servers.token;
    const { block, note } = await copiedBlock(server, 'kfuse', async (page) => {
      await openAdvanced(page);
      await page.getByTestId('bearer-token-env-var-input').fill('KFUSE_TOKEN');
    });
    assert.match(note, /No sign-in: Codex sends the token from KFUSE_TOKEN/);
    const run = await runJourney(shell, block, server, { env: { KFUSE_TOKEN: 'service-account-token-1' } });
    const entry = await listed(run, 'kfuse', 'bearer_token');
    assert.equal(entry.transport.bearer_token_env_var, 'KFUSE_TOKEN');
    assert.equal(run.opened.length, 0, 'no browser');
    const tools = await appServerTools(run.home, 'kfuse', { env: { KFUSE_TOKEN: 'service-account-token-1' } });
    assert.equal(Object.keys(tools).length, 7, 'connected with the token: Codex lists the tools');
    console.log(`[${shell}] bearer token: ${lastLine(run.output) ?? '(nothing printed)'}`);
  });

  test(`${shell}: a server name with a dot stays one server`, async () => {
    const server = servers.oauth;
    const { block } = await copiedBlock(server, 'kfuse.prod');
    const run = await runJourney(shell, block, server);
    await listed(run, 'kfuse.prod', 'o_auth');
    signedInOnce(run);
    const written = await writtenEntry(run, 'kfuse.prod');
    assert.ok(written.has('[mcp_servers."kfuse.prod"]'), written.text);
    console.log(`[${shell}] name with a dot: ${lastLine(run.output)}`);
  });

  test(`${shell}: on another machine, the pasted-back address completes the only sign-in`, async () => {
    const server = servers.oauth;
    const { block, note } = await copiedBlock(server, 'kfuse', async (page) => {
      await page.getByTestId('remote-toggle').check();
    });
    assert.match(note, /codex mcp login --no-browser prints a link/);
    assert.match(block, /\ncodex mcp login kfuse --no-browser\n$/, 'the sign-in that reads the address comes last');
    const run = await runJourney(shell, block, server, { remote: true });
    await listed(run, 'kfuse', 'o_auth');
    signedInOnce(run);
    console.log(`[${shell}] another machine: ${lastLine(run.output)}`);
  });

  test(`${shell}: "this repository only" writes the project's file, read in the trusted project`, async () => {
    const server = servers.oauth;
    const { block } = await copiedBlock(server, 'kfuse', async (page) => {
      await page.locator('[data-testid="config-location"] input[value="project"]').check();
      await page.getByTestId('project-note').waitFor();
    });
    const run = await runJourney(shell, block, server, { project: true });
    await listed(run, 'kfuse', 'o_auth');
    signedInOnce(run);
    const written = await writtenEntry(run, 'kfuse', join(run.cwd, '.codex/config.toml'));
    assert.ok(written.has(`url = "${server.mcp}"`), written.text);
    const user = await readFile(join(run.home, '.codex/config.toml'), 'utf8');
    assert.doesNotMatch(user, /mcp_servers/, 'nothing in the user config');
    const elsewhere = await codex(run.home, ['mcp', 'list', '--json']);
    assert.deepEqual(JSON.parse(elsewhere.stdout), [], 'outside the project Codex does not see it');
    console.log(`[${shell}] this repository only: ${lastLine(run.output)}`);
  });
}

test('running the block again replaces the entry and signs in once more, never twice', async () => {
  const server = servers.oauth;
  const { block } = await copiedBlock(server, 'kfuse', async (page) => {
    await openAdvanced(page);
    await page.getByTestId('scopes-input').fill('logs:read');
  });
  const run = await runJourney('bash', block, server);
  const since = (await server.events()).length;
  const again = await runShell('bash', block, { cwd: run.home, env: codexEnv(run.home, { BROWSER: join(run.home, 'browser.mjs') }) });
  assert.equal(again.code, 0, again.output);
  const events = await signIns(server, since);
  assert.equal(events.filter((e) => e.kind === 'authorize').length, 1);
  const text = await readFile(join(run.home, '.codex/config.toml'), 'utf8');
  assert.equal(text.match(/\[mcp_servers\.kfuse\]/g).length, 1, `one table:\n${text}`);
  await listed(run, 'kfuse', 'o_auth');
});
