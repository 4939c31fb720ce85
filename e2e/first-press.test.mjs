// The first press counts: every control of the prerendered page, found in
// its DOM (not a hand list), is pressed while the WebAssembly is held back,
// and once the page is live the press has had exactly the effect the same
// press has on the live page. Keys and typing too, and the sign-in against
// a real OAuth MCP server: pressed before takeover, it starts once the page
// is live and signs in once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, servedPageAndBrowser, whenToolsLive } from './lib.mjs';
import { startMcpServer } from './mcp-server.mjs';

const served = servedPageAndBrowser();

/**
 * Opens `query` with every .wasm request held until `release()`: the page
 * as it paints before the program owns it.
 */
async function openHeld(query = '') {
  const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // The browser's notes on answers a sign-in expects (a 401 starts discovery).
  page.on('console', (m) => { if (m.type() === 'error' && !/status of (40[0134]|500)/.test(m.text())) problems.push(`console: ${m.text()}`); });
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route) => { await gate; await route.continue(); });
  await page.goto(`${served.server.url}${query}`, { waitUntil: 'domcontentloaded' });
  await page.locator('#page [data-testid="url-input"]').waitFor();
  return { page, context, problems, release };
}

/** Opens `query` and waits until every part of it is live. */
async function openLive(query = '') {
  const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${served.server.url}${query}`);
  await everythingLive(page);
  return { page, context, problems };
}

/** Waits for the page, the parts that load later, and what they fetch. */
async function everythingLive(page) {
  await page.locator('#page[data-live]').waitFor({ state: 'attached' });
  await whenToolsLive(page);
  await page.locator('#island-setup[data-live]').waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
  // Two frames: the last effects have run and painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// Names a control as the page's early script does (scripts/early.js), so
// the same control is found in the prerendered and the live page.
const NAMES = `
  window.__controls = () => {
    const CONTROL = 'a[href], input, textarea, select, button, summary';
    const toggles = (el) => el.matches('input[type="checkbox"], input[type="radio"]');
    const nameOf = (el) => [el.tagName, el.dataset.testid ?? '', el.closest('[data-name]')?.dataset.name ?? '', el.getAttribute('name') ?? '', toggles(el) ? el.value : '', el.tagName === 'A' ? el.getAttribute('href') : ''].join('|');
    const all = [...document.querySelectorAll('#page ' + CONTROL.split(', ').join(', #page '))];
    return all.map((el) => {
      if (el.id) return { el, key: '#' + el.id };
      const name = nameOf(el);
      const same = all.filter((c) => !c.id && nameOf(c) === name);
      return { el, key: name + '|' + same.indexOf(el) };
    });
  };
`;

/** Every control a person can press now: shown and not disabled. */
async function pressable(page) {
  await page.evaluate(NAMES);
  return page.evaluate(() => window.__controls()
    .filter(({ el }) => el.checkVisibility() && !el.disabled && !el.closest('[inert]'))
    .map(({ el, key }) => ({
      key,
      kind: el.tagName === 'A' ? 'link' : el.tagName === 'SUMMARY' ? 'summary' : el.tagName === 'SELECT' ? 'select' : el.tagName === 'BUTTON' ? 'button'
        : ['checkbox', 'radio'].includes(el.type) ? 'toggle' : 'text',
      label: (el.getAttribute('aria-label') ?? el.textContent ?? el.id).trim().slice(0, 40),
    })));
}

/** Presses the control `key` of kind `kind` as a person does. */
async function press(page, { key, kind }) {
  await page.evaluate(NAMES);
  const handle = await page.evaluateHandle((k) => window.__controls().find((c) => c.key === k)?.el ?? null, key);
  const el = handle.asElement();
  assert.ok(el, `no control ${key}`);
  switch (kind) {
    case 'text':
      await el.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('pressed.example');
      break;
    case 'select': {
      const next = await el.evaluate((s) => [...s.options].find((o) => !o.selected && !o.disabled)?.value ?? null);
      if (next !== null) await el.selectOption(next);
      break;
    }
    case 'toggle':
      await el.click();
      break;
    default:
      // Buttons, summaries and links, as a click; a button the live page
      // has disabled takes the click as a person's would: without effect.
      await el.click({ force: true });
  }
}

/** What a press can change: the draft kept, every control's state, what is shown. */
function effects(page) {
  return page.evaluate(() => {
    const controls = window.__controls().map(({ el, key }) => [key, {
      value: 'value' in el && el.tagName !== 'BUTTON' ? el.value : undefined,
      checked: el.checked,
      disabled: el.disabled,
      pressed: el.getAttribute('aria-pressed'),
      selected: el.getAttribute('aria-selected'),
      open: el.tagName === 'SUMMARY' ? el.parentElement.open : undefined,
      shown: el.checkVisibility(),
    }]);
    const shown = [...document.querySelectorAll('#page [data-testid]')].filter((e) => e.checkVisibility()).map((e) => e.dataset.testid);
    return JSON.stringify({
      draft: localStorage.getItem('codex-mcp-configurator.draft'),
      tools: localStorage.getItem('codex-mcp-configurator.server-tools'),
      hash: location.hash,
      connect: document.querySelector('[data-testid="connect-status"]')?.dataset.state ?? null,
      controls: Object.fromEntries(controls),
      shown: [...new Set(shown)].sort(),
    });
  });
}

test('every control of the prerendered page, pressed before takeover, has the effect it has on the live page', async (t) => {
  // The controls as the first paint shows them, in every tab and every
  // closed section a person can open.
  const { page: first, context: firstContext, release: releaseFirst } = await openHeld();
  const seen = new Map();
  for (const c of await pressable(first)) seen.set(c.key, c);
  for (const tab of await first.locator('[role="tab"]').all()) {
    await tab.click();
    for (const c of await pressable(first)) if (!seen.has(c.key)) seen.set(c.key, { ...c, tab: `#${await tab.getAttribute('id')}` });
  }
  await first.getByTestId('tab-terminal').click();
  for (const summary of (await pressable(first)).filter((c) => c.kind === 'summary')) {
    await press(first, summary);
    for (const c of await pressable(first)) if (!seen.has(c.key)) seen.set(c.key, { ...c, summary: summary.key });
  }
  releaseFirst();
  await firstContext.close();
  const controls = [...seen.values()];
  assert.ok(controls.length >= 30, `the prerendered page has its controls (${controls.length} found)`);

  const baseline = await (async () => {
    const { page, context } = await openLive();
    await page.evaluate(NAMES);
    const before = await effects(page);
    await context.close();
    return before;
  })();

  const withEffect = [];
  const failures = [];
  for (const control of controls) {
    // What leads to it: its tab, then the section it sits in.
    const lead = async (page) => {
      if (control.tab) await press(page, { key: control.tab, kind: 'button' });
      if (control.summary) await press(page, { key: control.summary, kind: 'summary' });
    };
    // Before takeover: the program is held back while the person presses.
    const held = await openHeld();
    await lead(held.page);
    await press(held.page, control).catch((e) => assert.fail(`${JSON.stringify(control)} before takeover: ${e.message.split('\n')[0]}`));
    held.release();
    await everythingLive(held.page);
    await held.page.evaluate(NAMES);
    const early = await effects(held.page);
    await held.context.close();
    // The same press on the live page.
    const live = await openLive();
    await lead(live.page);
    await press(live.page, control).catch((e) => assert.fail(`${control.key} on the live page: ${e.message}`));
    await everythingLive(live.page);
    const late = await effects(live.page);
    await live.context.close();
    if (early !== late) failures.push(`${control.key} (${control.label}): before takeover ${early}\n  live ${late}`);
    if (late !== baseline) withEffect.push(control.key);
    assert.deepEqual(held.problems, [], control.key);
  }
  t.diagnostic(`${controls.length} controls pressed before takeover, ${withEffect.length} with an effect: ${controls.map((c) => c.key).join(' ')}`);
  assert.deepEqual(failures, [], 'a press before takeover has the effect of the same press on the live page');
  // Most presses change something; the rest are no-ops live too (a radio
  // already chosen, a button that needs a URL first).
  assert.ok(withEffect.length >= controls.length / 2, `${withEffect.length} of ${controls.length} presses had an effect`);
});

test('keys before takeover: arrows move between tabs, Enter adds a typed tool, and the caret stays where it was', async () => {
  const { page, context, problems, release } = await openHeld();
  await page.getByTestId('tab-terminal').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('tool-name-input').click();
  await page.keyboard.type('traces_search');
  await page.keyboard.press('Enter');
  await page.getByTestId('url-input').click();
  await page.keyboard.type('acme.kloudfuse');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  release();
  await page.locator('#page[data-live]').waitFor({ state: 'attached' });
  assert.equal(await page.getByTestId('tab-app').getAttribute('aria-selected'), 'true', 'two arrows right: the third tab');
  assert.ok(await page.locator('[data-testid="tool-row"][data-name="traces_search"]').count() === 1, 'Enter added the typed tool');
  assert.match(await page.getByTestId('config-toml').textContent(), /disabled_tools = \["traces_search"\]/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'url');
  assert.deepEqual(await page.evaluate(() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]), [12, 12], 'the caret two places back');
  await page.keyboard.type('X');
  assert.equal(await page.getByTestId('url-input').inputValue(), 'acme.kloudfuXse');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a press on "Block destructive tools" before takeover shows it is waiting, and counts once the page is live', async () => {
  const { page, context, problems, release } = await openHeld('?name=kfuse&url=acme.kloudfuse.io');
  const button = page.getByTestId('block-destructive');
  await button.click();
  assert.equal(await button.getAttribute('aria-busy'), 'true', 'the press shows before the program runs');
  await page.screenshot({ path: join(SHOTS, 'first-press-waiting.png') });
  release();
  await page.locator('#page[data-live]').waitFor({ state: 'attached' });
  assert.ok(await page.getByLabel('Block delete_all_entities').isChecked());
  assert.match(await page.getByTestId('config-toml').textContent(), /disabled_tools = \["delete_all_entities"\]/);
  assert.equal(await page.getByTestId('block-destructive').getAttribute('aria-busy'), null, 'the live button is not waiting');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the sign-in pressed on a teammate\'s link before takeover starts once the page is live, shows progress from the press, and signs in once', async () => {
  const server = await startMcpServer({ cors: new URL(served.server.url).origin, json: true });
  try {
    const { page, context, problems, release } = await openHeld(`?${new URLSearchParams({ name: 'kfuse', url: server.mcp })}`);
    const button = page.getByTestId('connect-start');
    const popup = context.waitForEvent('page', { timeout: 30_000 });
    await button.click();
    assert.equal(await button.getAttribute('aria-busy'), 'true', 'waiting, from the press');
    release();
    // The SDK's provider approves at once: the window closes by itself.
    const status = page.getByTestId('connect-status');
    await (await popup).waitForEvent('close', { timeout: 30_000 }).catch(() => {});
    await page.locator('[data-testid="connect-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
    assert.match(await status.textContent(), /^Read 7 tools from 127\.0\.0\.1/);
    assert.equal(await page.getByTestId('tool-row').count(), 7, 'the server\'s tools in the picker');
    const kinds = server.events.map((e) => e.kind);
    assert.equal(kinds.filter((k) => k === 'register').length, 1, 'registered once');
    assert.equal(kinds.filter((k) => k === 'authorize').length, 1, 'one sign-in');
    assert.equal(kinds.filter((k) => k === 'token').length, 1, 'one token');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});
