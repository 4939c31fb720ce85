// Accessibility (axe-core) and screenshots of the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, axeViolations, openPage, servedPageAndBrowser } from './lib.mjs';

const live = servedPageAndBrowser();

const axe = axeViolations;

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no violations (${colorScheme}): default, error state, advanced open`, async () => {
    const { page, context } = await openPage(live.browser, live.server.url, { colorScheme });
    assert.deepEqual(await axe(page), [], 'default page');
    await page.getByTestId('name-input').fill('k fuse');
    await page.getByTestId('url-input').fill('http://acme.io');
    await page.getByTestId('name-error').waitFor();
    assert.deepEqual(await axe(page), [], 'error state');
    await page.getByTestId('name-input').fill('kfuse.prod');
    await page.getByTestId('url-input').fill('acme.io');
    await page.getByTestId('advanced').locator('summary').click();
    assert.deepEqual(await axe(page), [], 'advanced open');
    await context.close();
  });
}

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

for (const [size, viewport] of Object.entries(SIZES)) {
  for (const colorScheme of ['light', 'dark']) {
    test(`screenshots at ${viewport.width}x${viewport.height} (${colorScheme})`, async () => {
      const { page, context, problems } = await openPage(live.browser, live.server.url, { viewport, colorScheme });
      await page.screenshot({ path: join(SHOTS, `${size}-${colorScheme}-empty.png`), fullPage: true });
      await page.getByTestId('url-input').fill('acme.kloudfuse.io');
      await page.getByTestId('tools-only').check();
      await page.getByLabel('Only logs_search: allow logs_search').check();
      await page.screenshot({ path: join(SHOTS, `${size}-${colorScheme}-filled.png`), fullPage: true });
      await page.getByTestId('name-input').fill('k fuse');
      await page.getByTestId('advanced').locator('summary').click();
      await page.getByTestId('startup-timeout-input').fill('soon');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, `${size}-${colorScheme}-errors.png`), fullPage: true });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}
