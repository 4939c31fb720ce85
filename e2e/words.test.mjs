// The page speaks the chosen client: a teammate's link for each client the
// page offers (read from the page's own choice of client, so a client
// added later is covered too), before the WebAssembly has arrived (the
// prerendered page, which scripts/early.js lays out for the link's client)
// and once live, on a desktop and on a phone. With every folded section
// opened, the visible text names no other client, outside the choice of
// client itself and explicit comparisons ("unlike Codex, …"), and the
// window's title names the chosen one, and nothing makes the page wider
// than the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, servedPageAndBrowser, whenLive, whenToolsLive } from './lib.mjs';

const live = servedPageAndBrowser();
const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

/** The clients the page offers: [{ id, name }], from its choice of client. */
async function offered(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await whenLive(page);
  await whenToolsLive(page);
  const clients = await page.locator('[data-client-option]').evaluateAll((buttons) => buttons.map((b) => ({ id: b.dataset.clientOption, name: b.textContent.trim() })));
  await context.close();
  return clients;
}

/** The page's visible text with every <details> open, the choice of client and what is about every client left out. */
async function visibleText(page) {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll('#page details')) details.open = true;
    // The choice of client, and what is about every client the page offers
    // (the cluster's redirect allowlist for administrators).
    const aside = [...document.querySelectorAll('.client-choice, [data-every-client]')];
    for (const el of aside) el.hidden = true;
    const text = document.querySelector('#page').innerText;
    for (const el of aside) el.hidden = false;
    return text;
  });
}

/** The lines of `text` that name `other` (any case), comparisons with it aside. */
function naming(text, other) {
  const name = new RegExp(other.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  const comparison = new RegExp(`unlike ${other.name}`, 'gi');
  return text.split('\n').filter((line) => name.test(line.replace(comparison, '')));
}

test('every client\'s page, prerendered and live, desktop and phone, names no other client', { timeout: 300_000 }, async () => {
  const clients = await offered(live.browser, live.server.url);
  assert.ok(clients.length >= 4, JSON.stringify(clients));
  for (const client of clients) {
    const link = `${live.server.url}?${new URLSearchParams({ client: client.id, name: 'kfuse', url: 'acme.kloudfuse.io' })}`;
    for (const [size, viewport] of Object.entries(SIZES)) {
      for (const stage of ['prerendered', 'live']) {
        const context = await live.browser.newContext({ viewport });
        const page = await context.newPage();
        const problems = [];
        page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
        page.on('pageerror', (e) => problems.push(e.message));
        if (stage === 'prerendered') {
          // The program never arrives: what shows is the prerendered page.
          await page.route(/\.wasm$/, () => {});
          await page.goto(link, { waitUntil: 'domcontentloaded' });
          assert.equal(await page.locator('#page[data-live]').count(), 0);
        } else {
          await page.goto(link);
          await whenLive(page);
          await whenToolsLive(page);
          if (await page.locator('#page[data-layout="panel"]').count()) {
            await page.locator(`.client-panel[data-client="${client.id}"]`).waitFor();
          }
        }
        const where = `${client.name}, ${stage}, ${size}`;
        assert.match(await page.title(), new RegExp(client.name), `${where}: the window's title`);
        assert.equal(await page.locator(`[data-client-option="${client.id}"]`).getAttribute('aria-pressed'), 'true', `${where}: the chosen client is pressed`);
        const text = await visibleText(page);
        assert.match(text, new RegExp(`Connect ${client.name} to`), `${where}: the heading`);
        for (const other of clients.filter((c) => c.id !== client.id)) {
          assert.deepEqual(naming(text, other), [], `${where}: names ${other.name}`);
        }
        // Nothing widens the page past the screen (every <details> is open).
        const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth }));
        assert.equal(widths.page, widths.screen, `${where}: the page is wider than the screen`);
        await page.screenshot({ path: join(SHOTS, `words-${client.id}-${size}-${stage}.png`), fullPage: true });
        if (stage === 'live') assert.deepEqual(problems, [], where);
        await context.close();
      }
    }
  }
});

// A link for any client paints that client's words first and largest: the
// title and lede above the early script are laid out before their first
// paint, so the takeover paints nothing larger (Lighthouse's mobile
// viewport). A lede first painted in the prerendered client's words and
// replaced by the live one's moved the page's largest paint to the takeover
// (3.6 s for a Claude Code link in the bench's simulation, 0.8 s for Codex).
test('a link for each client: its largest paint is the first, never the takeover', { timeout: 180_000 }, async () => {
  const clients = await offered(live.browser, live.server.url);
  for (const client of clients) {
    const context = await live.browser.newContext({ viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.paints = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.paints.push({ at: Math.round(e.startTime), size: e.size, what: `${e.element?.tagName}.${e.element?.className}` });
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(`${live.server.url}?${new URLSearchParams({ client: client.id, name: 'kfuse', url: 'acme.kloudfuse.io' })}`);
    await whenLive(page);
    await whenToolsLive(page);
    if (await page.locator('#page[data-layout="panel"]').count()) await page.locator(`.client-panel[data-client="${client.id}"]`).waitFor();
    // Two frames after the last part, for its paint to be reported.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const paints = await page.evaluate(() => window.paints);
    assert.ok(paints.length >= 1, `${client.name}: no largest paint reported`);
    const [first] = paints;
    assert.deepEqual(paints.filter((p) => p.size > first.size), [], `${client.name}: painted larger after the first paint ${JSON.stringify(first)}`);
    await context.close();
  }
});
