// Subresource integrity of the built page (scripts/csp-hook.mjs): Trunk
// writes an `integrity` attribute for each file it links, from the bytes it
// wrote; a step that changes those bytes afterwards (the split, the CSS
// minifier) must give the link the new bytes' digest, or the browser
// refuses the file and the page never comes alive. `checkIntegrity` is the
// build's last word on it: every integrity in index.html against the file
// it names, or the build fails.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `sha384-…` (or the algorithm named) of `bytes`, as an integrity attribute holds it. */
export function sri(bytes, algorithm = 'sha384') {
  return `${algorithm}-${createHash(algorithm).update(bytes).digest('base64')}`;
}

/** Every tag of `html` that names a file (`href` or `src`) and carries an integrity. */
function taggedFiles(html) {
  const tags = [];
  for (const match of html.matchAll(/<(?:link|script)\b[^>]*>/g)) {
    const tag = match[0];
    const file = tag.match(/\b(?:href|src)="([^"]+)"/)?.[1];
    const integrity = tag.match(/\bintegrity="([^"]+)"/)?.[1];
    if (file && integrity) tags.push({ tag, file, integrity });
  }
  return tags;
}

/**
 * `html` with the integrity of every tag naming the file `name` (its last
 * path segment) set to the digest of `bytes`, in the algorithm it had.
 */
export function withIntegrity(html, name, bytes) {
  let out = html;
  for (const { tag, file, integrity } of taggedFiles(html)) {
    if (file.split('/').pop() !== name) continue;
    const algorithm = integrity.split('-')[0];
    out = out.replace(tag, tag.replace(`integrity="${integrity}"`, `integrity="${sri(bytes, algorithm)}"`));
  }
  return out;
}

/**
 * Checks every integrity in `html` against the file it names under
 * `staging` (`publicUrl` is the prefix the page's own files carry): throws,
 * naming each file whose bytes differ or that is missing, so that no build
 * ships a page the browser refuses. Returns how many it checked.
 */
export async function checkIntegrity(html, staging, publicUrl) {
  const wrong = [];
  const tags = taggedFiles(html);
  for (const { file, integrity } of tags) {
    if (/^[a-z]+:\/\//i.test(file)) continue; // another origin's file: not ours to check
    const path = file.startsWith(publicUrl) ? file.slice(publicUrl.length) : file.replace(/^\//, '');
    let bytes;
    try {
      bytes = await readFile(join(staging, path));
    } catch {
      wrong.push(`${file}: the file is not in the build`);
      continue;
    }
    // An attribute may list several digests; one matching is enough.
    const digests = integrity.split(/\s+/).filter(Boolean);
    if (!digests.some((d) => sri(bytes, d.split('-')[0]) === d)) {
      wrong.push(`${file}: index.html says ${digests.join(' ')}, the file is ${sri(bytes, digests[0].split('-')[0])}`);
    }
  }
  if (wrong.length) {
    throw new Error(`index.html's integrity does not match the files it names, so the browser would refuse them:\n  ${wrong.join('\n  ')}\nThe step that changed a file after Trunk linked it must give its link the new digest (scripts/integrity.mjs withIntegrity).`);
  }
  return tags.length;
}
