// What the installed Codex CLI says, for scripts/codex-bump.sh to compare
// two releases: its version, the --help of `mcp add` and `mcp login`, and
// its verdict on every file of tests/codex_corpus/ (`codex mcp list --json`
// under a new HOME: reads, or refused with its first words).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CODEX = join(ROOT, 'node_modules/.bin/codex');

function run(args, home) {
  const env = { ...process.env, HOME: home };
  delete env.CODEX_HOME;
  const out = spawnSync(CODEX, args, { env, encoding: 'utf8', timeout: 60_000 });
  const lines = (text) => (text ?? '').split('\n').filter((l) => l.trim() && !l.startsWith('WARNING'));
  return { ok: out.status === 0, stdout: lines(out.stdout), stderr: lines(out.stderr) };
}

const scratch = mkdtempSync(join(tmpdir(), 'codex-report-'));
try {
  const home = join(scratch, 'help');
  mkdirSync(join(home, '.codex'), { recursive: true });
  console.log(`# ${run(['--version'], home).stdout.join(' ')}`);
  for (const command of [['mcp', 'add'], ['mcp', 'login']]) {
    console.log(`\n## codex ${command.join(' ')} --help`);
    console.log(run([...command, '--help'], home).stdout.join('\n'));
  }
  console.log('\n## verdicts on tests/codex_corpus/');
  const dir = join(ROOT, 'tests/codex_corpus');
  for (const name of readdirSync(dir).sort()) {
    const fileHome = join(scratch, name);
    mkdirSync(join(fileHome, '.codex'), { recursive: true });
    writeFileSync(join(fileHome, '.codex/config.toml'), readFileSync(join(dir, name)));
    const verdict = run(['mcp', 'list', '--json'], fileHome);
    // The scratch folder's name changes every run: not a difference.
    const words = verdict.stderr.slice(0, 4).join(' / ').replaceAll(scratch, '<scratch>');
    console.log(`${name}: ${verdict.ok ? 'reads' : `refused: ${words}`}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
