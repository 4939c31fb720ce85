// The whole-file check on `[features]`, `agents` and `permissions`, in the
// browser, for every tested release (package.json codexReleasesTested:
// 0.100, 0.130, 0.150 and the pinned one): the page set to that release
// (a link's `codex=`) and the release itself read each corpus file of
// those shapes. Where the release refuses the file, the page refuses it and
// its words hold the release's own reason; where it reads it, the page
// marks no refusal. The release's verdict is its own output
// (`codex mcp list --json` under a temporary HOME).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SHOTS, axeViolations, openPage, servedPageAndBrowser } from './lib.mjs';
import { TESTED_RELEASES, configVerdict, releaseBin } from './codex.mjs';

const live = servedPageAndBrowser();
const CORPUS = join(ROOT, 'tests/codex_corpus');
const SHAPED = (await readdir(CORPUS)).filter((n) => /permissions|agents|feature/.test(n)).sort();

/** The release's refusal of `text` (reason and place), or null when it reads it. */
async function codexReason(version, text) {
  const home = await mkdtemp(join(tmpdir(), `e2e-shapes-${version}-`));
  await mkdir(join(home, '.codex'));
  await writeFile(join(home, '.codex/config.toml'), text);
  return configVerdict(home, releaseBin(version));
}

for (const version of TESTED_RELEASES) {
  const minor = version.split('.').slice(0, 2).join('.');
  test(`Codex ${version}: the page's verdict on each file of these shapes is the release's own`, async () => {
    const link = `${live.server.url}?${new URLSearchParams({ url: 'acme.kloudfuse.io', codex: minor })}`;
    const { page, context, problems } = await openPage(live.browser, link);
    await page.getByTestId('tab-config').click();
    await page.getByTestId('merge-input').waitFor();
    const verdicts = { refused: 0, read: 0 };
    for (const name of SHAPED) {
      const text = await readFile(join(CORPUS, name), 'utf8');
      const codexSays = await codexReason(version, text);
      await page.getByTestId('merge-input').evaluate((box, value) => { box.value = value; box.dispatchEvent(new Event('input', { bubbles: true })); }, text);
      await page.getByTestId('merge-summary').waitFor();
      // The page shows `code` in <code>: its text has no backticks.
      const refusals = await page.locator('[data-testid="merge-diagnostics"] [data-kind="codex-refuses"]').allTextContents();
      const plain = (words) => words.replaceAll('`', '');
      if (codexSays === null) {
        verdicts.read += 1;
        assert.deepEqual(refusals, [], `${name}: Codex ${version} reads it, the page refuses it`);
        assert.equal(await page.getByTestId('merge-refused').count(), 0, `${name}: not marked as refused`);
      } else {
        verdicts.refused += 1;
        assert.ok(refusals.length > 0, `${name}: Codex ${version} refuses it (${codexSays.reason}), the page does not`);
        assert.ok(refusals.some((r) => r.includes(plain(codexSays.reason))), `${name}: the page's words ${JSON.stringify(refusals)} hold Codex's "${codexSays.reason}"`);
        assert.ok(refusals.every((r) => r.includes(`Codex ${minor} refuses`)), `${name}: named as ${minor}'s verdict`);
        if (codexSays.place) {
          assert.ok(refusals.some((r) => r.includes(`config.toml:${codexSays.place}:`)), `${name}: ${version} points at ${codexSays.place}, the page says ${JSON.stringify(refusals)}`);
        } else {
          assert.ok(refusals.every((r) => !r.includes('config.toml:')), `${name}: ${version} names no place, the page ${JSON.stringify(refusals)}`);
        }
        assert.match(await page.getByTestId('merge-refused').textContent(), /Codex will refuse this file until you fix/);
      }
    }
    // The sample tells the releases apart: each refuses some and reads some.
    assert.ok(verdicts.refused > 0 && verdicts.read > 0, `${version}: ${JSON.stringify(verdicts)}`);
    if (version === TESTED_RELEASES[1]) {
      await page.getByTestId('merge-input').evaluate((box, value) => { box.value = value; box.dispatchEvent(new Event('input', { bubbles: true })); },
        await readFile(join(CORPUS, 'reads-permissions-extends.toml'), 'utf8'));
      await page.locator('[data-kind="codex-note"]').first().waitFor();
      assert.deepEqual(await axeViolations(page), [], 'a refusal and notes: no axe violation');
      await page.locator('section.merge').screenshot({ path: join(SHOTS, `desktop-light-merge-shapes-${minor}.png`) });
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}
