// Shrinks the page's own JavaScript for release builds (terser, pinned in
// package.json): the glue wasm-bindgen writes, the split's loader, the
// early script and Trunk's loader are all on a first visit's path.
import { minify } from 'terser';

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
