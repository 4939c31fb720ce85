// Debian's real web servers, run unprivileged on 127.0.0.1 with the
// project's own hosting files (hosting/nginx.conf, hosting/Caddyfile), with
// only the listen port and the served root changed.
import { spawn } from 'node:child_process';
import { chmod, cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

/** A free TCP port on 127.0.0.1. */
async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * A copy of `source` under a new world-readable folder, at `prefix` below
 * its root: what the server serves. nginx's workers run as another user,
 * and a test's own folders need not be readable by it.
 */
async function servedRoot(source, prefix) {
  const dir = await mkdtemp(join(tmpdir(), 'served-'));
  const root = join(dir, 'root');
  await cp(source, join(root, prefix), { recursive: true });
  await chmod(dir, 0o755);
  await new Promise((resolve, reject) => {
    spawn('chmod', ['-R', 'a+rX', root]).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`chmod exited ${code}`))));
  });
  return root;
}

/** `text` with its listen port and root replaced, and nothing else. */
function retarget(text, { listen, rootPattern, root }) {
  const out = text.replace(listen.from, listen.to).replace(rootPattern, root);
  if (out === text || !out.includes(root)) throw new Error('the hosting file no longer has the port or root this expects');
  return out;
}

async function waitForPort(port, child, log) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log()}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nothing answered on port ${port} in 10 s:\n${log()}`);
}

function started(command, args, port, prefix, folders) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  return waitForPort(port, child, () => output).then(() => ({
    url: `http://127.0.0.1:${port}${prefix}`,
    log: () => output,
    close: async () => {
      if (child.exitCode === null) {
        await new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
        });
      }
      for (const folder of folders) await rm(folder, { recursive: true, force: true });
    },
  }));
}

/**
 * nginx's own configuration around one site file, in `dir`; `gzip` turns
 * on compressing on the fly, as Debian's own /etc/nginx/nginx.conf does,
 * for the page's hosting file.
 */
async function nginxMain(dir, site, { gzip = false } = {}) {
  await mkdir(join(dir, 'tmp'), { recursive: true });
  await writeFile(join(dir, 'site.conf'), site);
  await writeFile(join(dir, 'nginx.conf'), [
    'daemon off;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log;`,
    'load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;',
    'events { worker_connections 64; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  access_log off;',
    '  sendfile on;',
    ...(gzip ? ['  gzip on;'] : []),
    `  client_body_temp_path ${dir}/tmp/body;`,
    `  proxy_temp_path ${dir}/tmp/proxy;`,
    `  fastcgi_temp_path ${dir}/tmp/fastcgi;`,
    `  uwsgi_temp_path ${dir}/tmp/uwsgi;`,
    `  scgi_temp_path ${dir}/tmp/scgi;`,
    `  include ${dir}/site.conf;`,
    '}',
    '',
  ].join('\n'));
  return ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')];
}

/** Replaces each `[pattern, replacement]` in `text`, failing when one no longer matches. */
function replaced(text, pairs) {
  let out = text;
  for (const [pattern, replacement] of pairs) {
    if (!pattern.test(out)) throw new Error(`the hosting file no longer has ${pattern}`);
    out = out.replace(pattern, replacement);
  }
  return out;
}

/** A free port, for a server whose address must be known before it starts. */
export { freePort };

/**
 * Runs hosting/cluster-cors.nginx.conf (kind 'nginx') or
 * hosting/cluster-cors.Caddyfile (kind 'caddy') in front of `upstream`
 * (host:port), allowing the page on `origin`, with only the port, the
 * origin and the upstream changed, on `port` (a free one if not given).
 * Returns { url (its origin), close }.
 */
export async function startClusterProxy(kind, { upstream, origin, port: wanted }) {
  const port = wanted ?? await freePort();
  const dir = await mkdtemp(join(tmpdir(), `cluster-${kind}-`));
  if (kind === 'nginx') {
    const site = replaced(await readFile(join(ROOT, 'hosting/cluster-cors.nginx.conf'), 'utf8'), [
      [/listen 8443;/, `listen 127.0.0.1:${port};`],
      [/"https:\/\/docs\.acme\.example"/, `"${origin}"`],
      [/http:\/\/kloudfuse\.internal:8080/, `http://${upstream}`],
    ]);
    return started('/usr/sbin/nginx', await nginxMain(dir, site), port, '/', [dir]);
  }
  const site = replaced(await readFile(join(ROOT, 'hosting/cluster-cors.Caddyfile'), 'utf8'), [
    [/^:8443 \{/m, `http://127.0.0.1:${port} {`],
    [/https:\/\/docs\.acme\.example/g, origin],
    [/kloudfuse\.internal:8080/, upstream],
  ]);
  const file = join(dir, 'Caddyfile');
  await writeFile(file, `{\n\tadmin off\n\tauto_https off\n}\n${site}`);
  return started('/usr/bin/caddy', ['run', '--config', file, '--adapter', 'caddyfile'], port, '/', [dir]);
}

/**
 * Runs hosting/same-origin.nginx.conf on `port`: the sub-path build `dist`
 * at /tools/codex/ and everything else proxied to `upstream`.
 */
export async function startSameOrigin(dist, { port, upstream }) {
  const root = await servedRoot(dist, '');
  const dir = await mkdtemp(join(tmpdir(), 'same-origin-'));
  const site = replaced(await readFile(join(ROOT, 'hosting/same-origin.nginx.conf'), 'utf8'), [
    [/listen 8443;/, `listen 127.0.0.1:${port};`],
    [/alias \/srv\/codex-configurator\/;/, `alias ${root}/;`],
    [/http:\/\/kloudfuse\.internal:8080/, `http://${upstream}`],
  ]);
  return started('/usr/sbin/nginx', await nginxMain(dir, site), port, '/tools/codex/', [dir, join(root, '..')]);
}

/**
 * Runs Debian's nginx on hosting/nginx.conf serving a copy of `dist` at
 * `prefix` ("/" or "/tools/codex/"), inside Debian's own http defaults.
 * `policy: false` drops the page's Content-Security-Policy header, for the
 * bench's yardsticks (a minimal Trunk page has an inline loader).
 */
export async function startNginx(dist, { prefix = '/', policy = true } = {}) {
  const port = await freePort();
  const root = await servedRoot(dist, prefix);
  const dir = await mkdtemp(join(tmpdir(), 'nginx-'));
  let site = retarget(await readFile(join(ROOT, 'hosting/nginx.conf'), 'utf8'), {
    listen: { from: /listen 8080;/, to: `listen 127.0.0.1:${port};` },
    rootPattern: /root \/srv\/codex-configurator;/,
    root: `root ${root};`,
  });
  if (!policy) site = site.replace(/^\s*add_header Content-Security-Policy .*$/m, '');
  return started('/usr/sbin/nginx', await nginxMain(dir, site, { gzip: true }), port, prefix, [dir, join(root, '..')]);
}

/** Runs Debian's caddy on hosting/Caddyfile serving a copy of `dist` at `prefix`. */
export async function startCaddy(dist, { prefix = '/' } = {}) {
  const port = await freePort();
  const root = await servedRoot(dist, prefix);
  const dir = await mkdtemp(join(tmpdir(), 'caddy-'));
  const site = retarget(await readFile(join(ROOT, 'hosting/Caddyfile'), 'utf8'), {
    listen: { from: /^:8080 \{/m, to: `http://127.0.0.1:${port} {` },
    rootPattern: /root \* \/srv\/codex-configurator/,
    root: `root * ${root}`,
  });
  const file = join(dir, 'Caddyfile');
  await writeFile(file, `{\n\tadmin off\n\tauto_https off\n}\n${site}`);
  return started('/usr/bin/caddy', ['run', '--config', file, '--adapter', 'caddyfile'], port, prefix, [dir, join(root, '..')]);
}
