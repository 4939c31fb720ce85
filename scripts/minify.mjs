// Shrinks the page's own JavaScript for release builds (terser, pinned in
// package.json): the glue wasm-bindgen writes, the split's loader, the
// early script and Trunk's loader are all on a first visit's path.
import { minify } from 'terser';

/**
 * The page's style sheet without its comments and the whitespace around
 * `{ } ; , >` (nothing else: a space can be a selector's combinator), as a
 * first visit loads it; as it is when `release` is false.
 */
export function minifiedCss(css, { release }) {
  if (!release) return css;
  if (/["'][^"'\n]* {2}[^"'\n]*["']/.test(css)) throw new Error('style.css has a string with runs of spaces, which the minifier would change');
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim() + '\n';
}

/**
 * `code` minified (`module`: an ES module, else a classic script), or as
 * it is when `release` is false (a `trunk serve` keeps it readable).
 */
export async function minified(code, { module, release }) {
  if (!release) return code;
  const result = await minify(code, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (typeof result.code !== 'string') throw new Error('terser gave no code');
  return result.code;
}
