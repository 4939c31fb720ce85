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
 * the new main part. `release` runs wasm-opt on every part.
 */
export async function splitProgram({ staging, html, release }) {
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
    const renamed = html.replaceAll(trunkStem, stem);
    return withIntegrity(withIntegrity(renamed, `${stem}.js`, mainJs), `${stem}_bg.wasm`, wasm);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
