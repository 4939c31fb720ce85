// Installs real releases of the Codex CLI from npm and asks each what it
// knows, then writes the answers as the tables the page compiles in:
//
//   src/clients/codex/cli.txt       flags, server-name characters, the server
//                           entry's keys and values, behaviours
//   src/clients/codex/settings.txt  what the whole-file check reads elsewhere in
//                           config.toml
//
//   node scripts/codex-probe.mjs                 every release from 0.100 on
//   node scripts/codex-probe.mjs --add 0.172.0   one more release, kept with
//                                                the answers already written
//
// One release per minor version is probed (x.y.0, or the first patch npm
// has), each installed in its own folder under .cache/codex/ (the native
// packages of two releases share one npm name). The questions are in
// scripts/codex-probes.mjs; nothing in the tables is written by hand.
// Needs root for one question (the administrator's requirements.toml, read
// from /etc/codex inside a private mount namespace); it fails loudly
// without it.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONFIG_PROBES, HELP_COMMANDS, NAME_CHARACTERS, TABLE_FEATURES, featureTable } from './codex-probes.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, '.cache/codex');
const OLDEST_MINOR = 100;
const CLI_TABLE = join(ROOT, 'src/clients/codex/cli.txt');
const SETTINGS_TABLE = join(ROOT, 'src/clients/codex/settings.txt');



/** `a.b.c` → [a, b, c] as numbers. */
const parts = (v) => v.split('.').map(Number);
const byVersion = (a, b) => {
  const [x, y] = [parts(a), parts(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

/** One release per minor from 0.100 on: x.y.0, or the first patch npm has. */
function releasesOnNpm() {
  const all = JSON.parse(execFileSync('npm', ['view', '@openai/codex', 'versions', '--json'], { encoding: 'utf8' }));
  const picked = new Map();
  for (const v of all.filter((v) => /^0\.\d+\.\d+$/.test(v)).sort(byVersion)) {
    const minor = parts(v)[1];
    if (minor >= OLDEST_MINOR && !picked.has(minor)) picked.set(minor, v);
  }
  return [...picked.values()];
}

/** Installs `version` in its own folder (once) and returns its `codex`. */
export function installRelease(version) {
  const dir = join(CACHE, version);
  const bin = join(dir, 'node_modules/.bin/codex');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error', `@openai/codex@${version}`], { stdio: 'inherit' });
  }
  return bin;
}

/** Runs `codex args…` with its own HOME; resolves { code, stdout, stderr }. */
export function run(bin, args, { home, cwd, wrap } = {}) {
  return new Promise((resolve) => {
    const env = { ...process.env, HOME: home };
    delete env.CODEX_HOME;
    delete env.BROWSER;
    const [cmd, argv] = wrap ? wrap(bin, args) : [bin, args];
    const child = spawn(cmd, argv, { env, cwd: cwd ?? home, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

export function freshHome(scratch, label) {
  const home = mkdtempSync(join(scratch, `${label}-`));
  mkdirSync(join(home, '.codex'), { recursive: true });
  return home;
}

/**
 * What a refusal says, as a class and its payload: the variants listed,
 * the type expected, a missing field, or the sentence itself (the probe
 * value shown as `{value}`).
 */
export function classify(stderr) {
  const lines = stderr.split('\n').filter((l) => !l.startsWith('WARNING'));
  const caused = lines.findIndex((l) => l.trim() === 'Caused by:');
  const body = caused < 0 ? lines : lines.slice(caused + 1);
  const end = body.findIndex((l) => l.startsWith('Stack backtrace'));
  const cause = (end < 0 ? body : body.slice(0, end)).map((l) => l.trim()).filter(Boolean);
  // Up to 0.146: "0: FILE:LINE:COL: message", "1: message", "in `path`".
  const positioned = cause.some((l) => /^0: .*config\.toml:\d+:\d+: /.test(l));
  const message = (positioned ? cause.find((l) => l.startsWith('1: '))?.slice(3) : cause[0]) ?? '';
  let m;
  if ((m = /^unknown variant `[^`]*`, expected (?:one of )?(.*)$/.exec(message))) {
    const variants = [...m[1].matchAll(/`([^`]*)`/g)].map((x) => x[1]);
    return { positioned, payload: `variant ${variants.join(',')}` };
  }
  if ((m = /^invalid type: .*?, expected (.*)$/.exec(message))) return { positioned, payload: `type ${m[1]}` };
  if ((m = /^missing field `([^`]*)`$/.exec(message))) return { positioned, payload: `missing ${m[1]}` };
  const words = message.replaceAll('probe-value', '{value}').replaceAll('probe-key', '{key}');
  return { positioned, payload: `words ${words}` };
}

/**
 * What a refusal's `config.toml:LINE:COL` points at in the probe's file:
 * `value` (the refused value itself), or `table:N`, the table N keys deep
 * on the refused value's path (`[agents]` for `agents.NAME = false`: serde
 * reads some tables whole and points at them).
 */
export function placeOf(toml, stderr) {
  const m = /config\.toml:(\d+):(\d+): /.exec(stderr);
  if (!m) return 'none';
  const [line, column] = [Number(m[1]), Number(m[2])];
  const text = toml.split('\n')[line - 1] ?? '';
  const header = /^\[+([^\]]*)\]+/.exec(text);
  if (!header) return 'value';
  // The header's keys and the column each starts at (quotes included).
  const keys = [...header[1].matchAll(/"[^"]*"|[^.]+/g)];
  const start = text.indexOf(header[1]) + 1;
  if (column < start) return `table:${keys.length}`;
  const at = keys.findIndex((k) => start + k.index === column);
  return at < 0 ? `table:${keys.length}` : `table:${at + 1}`;
}

/** The long flags a subcommand's --help lists. */
function flagsOf(help) {
  return [...help.matchAll(/^\s+(?:-\w, )?(--[a-z0-9-]+)/gm)].map((m) => m[1]);
}

/** The subcommands a --help lists under "Commands:". */
function commandsOf(help) {
  const at = help.indexOf('Commands:');
  if (at < 0) return [];
  const out = [];
  for (const line of help.slice(at).split('\n').slice(1)) {
    const m = /^ {2}([a-z][a-z0-9-]*)\b/.exec(line);
    if (!m) break;
    if (m[1] !== 'help') out.push(m[1]);
  }
  return out;
}

/** Runs `codex mcp list --json` inside a mount namespace whose /etc/codex holds `requirements`. */
function withRequirements(requirements, scratch) {
  const dir = mkdtempSync(join(scratch, 'etc-'));
  mkdirSync(join(dir, 'upper/codex'), { recursive: true });
  mkdirSync(join(dir, 'work'));
  writeFileSync(join(dir, 'upper/codex/requirements.toml'), requirements);
  return (bin, args) => ['unshare', ['--mount', 'sh', '-c',
    `mount -t overlay overlay -o lowerdir=/etc,upperdir=${dir}/upper,workdir=${dir}/work /etc && exec "$0" "$@"`, bin, ...args]];
}

/** Asks one release every question; returns its answers. */
async function probeRelease(version, bin) {
  const scratch = mkdtempSync(join(tmpdir(), `codex-probe-${version}-`));
  const answers = { version, flags: [], commands: [], names: [], config: {}, placed: {}, features: {}, behaviours: [] };
  try {
    const home = freshHome(scratch, 'help');
    const printed = (await run(bin, ['--version'], { home })).stdout.trim();
    if (printed !== `codex-cli ${version}`) throw new Error(`${bin} says "${printed}", not codex-cli ${version}`);
    for (const command of [[], ['mcp']]) {
      const help = (await run(bin, [...command, '--help'], { home })).stdout;
      answers.commands.push(...commandsOf(help).map((c) => [...command, c].join(':')));
    }
    for (const command of HELP_COMMANDS) {
      const help = (await run(bin, [...command, '--help'], { home })).stdout;
      answers.flags.push(...flagsOf(help).map((f) => `${command[1]}:${f}`));
    }
    for (const c of NAME_CHARACTERS) {
      const nameHome = freshHome(scratch, 'name');
      const added = await run(bin, ['mcp', 'add', `probe${c}name`, '--url', 'http://127.0.0.1:9/mcp', '--bearer-token-env-var', 'PROBE_TOKEN'], { home: nameHome });
      const removed = await run(bin, ['mcp', 'remove', `probe${c}name`], { home: nameHome });
      if (added.code === 0 && removed.code === 0) answers.names.push(c);
    }
    for (const probe of CONFIG_PROBES) {
      const probeHome = freshHome(scratch, 'config');
      writeFileSync(join(probeHome, '.codex/config.toml'), probe.toml);
      const out = await run(bin, ['mcp', 'list', '--json'], { home: probeHome });
      if (out.code === 0) continue;
      const { positioned, payload } = classify(out.stderr);
      answers.config[probe.id] = payload;
      // Up to 0.146 a refusal names a place, or none (a check after reading).
      if (!out.stderr.includes('bootstrap configuration')) answers.placed[probe.id] = positioned ? placeOf(probe.toml, out.stderr) : 'none';
      // How a refusal is worded, as a plain wrong type shows it.
      if (probe.id === 'model') {
        if (positioned) answers.behaviours.push('error-position');
        if (out.stderr.includes('failed to load bootstrap configuration')) answers.behaviours.push('error-bootstrap');
      }
    }
    answers.features = await probeFeatureTables(bin, scratch, answers.config['features.*=table']);
    answers.behaviours.push(...await probeBehaviours(bin, scratch));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return answers;
}

/**
 * Which features take a table: every feature the release lists (`codex
 * features list`), and the ones public files set as tables, each given
 * `[features.NAME] enabled = true`. Kept only where the answer differs from
 * the one for a name the release does not know (`unknown`): a feature whose
 * table the release reads (`null`), or refuses in other words.
 */
async function probeFeatureTables(bin, scratch, unknown) {
  const home = freshHome(scratch, 'features');
  const listed = (await run(bin, ['features', 'list'], { home })).stdout
    .split('\n').map((line) => /^([a-z0-9_.]+)\s/.exec(line)?.[1]).filter(Boolean);
  if (listed.length === 0) throw new Error(`${bin} features list printed no feature`);
  const differing = {};
  for (const name of new Set([...listed, ...TABLE_FEATURES])) {
    const probeHome = freshHome(scratch, 'feature');
    writeFileSync(join(probeHome, '.codex/config.toml'), featureTable(name));
    const out = await run(bin, ['mcp', 'list', '--json'], { home: probeHome });
    const payload = out.code === 0 ? null : classify(out.stderr).payload;
    if (payload !== (unknown ?? null)) differing[name] = payload;
  }
  return differing;
}

/** A project's own .codex/config.toml, and the administrator's requirements. */
async function probeBehaviours(bin, scratch) {
  const found = [];
  const url = 'http://127.0.0.1:9/mcp';
  const listed = async (home, opts) => {
    const out = await run(bin, ['mcp', 'list', '--json'], { home, ...opts });
    try {
      return JSON.parse(out.stdout);
    } catch {
      return [];
    }
  };
  // A trusted project's .codex/config.toml adds its servers.
  const home = freshHome(scratch, 'project');
  const project = join(home, 'repo');
  mkdirSync(join(project, '.codex'), { recursive: true });
  execFileSync('git', ['init', '-q', project]);
  writeFileSync(join(home, '.codex/config.toml'), `[projects.${JSON.stringify(project)}]\ntrust_level = "trusted"\n`);
  writeFileSync(join(project, '.codex/config.toml'), `[mcp_servers.probe]\nurl = "${url}"\n`);
  if ((await listed(home, { cwd: project })).some((s) => s.name === 'probe')) found.push('project-config');

  if (process.getuid?.() !== 0) throw new Error('the requirements.toml questions need root (a private mount namespace over /etc)');
  const servers = `[mcp_servers.probe]\nurl = "${url}"\n\n[mcp_servers.renamed]\nurl = "${url}"\n\n[mcp_servers.slash]\nurl = "${url}/"\n`;
  const enabled = async (requirements) => {
    const reqHome = freshHome(scratch, 'requirements');
    writeFileSync(join(reqHome, '.codex/config.toml'), servers);
    const list = await listed(reqHome, { wrap: withRequirements(requirements, scratch) });
    return Object.fromEntries(list.map((s) => [s.name, s.enabled ? 'on' : `off:${s.disabled_reason ?? ''}`]));
  };
  const exact = await enabled(`[mcp_servers.probe.identity]\nurl = "${url}"\n\n[mcp_servers.slash.identity]\nurl = "${url}"\n`);
  if (exact.probe === 'on' && exact.renamed?.startsWith('off:requirements')) found.push('requirements-allowlist');
  if (exact.probe === 'on' && exact.slash?.startsWith('off:requirements')) found.push('requirements-exact-url');
  const prefix = await enabled(`[mcp_servers.probe.identity]\nurl = { match = "prefix", value = "http://127.0.0.1:9/" }\n`);
  if (prefix.probe === 'on' && prefix.renamed?.startsWith('off:requirements')) found.push('requirements-url-prefix');
  return found;
}

// ---- the tables ------------------------------------------------------------

/** Runs of consecutive releases (by index in `releases`) as `A-B` / `A-`. */
function ranges(indices, releases) {
  const out = [];
  let start = null;
  for (let i = 0; i <= releases.length; i += 1) {
    const on = indices.has(i);
    if (on && start === null) start = i;
    if (!on && start !== null) {
      out.push(i === releases.length ? `${releases[start]}-` : `${releases[start]}-${releases[i - 1]}`);
      start = null;
    }
  }
  return out.join(',') || 'none';
}

/** Lines `KIND SUBJECT RANGES [PAYLOAD]`, one per subject and payload. */
function factLines(kind, releases, answersOf) {
  const bySubject = new Map();
  releases.forEach((version, i) => {
    for (const [subject, payload] of answersOf(version)) {
      const key = `${subject}\u0000${payload}`;
      if (!bySubject.has(key)) bySubject.set(key, { subject, payload, at: new Set() });
      bySubject.get(key).at.add(i);
    }
  });
  return [...bySubject.values()]
    .sort((a, b) => a.subject.localeCompare(b.subject) || Math.min(...a.at) - Math.min(...b.at))
    .map(({ subject, payload, at }) => [kind, subject, ranges(at, releases), payload].filter(Boolean).join(' '));
}

function header(what) {
  return [
    `# ${what}`,
    '# Generated by scripts/codex-probe.mjs from the real releases on npm',
    '# (@openai/codex, linux-x64): do not edit, run the script again.',
    '# A line: KIND SUBJECT RELEASES [ANSWER], RELEASES as FIRST-LAST runs of',
    '# the probed releases ("FIRST-": to the newest probed; "none": never).',
  ];
}

function writeTables(all) {
  const releases = all.map((a) => a.version).sort(byVersion);
  const of = Object.fromEntries(all.map((a) => [a.version, a]));
  // Everything about MCP (the server entry, mcp_oauth_*) goes with the CLI's answers.
  const isSetting = (id) => !id.startsWith('mcp_');
  // A feature named by some release's answer: per release, its own answer
  // where it differs from the one for an unknown name, that one elsewhere.
  const featureNames = [...new Set(all.flatMap((a) => Object.keys(a.features)))].sort();
  for (const a of all) {
    for (const name of featureNames) {
      const answer = name in a.features ? a.features[name] : a.config['features.*=table'];
      if (answer) a.config[`features.${name}=table`] = answer;
    }
  }
  const neverRefused = featureNames.filter((name) => !all.some((a) => `features.${name}=table` in a.config))
    .map((name) => `config features.${name}=table none`);
  // Where a refusal points, for the releases that name a place.
  const placedLines = (pick) => factLines('placed', releases, (v) => Object.entries(of[v].placed ?? {}).filter(([id]) => pick(id)));
  const configLines = (pick) => factLines('config', releases, (v) => Object.entries(of[v].config).filter(([id]) => pick(id)));
  const asked = (pick) => CONFIG_PROBES.map((p) => p.id).filter(pick)
    .filter((id) => !all.some((a) => id in a.config))
    .map((id) => `config ${id} none`);
  const cli = [
    ...header('What each release of the Codex CLI knows: commands, flags, server names, the server entry, behaviours.'),
    `releases ${releases.join(' ')}`,
    ...factLines('command', releases, (v) => of[v].commands.map((c) => [c])),
    ...factLines('flag', releases, (v) => of[v].flags.map((f) => [f])),
    ...factLines('name', releases, (v) => of[v].names.map((c) => [c])),
    ...configLines((id) => !isSetting(id)),
    ...asked((id) => !isSetting(id)),
    ...factLines('behaviour', releases, (v) => of[v].behaviours.map((b) => [b])),
    ...placedLines((id) => !isSetting(id)),
  ];
  const settings = [
    ...header('What each release of the Codex CLI refuses in config.toml outside [mcp_servers].'),
    `releases ${releases.join(' ')}`,
    ...configLines(isSetting),
    ...asked(isSetting),
    ...neverRefused,
    ...placedLines(isSetting),
  ];
  mkdirSync(join(ROOT, 'src/clients/codex'), { recursive: true });
  writeFileSync(CLI_TABLE, `${cli.join('\n')}\n`);
  writeFileSync(SETTINGS_TABLE, `${settings.join('\n')}\n`);
  console.log(`Wrote ${CLI_TABLE} and ${SETTINGS_TABLE} for ${releases.length} releases (${releases[0]} to ${releases.at(-1)}).`);
}

/** The answers the tables hold, release by release (what --add keeps). */
function readTables() {
  const answers = new Map();
  for (const file of [CLI_TABLE, SETTINGS_TABLE]) {
    let releases = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [kind, subject, runs, ...rest] = line.split(' ');
      if (kind === 'releases') {
        releases = line.split(' ').slice(1);
        for (const v of releases) {
          if (!answers.has(v)) answers.set(v, { version: v, flags: [], commands: [], names: [], config: {}, placed: {}, features: {}, behaviours: [] });
        }
        continue;
      }
      // A feature's table: every release's answer (null where it reads it).
      const feature = kind === 'config' && /^features\.([^*=]+)=table$/.exec(subject)?.[1];
      if (feature) for (const a of answers.values()) if (!(feature in a.features)) a.features[feature] = null;
      if (runs === 'none') continue;
      for (const run of runs.split(',')) {
        const [first, last] = run.split('-');
        const from = releases.indexOf(first);
        const to = last ? releases.indexOf(last) : releases.length - 1;
        for (const v of releases.slice(from, to + 1)) {
          const a = answers.get(v);
          if (feature) a.features[feature] = rest.join(' ');
          else if (kind === 'config') a.config[subject] = rest.join(' ');
          else if (kind === 'placed') a.placed[subject] = rest.join(' ');
          else ({ command: a.commands, flag: a.flags, name: a.names, behaviour: a.behaviours })[kind].push(subject);
        }
      }
    }
  }
  return [...answers.values()];
}

export async function inBatches(items, size, work) {
  const out = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...await Promise.all(items.slice(i, i + size).map(work)));
  }
  return out;
}

async function main() {
  const { values: options } = parseArgs({
    options: {
      add: { type: 'string' },
      only: { type: 'string' },
      jobs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: true },
    },
  });
  mkdirSync(CACHE, { recursive: true });
  let previous = [];
  let wanted;
  if (options.add) {
    previous = readTables().filter((a) => a.version !== options.add);
    wanted = [options.add];
  } else {
    wanted = options.only ? options.only.split(',') : releasesOnNpm();
  }
  console.log(`Probing ${wanted.length} releases: ${wanted.join(' ')}`);
  const answers = await inBatches(wanted, Number(options.jobs), async (version) => {
    const bin = installRelease(version);
    const a = await probeRelease(version, bin);
    console.log(`${version}: ${a.flags.length} flags, ${Object.keys(a.config).length} refusals, ${a.behaviours.join(' ')}`);
    if (!options.keep) rmSync(join(CACHE, version), { recursive: true, force: true });
    return a;
  });
  writeTables([...previous, ...answers]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.stack ?? String(e));
    process.exit(1);
  });
}
