// The real Codex CLI (npm @openai/codex, pinned) and the real MCP server
// (mcp-server.mjs) for the end-to-end journeys: each run gets its own HOME,
// and every command is awaited with spawn, never a synchronous call (the
// server must keep answering while Codex waits on it).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './lib.mjs';

const BIN = join(ROOT, 'node_modules/.bin');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** The Codex release package.json pins (in node_modules). */
export const PINNED = PACKAGE.devDependencies['@openai/codex'];
/** The releases the release tests run: oldest supported, two in the middle, the pinned one. */
export const TESTED_RELEASES = PACKAGE.codexReleasesTested;

/**
 * The folder holding release `version`'s `codex`: node_modules for the
 * pinned one, else where the set-up installed it (.cache/codex/VERSION).
 * Fails loudly when it is missing.
 */
export function releaseBin(version = PINNED) {
  if (version === PINNED) return BIN;
  const dir = join(ROOT, '.cache/codex', version, 'node_modules/.bin');
  if (!existsSync(join(dir, 'codex'))) throw new Error(`Codex ${version} is missing at ${dir}: run scripts/setup.sh, which installs the tested releases`);
  return dir;
}

/**
 * Starts e2e/mcp-server.mjs in a child process with `args`
 * (e.g. ['--auth', 'oauth']); returns { mcp, origin, events(), close() }.
 */
export async function startMcpServer(args) {
  const child = spawn(process.execPath, [join(ROOT, 'e2e/mcp-server.mjs'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`mcp-server.mjs exited with ${code}`)));
  });
  const { mcp, origin } = JSON.parse(line);
  return {
    mcp,
    origin,
    /** What the authorization server saw, in order (sign-ins, tokens, MCP calls). */
    events: async () => (await fetch(`${origin}/test/events`)).json(),
    close: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }),
  };
}

/**
 * A new HOME with a `BROWSER` helper: Codex opens the sign-in page through
 * `$BROWSER`, and the helper records the address in `opened.log` and
 * follows it, redirects and all, as a browser whose person approves would.
 */
export async function newHome(label) {
  const home = await mkdtemp(join(tmpdir(), `journey-${label}-`));
  const browser = join(home, 'browser.mjs');
  await writeFile(browser, [
    `#!${process.execPath}`,
    "import { appendFileSync } from 'node:fs';",
    `appendFileSync(${JSON.stringify(join(home, 'opened.log'))}, process.argv[2] + '\\n');`,
    'const res = await fetch(process.argv[2], { redirect: "follow" });',
    'process.exit(res.ok ? 0 : 1);',
    '',
  ].join('\n'));
  await chmod(browser, 0o755);
  return { home, browser };
}

/** The addresses the BROWSER helper was asked to open in `home`. */
export async function openedPages(home) {
  try {
    return (await readFile(join(home, 'opened.log'), 'utf8')).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The environment Codex runs in: this HOME, Codex on PATH (the pinned
 * release, or the folder `bin`), no CODEX_HOME.
 */
export function codexEnv(home, extra = {}, bin = BIN) {
  const env = { ...process.env, HOME: home, PATH: `${bin}:${process.env.PATH}`, ...extra };
  delete env.CODEX_HOME;
  return env;
}

/**
 * Runs `script` with `shell -c` (bash or zsh), as a person pasting it into a
 * terminal. `onOutput(text, stdin)` sees the output as it arrives and may
 * type into the command. Resolves with { code, output } or rejects after
 * `timeout` ms.
 */
export function runShell(shell, script, { cwd, env, onOutput, timeout = 60_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(shell, ['-c', script], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${shell} did not finish in ${timeout} ms; it printed:\n${output}`));
    }, timeout);
    const seen = (chunk) => {
      output += chunk;
      onOutput?.(output, child.stdin);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, output });
    });
  });
}

/** Runs the real `codex` (of the folder `bin`) with `args` in `home` (cwd defaults to it). */
export function codex(home, args, { cwd = home, env = {}, bin = BIN } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(join(bin, 'codex'), args, { cwd, env: codexEnv(home, env, bin), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * What the release in `bin` makes of `home`'s config.toml: null when it
 * reads it (`codex mcp list --json` succeeds), else its refusal: the reason
 * (its "Caused by" line) and where it points (`LINE:COL`, or null). Only a
 * configuration error counts as a refusal ("Error: failed to load
 * configuration"); any other failure (a crash, a broken HOME) throws.
 */
export async function configVerdict(home, bin = BIN) {
  const { status, stderr } = await codex(home, ['mcp', 'list', '--json'], { bin });
  if (status === 0) return null;
  if (!/^Error: failed to load (bootstrap )?configuration$/m.test(stderr)) {
    throw new Error(`codex failed without refusing its configuration (status ${status}):\n${stderr}`);
  }
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('WARNING'));
  const after = lines.slice(lines.indexOf('Caused by:') + 1);
  const end = after.findIndex((l) => l.startsWith('Stack backtrace'));
  const cause = end < 0 ? after : after.slice(0, end);
  // Up to 0.146: "0: FILE:LINE:COL: reason" then "1: reason"; later: "reason".
  const reason = cause.find((l) => l.startsWith('1: '))?.slice(3) ?? cause[0];
  const place = cause.map((l) => /^0: .*config\.toml:(\d+:\d+): /.exec(l)?.[1]).find(Boolean) ?? null;
  return { reason, place };
}

/** `codex mcp list --json` in `home` (and `cwd`, for project entries), by the `codex` in `bin`. */
export async function mcpList(home, cwd = home, bin = BIN) {
  const { status, stdout, stderr } = await codex(home, ['mcp', 'list', '--json'], { cwd, bin });
  if (status !== 0) throw new Error(`codex mcp list failed: ${stderr}`);
  return JSON.parse(stdout);
}

/**
 * The tools Codex sees on server `name`, through `codex app-server`'s
 * `mcpServerStatus/list`, signed in with what Codex holds: a map of tool
 * name to { name, title, description, annotations }.
 */
export function appServerTools(home, name, { cwd = home, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(join(BIN, 'codex'), ['app-server'], { cwd, env: codexEnv(home, env), stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('codex app-server did not answer in 30 s')); }, 30_000);
    const send = (message) => child.stdin.write(`${JSON.stringify(message)}\n`);
    createInterface({ input: child.stdout }).on('line', (line) => {
      let message;
      try { message = JSON.parse(line); } catch { return; }
      if (message.id === 0) {
        send({ method: 'initialized' });
        send({ id: 1, method: 'mcpServerStatus/list', params: { serverName: name, detail: 'toolsAndAuthOnly' } });
      } else if (message.id === 1) {
        clearTimeout(timer);
        child.kill('SIGTERM');
        if (message.error) reject(new Error(`mcpServerStatus/list: ${JSON.stringify(message.error)}`));
        else resolve(message.result.data.find((s) => s.name === name)?.tools ?? null);
      }
    });
    send({ id: 0, method: 'initialize', params: { clientInfo: { name: 'journey-test', version: '1.0.0' } } });
  });
}

/** Makes `dir` a git repository that the person has trusted in Codex. */
export async function trustedRepository(home, dir) {
  await mkdir(dir, { recursive: true });
  await runShell('bash', 'git init -q .', { cwd: dir, env: process.env });
  await mkdir(join(home, '.codex'), { recursive: true });
  // What Codex writes when the person answers its "trust this folder?" prompt.
  await writeFile(join(home, '.codex/config.toml'), `[projects.${JSON.stringify(dir)}]\ntrust_level = "trusted"\n`);
}
