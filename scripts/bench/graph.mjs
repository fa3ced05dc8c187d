// What a browser downloads for an entry module: the entry, every module it imports (static or
// dynamic, relative specifiers), and every `.wasm` it references with `new URL(..., import.meta.url)`.
// Used by `make bench` and by the size-budget test.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const SPECIFIERS = [
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g,
  /\bimport\s*['"](\.{1,2}\/[^'"]+)['"]/g,
  /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
  /\bnew URL\(\s*['"](\.{0,2}\/?[^'"]+\.wasm)['"]\s*,\s*import\.meta\.url\s*\)/g,
];

/** Files reachable from `entry` (absolute path), in discovery order; `missing` lists references to
 * files that do not exist (a bundler would fail on them). */
export function importGraph(entry, missing = []) {
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift();
    if (!existsSync(file)) { missing.push(file); continue; }
    if (file.endsWith('.wasm')) continue;
    // Block comments hold JSDoc type imports (`{import('./index').Image}`): not downloads.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const re of SPECIFIERS) {
      for (const m of text.matchAll(re)) {
        const dep = resolve(dirname(file), m[1]);
        if (!seen.has(dep)) { seen.add(dep); queue.push(dep); }
      }
    }
  }
  return [...seen];
}

/** Sizes of the graph: each file, and the whole as one stream, raw, gzip -9 and brotli (max). */
export function browserDownload(entry) {
  const missing = [];
  const paths = importGraph(entry, missing).filter((p) => !missing.includes(p));
  const files = paths.map((path) => {
    const bytes = readFileSync(path);
    return { path: path.slice(dirname(entry).length + 1), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, wasm: path.endsWith('.wasm') ? bytes.length : undefined };
  });
  // Files travel separately: the total is the sum of each file compressed on its own.
  const buffers = paths.map((p) => readFileSync(p));
  return {
    files,
    missing: missing.map((p) => p.slice(dirname(entry).length + 1)),
    raw: buffers.reduce((n, b) => n + b.length, 0),
    gzip: buffers.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    brotli: buffers.reduce((n, b) => n + brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0),
  };
}
