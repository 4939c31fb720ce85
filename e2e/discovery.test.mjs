// The live discovery check in Chromium against real OAuth servers on
// 127.0.0.1 (MCP SDK, oidc-provider, oauth2-mock-server) and, for malformed
// answers only, a hand-written fixture.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, openPage, servedPageAndBrowser } from './lib.mjs';
import { sdkAllInOne, sdkSplit, oidc, mockIssuerMismatch } from './peers.mjs';
import { startFixture } from './fixture.mjs';

const live = servedPageAndBrowser();
let fixture;
const requests = [];

before(async () => {
  fixture = await startFixture();
});
after(async () => {
  await fixture?.close();
});

/** Runs the check for `mcp` and returns the verdict, reason and step verdicts. */
async function check(mcp) {
  const { page, context, problems } = await openPage(live.browser, live.server.url);
  page.on('request', (r) => requests.push(r.url()));
  await page.getByTestId('url-input').fill(mcp);
  await page.getByTestId('tab-verify').click();
  await page.getByTestId('discovery-run').click();
  const verdict = page.getByTestId('discovery-verdict');
  await verdict.waitFor({ timeout: 60_000 });
  const result = {
    verdict: await verdict.getAttribute('data-verdict'),
    reason: await page.getByTestId('discovery-reason').textContent(),
    steps: await page.locator('[data-step-verdict]').evaluateAll((els) => els.map((e) => e.dataset.stepVerdict)),
    curl: await page.getByTestId('discovery-curl').textContent(),
    page,
  };
  // The browser logs every non-2xx answer and every CORS refusal; those are
  // what the check is about. Anything else (a panic, a script error) fails.
  const expected = /Failed to load resource|blocked by CORS policy|net::ERR_/;
  assert.deepEqual(problems.filter((p) => !expected.test(p)), [], 'no unexpected console errors');
  result.close = () => context.close();
  return result;
}

async function expectCase(mcp, verdict, reason, extra) {
  const result = await check(mcp);
  try {
    assert.equal(result.verdict, verdict, `verdict for ${mcp}: ${result.reason}`);
    assert.match(result.reason, reason);
    assert.ok(result.curl.split('\n').filter(Boolean).length >= result.steps.length, 'a curl command for each step');
    await extra?.(result);
  } finally {
    await result.close();
  }
}

test('MCP SDK, /mcp exposes WWW-Authenticate: ok, via resource_metadata', async (t) => {
  const peer = await sdkAllInOne('expose');
  t.after(() => peer.close());
  await expectCase(peer.mcp, 'ok', /codex mcp login/, async ({ steps, page }) => {
    // The spec's POST needs a preflight this server does not answer (it lets
    // browsers GET only): that step is unknown and counts for nothing;
    // Codex's GET, the PRM its header links and the AS metadata are ok.
    assert.deepEqual(steps, ['unknown', 'ok', 'ok', 'ok']);
    assert.match(await page.locator('[data-step-verdict]').first().textContent(), /Codex asks with a GET; the page asks as the MCP spec's clients do/);
    assert.deepEqual(await axeViolations(page), [], 'axe on the results');
    const url = new URL(await page.getByTestId('discovery-authorize-url').textContent());
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('resource'), peer.mcp);
    assert.match(url.searchParams.get('redirect_uri'), /^http:\/\/127\.0\.0\.1:\d+\/callback\/[\w-]+$/, 'where Codex 0.171 is sent back');
    // The advertised scope is offered and applies to the form.
    await page.getByRole('button', { name: 'Use these scopes' }).click();
    await page.getByTestId('tab-terminal').click();
    const block = await page.getByTestId('cli-posix').textContent();
    assert.match(block, /\nscopes = \["mcp:tools"\]\n/);
    assert.match(block, /\ncodex mcp login kfuse\n$/);
  });
});

test('MCP SDK split across two origins, header hidden by CORS: step unknown, summary ok', async (t) => {
  const peer = await sdkSplit('hidden');
  t.after(() => peer.close());
  await expectCase(peer.mcp, 'ok', /codex mcp login/, async ({ steps, page }) => {
    // Codex's own GET: the 401 is readable, its header is not.
    const get = page.locator('[data-step-verdict]', { hasText: 'asked with a GET' });
    assert.equal(await get.getAttribute('data-step-verdict'), 'unknown', String(steps));
    assert.match(await get.textContent(), /Access-Control-Expose-Headers/);
  });
});

test('MCP SDK, /mcp without any CORS: blocked step, never "no OAuth", summary ok', async (t) => {
  const peer = await sdkAllInOne('none');
  t.after(() => peer.close());
  await expectCase(peer.mcp, 'ok', /codex mcp login/, async ({ steps, page }) => {
    assert.equal(steps[0], 'unknown');
    const first = await page.locator('[data-step-verdict]').first().textContent();
    assert.match(first, /Could not check from the browser/);
    assert.doesNotMatch(first, /no OAuth/i);
  });
});

test('oidc-provider with registration: ok', async (t) => {
  const peer = await oidc({ registration: true, cimd: false });
  t.after(() => peer.close());
  await expectCase(peer.mcp, 'ok', /codex mcp login/);
});

test('oidc-provider without registration: error, needs a client id', async (t) => {
  const peer = await oidc({ registration: false, cimd: false });
  t.after(() => peer.close());
  await expectCase(peer.mcp, 'error', /pre-registered client id/, async ({ page }) => {
    assert.match(await page.getByTestId('discovery-verdict').textContent(), /Who can fix it: you/);
  });
});

test('oidc-provider with client ID metadata documents only: Codex signs in with its own, which the server must reach', async (t) => {
  const peer = await oidc({ registration: false, cimd: true });
  t.after(() => peer.close());
  await expectCase(peer.mcp, 'warning', /https:\/\/chatgpt\.com\/oauth\/codex\/.*cannot reach chatgpt\.com/);
});

test('oauth2-mock-server: issuer localhost vs 127.0.0.1 is an operator error', async (t) => {
  const peer = await mockIssuerMismatch();
  t.after(() => peer.close());
  await expectCase(peer.mcp, 'error', /issuer \(http:\/\/localhost:\d+\) is not the issuer it was fetched for \(http:\/\/127\.0\.0\.1:\d+\)/, async ({ page }) => {
    assert.match(await page.getByTestId('discovery-verdict').textContent(), /Who can fix it: the cluster's operator/);
  });
});

const malformed = [
  ['html', 'error', /An HTML page/],
  ['huge', 'error', /larger than 1 MiB/],
  ['slow', 'error', /No answer within 10 seconds/],
  ['redirect-away', 'error', /Redirects to another origin/],
  ['redirect-here', 'ok', /codex mcp login/],
  ['unavailable', 'error', /Server error \(503\)/],
  ['types', 'error', /authorization_servers must be a list of strings/],
  // Answers everything without a token, and publishes metadata: a server
  // that asks for sign-in only for some tools looks the same.
  ['open', 'ok', /finds the authorization server/],
  ['nothing', 'error', /No OAuth protected resource metadata at any location/],
];
for (const [name, verdict, reason] of malformed) {
  test(`fixture: ${name} → ${verdict}`, async () => {
    await expectCase(fixture.mcp(name), verdict, reason);
  });
}

test('nothing listening: fetch rejected, verdict unknown', async () => {
  const peer = await sdkAllInOne('expose');
  const closed = peer.mcp;
  await peer.close();
  await expectCase(closed, 'unknown', /Could not complete the check from the browser/);
});

test('changing the URL clears the result, and the check reruns cleanly', async (t) => {
  const peer = await sdkAllInOne('expose');
  t.after(() => peer.close());
  const result = await check(peer.mcp);
  assert.equal(result.verdict, 'ok');
  const { page } = result;
  await page.getByTestId('tab-config').click();
  await page.getByTestId('url-input').fill(fixture.mcp('unavailable'));
  await page.getByTestId('tab-verify').click();
  assert.equal(await page.getByTestId('discovery-verdict').count(), 0, 'the old verdict is gone');
  assert.equal(await page.locator('[data-step-verdict]').count(), 0);
  await page.getByTestId('discovery-run').click();
  await page.getByTestId('discovery-verdict').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('discovery-verdict').getAttribute('data-verdict'), 'error');
  await result.close();
});

test('every request of the discovery tests went to 127.0.0.1', () => {
  assert.ok(requests.length > 0);
  for (const url of requests) assert.equal(new URL(url).hostname, '127.0.0.1', url);
});
