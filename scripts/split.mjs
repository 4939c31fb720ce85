// Cuts the page's one program at its split points (src/ui/later), for the
// post-build hook (scripts/csp-hook.mjs). Trunk has no step of its own for
// this (trunk-rs/trunk#1022), so the hook redoes the program's last steps
// from the wasm cargo built (with --emit-relocs, .cargo/config.toml):
// wasm-split-cli (npm-free, installed by scripts/setup.sh) writes the main
// part, one part per split point, the parts they share and the JavaScript
// that fetches them; wasm-bindgen runs on the main part, keeping the
// exports the other parts call; wasm-opt shrinks each (release builds);
// every file gets a content hash in its name, and the main part replaces
// what Trunk wrote under a new name, its links' integrity following.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minified } from './minify.mjs';
import { withIntegrity } from './integrity.mjs';

/** The program's name, as Cargo.toml and Trunk call it. */
const PROGRAM = 'codex-mcp-configurator';
/** The wasm features every browser the page supports has (as Trunk was told before). */
const WASM_OPT = ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

const hash16 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

const run = (command, args) => execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });

/**
 * Splits the program Trunk built into `staging` and returns `html` naming
 * the new main part, with the files each split point fetches on its
 * template's `data-parts` (so scripts/early.js can ask for a part a link
 * needs beside the main part, not after it). `release` runs wasm-opt on every part.
 */
export async function splitProgram({ staging, html, release, publicUrl = '/' }) {
  const profile = release ? 'release' : 'debug';
  const input = join(process.env.CARGO_TARGET_DIR ?? 'target', 'wasm32-unknown-unknown', profile, `${PROGRAM}.wasm`);
  const trunkJs = readdirSync(staging).find((n) => new RegExp(`^${PROGRAM}-[0-9a-f]+\\.js$`).test(n));
  if (!trunkJs) throw new Error(`Trunk wrote no ${PROGRAM}-HASH.js in ${staging}`);
  const trunkStem = trunkJs.replace(/\.js$/, '');
  if (!html.includes(trunkStem)) throw new Error(`index.html does not name ${trunkStem}`);

  const work = mkdtempSync(join(tmpdir(), 'codex-split-'));
  try {
    run('wasm-split-cli', [input, work]);
    run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-dir', join(work, 'bound'), join(work, 'main.wasm')]);

    // The parts the main part fetches, each under its content's hash.
    let link = await readFile(join(work, '__wasm_split.js'), 'utf8');
    const parts = [];
    for (const name of readdirSync(work).filter((n) => n.endsWith('.wasm') && n !== 'main.wasm').sort()) {
      const path = join(work, name);
      if (release) run('wasm-opt', [...WASM_OPT, path, '-o', path]);
      const bytes = await readFile(path);
      const hashed = `${name.replace(/\.wasm$/, '')}-${hash16(bytes)}.wasm`;
      if (!link.includes(`"./${name}"`)) throw new Error(`the split's loader does not fetch ${name}`);
      link = link.replace(`"./${name}"`, `"./${hashed}"`);
      await writeFile(join(staging, hashed), bytes);
      parts.push(hashed);
    }

    // Read before minifying: the loader as wasm-split-cli wrote it.
    const files = partFiles(link);
    // The main part: its name hashes its code, its bindings and every part
    // it fetches, so no cached copy ever meets parts of another build.
    const mainWasm = join(work, 'bound', 'main_bg.wasm');
    if (release) run('wasm-opt', [...WASM_OPT, mainWasm, '-o', mainWasm]);
    const wasm = await readFile(mainWasm);
    const js = await readFile(join(work, 'bound', 'main.js'), 'utf8');
    const stem = `${PROGRAM}-${hash16(wasm, js, ...parts)}`;
    if (!link.includes('"./main.js"')) throw new Error('the split\'s loader does not import ./main.js');
    link = await minified(link.replace('"./main.js"', `"./${stem}.js"`), { module: true, release });
    const linkName = `split-${hash16(link)}.js`;
    await writeFile(join(staging, linkName), link);
    // Only the specifier: the import object's key is the module name the
    // wasm asks for.
    const importsLink = /(from\s*["'])\.\/__wasm_split\.js(["'])/g;
    if (!importsLink.test(js)) throw new Error('the main part does not import the split\'s loader');
    const mainJs = await minified(js.replace(importsLink, `$1./${linkName}$2`), { module: true, release });
    await writeFile(join(staging, `${stem}.js`), mainJs);
    await writeFile(join(staging, `${stem}_bg.wasm`), wasm);
    const snippets = join(work, 'bound', 'snippets');
    if (existsSync(snippets)) cpSync(snippets, join(staging, 'snippets'), { recursive: true });
    await rm(join(staging, trunkJs));
    await rm(join(staging, `${trunkStem}_bg.wasm`), { force: true });
    // Trunk's preloads of the two files (debug builds keep them) carry the
    // digests of the bytes Trunk wrote: give them these bytes' digests.
    const renamed = withParts(html.replaceAll(trunkStem, stem), files, publicUrl);
    return withIntegrity(withIntegrity(renamed, `${stem}.js`, mainJs), `${stem}_bg.wasm`, wasm);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The files each split point fetches, by its name: its own module and the
 * chunks it shares with others, as the split's loader (wasm-split-cli's
 * `__wasm_split.js`, its names already hashed) asks for them. Throws when
 * the loader no longer reads as expected, or names no `form` or `clients`.
 */
export function partFiles(link) {
  const fetched = String.raw`makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)", import\.meta\.url\)\);`;
  const chunks = new Map([...link.matchAll(new RegExp(String.raw`const (__chunk_\d+) = ${fetched}`, 'g'))].map((m) => [m[1], m[2]]));
  const parts = {};
  for (const m of link.matchAll(new RegExp(String.raw`export const __wasm_split_load_(\w+) = wrapAsyncCb\(${fetched}[\s\S]*?\n, \[([^\]]*)\]\)\);`, 'g'))) {
    const deps = m[3].split(',').map((d) => d.trim()).filter(Boolean);
    parts[m[1]] = [m[2], ...deps.map((d) => {
      if (!chunks.has(d)) throw new Error(`the split's loader loads ${m[1]} with ${d}, which it does not fetch`);
      return chunks.get(d);
    })];
  }
  for (const name of ['form', 'clients']) if (!parts[name]?.length) throw new Error(`the split's loader has no part ${name}: ${Object.keys(parts).join(', ') || 'none read'}`);
  return parts;
}

/** `html` whose link banner template lists the files of `form` and `clients`, at `publicUrl`. */
function withParts(html, parts, publicUrl) {
  const tag = '<template id="link-banner"';
  if (!html.includes(tag)) throw new Error('index.html has no <template id="link-banner"> for the parts');
  const at = (files) => files.map((f) => `${publicUrl}${f}`);
  const wanted = JSON.stringify({ form: at(parts.form), clients: at(parts.clients) }).replaceAll('"', '&quot;');
  return html.replace(tag, `${tag} data-parts="${wanted}"`);
}
