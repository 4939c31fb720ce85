// Trunk post-build hook (release builds): moves Trunk's inline loader
// <script type="module"> into its own file and adds a strict
// Content-Security-Policy, so the page needs no 'unsafe-inline'.
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  // The discovery check fetches the cluster's metadata: any https origin,
  // or http on this computer.
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "base-uri 'self'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

const staging = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
if (!staging) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');

if (process.env.TRUNK_PROFILE === 'release') {
  const indexPath = join(staging, 'index.html');
  let html = await readFile(indexPath, 'utf8');
  const inline = /<script type="module">([\s\S]*?)<\/script>/;
  const match = html.match(inline);
  if (!match) throw new Error('no inline loader script found in index.html');
  const loader = match[1].trim() + '\n';
  const name = `loader-${createHash('sha256').update(loader).digest('hex').slice(0, 16)}.js`;
  await writeFile(join(staging, name), loader);
  html = html.replace(inline, `<script type="module" src="${publicUrl}${name}"></script>`);
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('an inline script is left in index.html');
  html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
  await writeFile(indexPath, html);
}
