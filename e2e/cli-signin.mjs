// A real CLI signing in to a conformance scenario's server, as the suite's
// client command: `node e2e/cli-signin.mjs CLIENT URL` (CLIENT: codex,
// claude-code or opencode). Under a throwaway HOME it adds the server and signs in the
// way a person does (Codex: `codex mcp add`, which signs in itself; Claude
// Code: `claude mcp add`, then `claude mcp login` in a pseudo-terminal),
// with BROWSER set to a helper that follows the sign-in page as a person
// who approves would. Then it asks the CLI itself whether it is signed in
// (`codex mcp list --json`: `auth_status` is `o_auth`; `claude mcp get`:
// `✔ Connected`; `opencode mcp list`: `✓ kfuse connected`), prints `signed in` or `not signed in` with the CLI's own
// words, and exits 0 or 1 accordingly.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BINS, bin } from './lib.mjs';
import { newHome, runShell } from './codex.mjs';

const [client, url] = process.argv.slice(2);

const { home, browser } = await newHome(`signin-${client}`);
const env = {
  ...process.env,
  HOME: home,
  PATH: `${BINS.join(':')}:${process.env.PATH}`,
  BROWSER: browser,
  DISABLE_TELEMETRY: '1',
  DISABLE_AUTOUPDATER: '1',
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
};
delete env.CODEX_HOME;
delete env.ANTHROPIC_API_KEY;

/** Runs `script` in bash (in a pseudo-terminal when `tty`); never rejects. */
async function bash(script, { tty = false, timeout = 40_000 } = {}) {
  const file = join(home, `step-${Date.now()}.sh`);
  await writeFile(file, script);
  const line = tty ? `script -qec 'bash ${file}' /dev/null` : `bash ${file}`;
  return runShell('bash', line, { cwd: home, env, timeout }).catch((e) => ({ code: -1, output: e.message }));
}

let signedIn = false;
let said = '';
if (client === 'codex') {
  await mkdir(join(home, '.codex'), { recursive: true });
  const added = await bash(`codex mcp add kfuse --url '${url}'`);
  const listed = await new Promise((resolve) => {
    const child = spawn(bin('codex'), ['mcp', 'list', '--json'], { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('close', () => resolve(out));
  });
  let status = 'unreadable';
  try {
    status = JSON.parse(listed).find((s) => s.name === 'kfuse')?.auth_status ?? 'missing';
  } catch { /* keep 'unreadable' */ }
  signedIn = status === 'o_auth';
  said = `auth_status ${status}; add printed: ${added.output.replace(/\s+/g, ' ').slice(-300)}`;
} else if (client === 'claude-code') {
  await bash(`claude mcp add --transport http --scope user kfuse '${url}'`);
  const login = await bash('claude mcp login kfuse', { tty: true });
  const got = await bash('claude mcp get kfuse');
  const status = /Status: (.*)/.exec(got.output)?.[1]?.trim() ?? 'no status';
  signedIn = status.includes('Connected');
  said = `status "${status}"; login printed: ${login.output.replace(/\s+/g, ' ').slice(-300)}`;
} else if (client === 'opencode') {
  await bash(`opencode mcp add kfuse --url '${url}' < /dev/null`);
  const login = await bash('opencode mcp auth kfuse', { tty: true });
  const listed = await bash('opencode mcp list < /dev/null');
  const plain = listed.output.replace(/\x1b\[[0-9;]*m/g, '');
  const status = /kfuse\s+([a-z ]+)/.exec(plain)?.[1]?.trim() ?? 'no status';
  signedIn = /✓ kfuse\s+connected/.test(plain);
  said = `status "${status}"; auth printed: ${login.output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\s+/g, ' ').slice(-300)}`;
} else {
  console.error(`cli-signin.mjs: no such client ${client}`);
  process.exit(2);
}
console.log(`${client}: ${signedIn ? 'signed in' : 'not signed in'} (${said})`);
process.exit(signedIn ? 0 : 1);
