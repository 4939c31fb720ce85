// "Codex runs on another machine" for releases without `codex mcp login
// --no-browser` (before 0.156): the page's block fixes the sign-in's
// callback port, and the person forwards it over SSH from their own
// computer. Proved with a real SSH forward: Codex runs in a network
// namespace of its own (the other machine, with its own 127.0.0.1), reached
// by a real `ssh -L` through a real sshd (spoken to over a pipe, so nothing
// but loopback is used); the person's browser, in the test's namespace,
// follows the sign-in link Codex printed, and the sign-in completes only
// once the port is forwarded. The outcome is read from Codex itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyVia, openPage, servedPageAndBrowser } from './lib.mjs';
import { TESTED_RELEASES, releaseBin, startMcpServer } from './codex.mjs';

const live = servedPageAndBrowser();
const PORT = 8976;
const NETNS = `codex-remote-${process.pid}`;
let server;
let keys;

/** Runs `args` and waits: its standard output; rejects with what it printed. */
function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}${err}`))));
  });
}

/** An sshd for the other machine: host and client keys, a config, spoken to over stdio inside the namespace. */
async function sshKeys() {
  const dir = await mkdtemp(join(tmpdir(), 'remote-ssh-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_key')]);
  await writeFile(join(dir, 'sshd_config'), [
    `HostKey ${dir}/host_key`,
    `AuthorizedKeysFile ${dir}/client_key.pub`,
    'PermitRootLogin yes', 'StrictModes no', 'UsePAM no', 'PasswordAuthentication no',
    'AllowTcpForwarding yes', 'PidFile none', 'LogLevel ERROR', '',
  ].join('\n'));
  await chmod(join(dir, 'client_key'), 0o600);
  return dir;
}

/** `ssh -N` into the namespace with `forwards` (e.g. ['-L', '8976:127.0.0.1:8976']); resolves once they listen. */
async function tunnel(forwards) {
  // sshd needs /run/sshd: a private tmpfs over /run, the machine's untouched.
  const proxy = `ip netns exec ${NETNS} unshare --mount sh -c 'mount -t tmpfs tmpfs /run && mkdir -p /run/sshd && exec /usr/sbin/sshd -i -f ${keys}/sshd_config'`;
  const child = spawn('ssh', ['-F', '/dev/null', '-o', `ProxyCommand=${proxy}`, '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '-o', 'ExitOnForwardFailure=yes', '-o', 'LogLevel=ERROR',
    '-i', join(keys, 'client_key'), '-N', ...forwards, 'root@the-other-machine'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  child.on('exit', (code) => { if (code) err += `\nssh exited ${code}`; });
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(child.exitCode, null, `the tunnel did not come up:\n${err}`);
  return child;
}

before(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test needs root: it makes a network namespace (ip netns) for the other machine');
  for (const tool of ['/usr/sbin/sshd', '/usr/bin/ssh', '/usr/sbin/ip']) {
    await run('test', ['-x', tool]).catch(() => { throw new Error(`${tool} is missing: run scripts/setup.sh (Debian's openssh-server, openssh-client, iproute2)`); });
  }
  server = await startMcpServer(['--auth', 'oauth']);
  keys = await sshKeys();
  await run('ip', ['netns', 'add', NETNS]);
  await run('ip', ['netns', 'exec', NETNS, 'ip', 'link', 'set', 'lo', 'up']);
});
after(async () => {
  await server?.close();
  await run('ip', ['netns', 'del', NETNS]).catch(() => {});
});

// Releases before 0.156 have no `login --no-browser` (e2e/journey.test.mjs
// runs that): a forwarded port is their way. At least one must be tested.
const FORWARDING = TESTED_RELEASES.filter((version) => Number(version.split('.')[1]) < 156);
test('the tested releases include one that signs in on another machine through a forwarded port', () => {
  assert.ok(FORWARDING.length > 0, `no release before 0.156 among ${TESTED_RELEASES.join(', ')}: this file would test nothing`);
});

for (const version of FORWARDING) {
  const minor = Number(version.split('.')[1]);
  test(`Codex ${version} on another machine: the block signs in through a forwarded port`, async (t) => {
    const port = new URL(server.mcp).port;
    // The other machine reaches the cluster (here through the same SSH).
    const cluster = await tunnel(['-R', `${port}:127.0.0.1:${port}`]);
    t.after(() => cluster.kill());

    const link = `${live.server.url}?${new URLSearchParams({ name: 'kfuse', url: server.mcp, scopes: 'logs:read', remote: 'true', codex: `0.${minor}` })}`;
    const { page, context, problems } = await openPage(live.browser, link);
    const note = await page.getByTestId('version-note').allTextContents();
    assert.ok(note.some((n) => n.includes(`ssh -L ${PORT}:127.0.0.1:${PORT}`)), note.join('\n'));
    const block = await copyVia(page, 'cli-posix');
    assert.match(block, new RegExp(`codex mcp login kfuse -c '?mcp_oauth_callback_port=${PORT}'?\\n$`));
    assert.doesNotMatch(block, /--no-browser/);
    assert.deepEqual(problems, []);
    await context.close();

    const home = await mkdtemp(join(tmpdir(), `remote-${version}-`));
    await mkdir(join(home, '.codex'), { recursive: true });
    const env = { ...process.env, HOME: home, PATH: `${releaseBin(version)}:${process.env.PATH}`, BROWSER: '/bin/false' };
    delete env.CODEX_HOME;
    const since = (await server.events()).length;
    const codex = spawn('ip', ['netns', 'exec', NETNS, 'bash', '-c', block], { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => codex.kill());
    let output = '';
    const exited = new Promise((resolve) => codex.on('exit', resolve));
    const printed = new Promise((resolve) => {
      const seen = (d) => {
        output += d;
        const url = output.match(/https?:\/\/\S+\/authorize\?\S+/)?.[0];
        if (url) resolve(url);
      };
      codex.stdout.on('data', seen);
      codex.stderr.on('data', seen);
    });
    const authorize = await Promise.race([printed, exited.then(() => { throw new Error(`Codex ended before printing a link:\n${output}`); })]);
    assert.match(authorize, new RegExp(`redirect_uri=http%3A%2F%2F127\\.0\\.0\\.1%3A${PORT}%2Fcallback`));

    // The person's browser signs in; the server sends it back to the port.
    const callback = (await fetch(authorize, { redirect: 'manual' })).headers.get('location');
    assert.ok(callback.startsWith(`http://127.0.0.1:${PORT}/callback`), callback);
    // Without the forward, this computer's 127.0.0.1 is not the other machine's.
    await assert.rejects(fetch(callback), 'nothing listens here before the port is forwarded');
    const forward = await tunnel(['-L', `${PORT}:127.0.0.1:${PORT}`]);
    t.after(() => forward.kill());
    const answered = await fetch(callback);
    assert.equal(answered.status, 200, await answered.text());
    const code = await Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error(`Codex did not finish:\n${output}`)), 30_000))]);
    assert.equal(code, 0, output);

    // Codex's own word: signed in, once.
    const listed = JSON.parse(await run('ip', ['netns', 'exec', NETNS, 'codex', 'mcp', 'list', '--json'], { env, cwd: home }));
    assert.equal(listed.find((s) => s.name === 'kfuse')?.auth_status, 'o_auth', JSON.stringify(listed));
    const events = (await server.events()).slice(since).filter((e) => e.kind === 'authorize' || e.kind === 'token');
    assert.deepEqual(events.map((e) => e.kind), ['authorize', 'token'], 'one sign-in');
    assert.deepEqual(events[0].scopes, ['logs:read'], 'with the entry\'s scopes');
  });
}
