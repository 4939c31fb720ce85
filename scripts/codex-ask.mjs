// Asks installed Codex releases some of the probe's config.toml questions
// again, now, the way scripts/codex-probe.mjs asked them when it wrote the
// tables (`codex mcp list --json` under a fresh HOME, the refusal read by
// its `classify`), so a test can hold the tables against the releases and
// catch drift between the two (tests/settings_shapes.rs).
//
//   echo '{"releases": [["0.171.0", "/path/to/codex"]], "questions": [["id", "toml"]]}' \
//     | node scripts/codex-ask.mjs
//
// prints {"0.171.0": {"id": "type a boolean" | null, …}, …}: the table's
// answer as the probe writes it, null where the release read the file.
// A release that fails otherwise than refusing its configuration (a crash,
// a missing binary) fails the whole run, loudly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify, freshHome, inBatches, run } from './codex-probe.mjs';

const { releases, questions } = JSON.parse(await text(process.stdin));
const scratch = mkdtempSync(join(tmpdir(), 'codex-ask-'));
const answers = {};
try {
  for (const [version, bin] of releases) {
    const printed = (await run(bin, ['--version'], { home: freshHome(scratch, 'version') })).stdout.trim();
    if (printed !== `codex-cli ${version}`) throw new Error(`${bin} says "${printed}", not codex-cli ${version}`);
    answers[version] = {};
    await inBatches(questions, 4, async ([id, toml]) => {
      const home = freshHome(scratch, 'ask');
      writeFileSync(join(home, '.codex/config.toml'), toml);
      const out = await run(bin, ['mcp', 'list', '--json'], { home });
      if (out.code === 0) {
        answers[version][id] = null;
      } else if (/^Error: failed to load (bootstrap )?configuration$/m.test(out.stderr)) {
        answers[version][id] = classify(out.stderr).payload;
      } else {
        throw new Error(`Codex ${version} failed on ${id} without refusing its configuration (status ${out.code}):\n${out.stderr}`);
      }
    });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(JSON.stringify(answers));
