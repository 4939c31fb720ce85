// Each client signs in by coming back to a redirect URI of its own, and a
// Kloudfuse cluster refuses any its AllowedRedirectURIs does not list
// (presets.toml `allowed_redirect_uris`). With the chart default, nobody is
// warned; with a list that lacks `http://localhost:*`, the clients that come
// back to localhost (Claude Code, Gemini CLI) are told their sign-in will be
// refused, the others are not, the sign-in check says the same, and For
// administrators holds the line to add, exactly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, copyVia, launch, openPage, serveDist, whenLive } from './lib.mjs';

const CLIENTS = ['codex', 'claude-code', 'gemini', 'claude-desktop'];
const WITHOUT_LOCALHOST = 'allowed_redirect_uris = ["http://127.0.0.1:*", "https://claude.ai/api/mcp/auth_callback", "https://claude.com/api/mcp/auth_callback"]\n';

let browser;
const servers = {};
before(async () => {
  browser = await launch();
  servers.chart = await serveDist();
  servers.narrow = await serveDist({ overrides: { 'presets.toml': WITHOUT_LOCALHOST } });
});
after(async () => {
  await browser?.close();
  for (const s of Object.values(servers)) await s.close();
});

/** The page for `client` on `server`, live. */
async function pageFor(server, client) {
  const query = new URLSearchParams({ client, name: 'kfuse', url: 'acme.kloudfuse.io' });
  const opened = await openPage(browser, `${server.url}?${query}`);
  await whenLive(opened.page);
  return opened;
}

/** Opens what holds the administrators' files for `client`, and returns the Helm values. */
async function helmValues(page, client) {
  if (client === 'codex') {
    await page.getByTestId('tab-admin').click();
  } else {
    await page.locator('details.admin > summary').click();
  }
  return copyVia(page, 'admin-redirect-uris');
}

test('with the chart default, no client Kloudfuse documents is warned, and the values add only what the editors need', async () => {
  for (const client of CLIENTS) {
    const { page, context, problems } = await pageFor(servers.chart, client);
    assert.equal(await page.locator('[data-testid="client-note"][data-kind="redirect"]').count(), 0, client);
    const values = await helmValues(page, client);
    // The page offers every client: the editors' redirects are added, each
    // line named for the client it admits.
    assert.equal(values, 'user-mgmt-service:\n  config:\n    MCPConnector:\n      AllowedRedirectURIs:\n'
      + '        - "http://localhost:*"\n        - "http://127.0.0.1:*"\n'
      + '        - "https://claude.ai/api/mcp/auth_callback"\n        - "https://claude.com/api/mcp/auth_callback"\n'
      + '        - "https://vscode.dev/redirect"  # added for VS Code\n'
      + '        - "https://insiders.vscode.dev/redirect"  # added for VS Code\n'
      + '        - "http://127.0.0.1/"  # added for VS Code\n'
      + '        - "cursor://anysphere.cursor-mcp/oauth/callback"  # added for Cursor\n'
      + '        - "https://www.cursor.com/agents/mcp/oauth/callback"  # added for Cursor\n', client);
    assert.deepEqual(problems, [], client);
    await context.close();
  }
});

test('without http://localhost:*, the clients that come back to localhost are told, and the operator gets the line', async () => {
  for (const client of CLIENTS) {
    const { page, context, problems } = await pageFor(servers.narrow, client);
    const note = page.locator('[data-testid="client-note"][data-kind="redirect"]');
    const refused = client === 'claude-code' || client === 'gemini';
    assert.equal(await note.count(), refused ? 1 : 0, client);
    if (refused) {
      const text = await note.textContent();
      assert.match(text, /The cluster will refuse (Claude Code|Gemini CLI)'s sign-in/);
      assert.match(text, /http:\/\/localhost:\*\//);
      await note.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `redirect-refused-${client}.png`) });
    }
    // The sign-in check says the same before any request (Claude Desktop
    // signs in from Anthropic's cloud, which no check from here can see).
    if (client !== 'claude-desktop') {
      if (client === 'codex') await page.getByTestId('tab-verify').click();
      const line = page.getByTestId('discovery-redirects');
      await line.waitFor();
      assert.equal(await line.getAttribute('data-verdict'), refused ? 'error' : 'ok', client);
    }
    const values = await helmValues(page, client);
    assert.match(values, /\n {8}- "http:\/\/localhost:\*" {2}# added for Claude Code, Gemini CLI\n/, `${client}: ${values}`);
    assert.equal(values.match(/localhost/g).length, 1, values);
    assert.deepEqual(problems, [], client);
    await context.close();
  }
});
