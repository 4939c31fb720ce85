// Trunk post-build hook.
//
// Every build: renders the page as it first looks into <div id="page"> with
// the native `prerender` binary (the same Leptos components, src/bin/
// prerender.rs, with the presets file the build ships), so it shows and
// takes typing before the WebAssembly has loaded, with the share link's
// banner in a <template> and scripts/early.js after the banner's place
// (a link paints as itself from the first paint, and what the person does
// before the program owns a part is kept); and cuts the one program at its
// split points (scripts/split.mjs), so that what a first paint does not
// need loads when first asked for (src/ui/later).
//
// Release builds: also rewrites Trunk's inline loader <script type="module">
// to start after the first paint, puts early.js and the style sheet inline and adds a
// strict Content-Security-Policy with their hashes, so the page needs no
// 'unsafe-inline' and its first paint needs the HTML alone; and writes `FILE.br` and `FILE.gz` beside each
// text and wasm asset, for a host that serves precompressed files (see the
// README's nginx and Caddy samples).
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { minified, minifiedCss } from './minify.mjs';
import { splitProgram } from './split.mjs';
import { checkIntegrity, sri } from './integrity.mjs';

/**
 * The page's policy, with the hashes of its inline scripts (early.js and
 * the loader) and its inline style sheet: the first paint needs no second
 * request.
 */
export const csp = ({ scripts, style }) => [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${scripts.map((hash) => `'${hash}'`).join(' ')}`,
  `style-src 'self' '${style}'`,
  "img-src 'self' data:",
  // The discovery check fetches the cluster's metadata: any https origin,
  // or http on this computer.
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "base-uri 'self'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** A CSP source for an inline element's text: 'sha256-…' without the quotes. */
const inlineHash = (text) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

const staging = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
if (!staging) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');

const indexPath = join(staging, 'index.html');
/** What release builds put inline, with its hash: early.js and the style sheet. */
const inlined = {};
let html = await readFile(indexPath, 'utf8');

{
  const page = execFileSync('cargo', ['run', '--quiet', '--locked', '--features', 'prerender', '--bin', 'prerender', '--', join(staging, 'presets.toml')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const slot = '<div id="page"></div>';
  if (!html.includes(slot)) throw new Error(`index.html has no ${slot} for the prerendered page`);
  const [body, banner] = page.split('<!--codex-link-banner-->');
  if (!banner) throw new Error('the prerender printed no link banner');
  // The early script (scripts/early.js) runs right after the banner's place,
  // before the form is parsed: a share link's banner is there from the
  // first paint.
  // Minified in release builds: it is on the first paint's path.
  const release = process.env.TRUNK_PROFILE === 'release';
  const early = await minified(await readFile(join(import.meta.dirname, 'early.js'), 'utf8'), { module: false, release });
  const earlyName = `early-${createHash('sha256').update(early).digest('hex').slice(0, 16)}.js`;
  // Release builds carry it inline (its hash in the policy): no request on
  // the first paint's path. Debug builds keep the file, to read.
  if (release) inlined.script = { text: early, hash: inlineHash(early) };
  else await writeFile(join(staging, earlyName), early);
  const notices = /<div id="island-notices" class="island">(?:(?!<div)[\s\S])*?<\/div>/;
  if (!notices.test(body)) throw new Error('the prerendered page has no empty #island-notices');
  const earlyTag = release ? `<script>${early}</script>` : `<script src="${publicUrl}${earlyName}"></script>`;
  const withEarly = body.replace(notices, (wrapper) => `${wrapper}${banner}${earlyTag}`);
  html = html.replace(slot, () => `<div id="page">${withEarly}</div>`);
}

// The page's client id metadata document, when the build knows the page's
// public address (CONFIGURATOR_URL, or an absolute https --public-url): its
// URL is the page's client id where a server takes them (docs/connect.md).
{
  const page = process.env.CONFIGURATOR_URL || (/^https:\/\//.test(publicUrl) ? publicUrl : '');
  if (page) {
    const document = execFileSync('cargo', ['run', '--quiet', '--locked', '--features', 'prerender', '--bin', 'prerender', '--', '--client-metadata', page], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await writeFile(join(staging, 'client-metadata.json'), document);
  }
}

// The one program, cut at its split points (src/ui/later).
html = await splitProgram({ staging, html, release: process.env.TRUNK_PROFILE === 'release', publicUrl });

if (process.env.TRUNK_PROFILE === 'release') {
  const inline = /<script type="module">([\s\S]*?)<\/script>/;
  const match = html.match(inline);
  if (!match) throw new Error('no inline loader script found in index.html');
  // The presets request starts here, beside the wasm download, instead of
  // after the wasm has compiled (src/ui/io/http.rs awaits this promise), and
  // like it after the first paint, which then needs only HTML and CSS.
  // Once read, the text is also left where the page can take it without
  // waiting for another task.
  // Same file name, credentials and 10 s limit as src/ui/io/http.rs.
  const presets = "window.__codexPresets = fetch(new URL('presets.toml', document.baseURI), { credentials: 'same-origin', signal: AbortSignal.timeout(10000) })\n" +
    "  .then((r) => (r.ok ? r.text() : null), () => null)\n" +
    "  .then((text) => (window.__codexPresetsText = text));\n";
  // The prerendered page paints first: the program's main module and its wasm are
  // requested once the browser has recorded the first contentful paint, so
  // they do not take the network from the page's HTML and CSS, and the
  // page's largest paint is the prerendered one (Lighthouse's LCP). A tab in
  // the background, which paints nothing, or a browser without paint
  // timing, starts after 500 ms.
  const afterFirstPaint = "await new Promise((resolve) => {\n" +
    "  setTimeout(resolve, 500);\n" +
    "  try {\n" +
    "    new PerformanceObserver((list, observer) => {\n" +
    "      if (list.getEntriesByName('first-contentful-paint').length === 0) return;\n" +
    "      observer.disconnect();\n" +
    "      setTimeout(resolve, 0);\n" +
    "    }).observe({ type: 'paint', buffered: true });\n" +
    "  } catch { /* the 500 ms above */ }\n" +
    "});\n";
  const staticImport = /^import init, \* as bindings from '([^']+)';$/m;
  if (!staticImport.test(match[1])) throw new Error('Trunk\'s loader no longer starts with the expected import');
  const body = match[1].trim().replace(staticImport, "const bindings = await import('$1');\nconst init = bindings.default;");
  const loader = await minified(afterFirstPaint + presets + body + '\n', { module: true, release: true });
  // Their preloads would start both downloads at once, before that paint.
  html = html.replace(/<link rel="modulepreload"[^>]*>/g, '').replace(/<link rel="preload"[^>]*type="application\/wasm"[^>]*>/g, '');
  // Inline, by its hash in the policy: a file would be asked for while the
  // page parses, before its first paint, and Lighthouse's simulation counts
  // a request made before a paint as that paint's (one more round trip).
  if (loader.includes('</script')) throw new Error('the loader cannot be put inline');
  html = html.replace(inline, () => `<script type="module">${loader}</script>`);
  inlined.loader = { text: loader, hash: inlineHash(loader) };
  const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const expected = [inlined.script?.text, inlined.loader.text];
  if (inlineScripts.length !== 2 || !expected.every((text) => inlineScripts.includes(text))) throw new Error('an inline script other than early.js and the loader is in index.html');
}
// The style sheet, on the first paint's path: in release builds minified
// and put inline (its hash in the policy), so the first paint needs the
// HTML alone; the policy goes in last, with both hashes.
if (process.env.TRUNK_PROFILE === 'release') {
  const names = (await readdir(staging)).filter((n) => /^style-[0-9a-f]+\.css$/.test(n));
  if (names.length !== 1) throw new Error(`expected one style sheet, found ${names.join(', ') || 'none'}`);
  const path = join(staging, names[0]);
  const css = minifiedCss(await readFile(path, 'utf8'), { release: true });
  const link = new RegExp(`<link rel="stylesheet" href="${publicUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}${names[0]}"[^>]*>`);
  if (!link.test(html)) throw new Error(`index.html has no link to ${names[0]}`);
  if (css.includes('</style')) throw new Error('the style sheet cannot be put inline');
  html = html.replace(link, () => `<style>${css}</style>`);
  await rm(path);
  inlined.style = { hash: inlineHash(css) };
  const policy = csp({ scripts: [inlined.script.hash, inlined.loader.hash], style: inlined.style.hash });
  html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
}
// Every build, debug or release, at the root or under a sub-path: no link
// may carry a digest its file does not have.
await checkIntegrity(html, staging, publicUrl);
await writeFile(indexPath, html);

/** Kinds of file worth compressing: everything the page loads but images. */
const COMPRESSIBLE = /\.(html|js|wasm|css|toml|svg)$/;

if (process.env.TRUNK_PROFILE === 'release') {
  const files = await readdir(staging, { recursive: true, withFileTypes: true });
  for (const file of files) {
    // presets.toml is the operator's to replace: a stale .br beside it would
    // be served in its place.
    if (!file.isFile() || !COMPRESSIBLE.test(file.name) || file.name === 'presets.toml') continue;
    const path = join(file.parentPath ?? file.path, file.name);
    const bytes = await readFile(path);
    await writeFile(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    await writeFile(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  }
}
