// @ts-check
// Instantiates the core's WebAssembly module when the package is imported: synchronously, with no
// init call and no top-level await, so Node (ESM and CommonJS), a browser's native modules and
// every bundler load it the same way.
//
// In Node the module is read from core.wasm beside the entry (fs is already loaded in every Node
// process: no import, nothing for a browser bundle). Anywhere else, or when a bundler has moved
// the entry away from that file, the embedded copy is used: deflated, in base64 (wasm.js, written
// by scripts/build-pkg.mjs), inflated by inflate.js. The file name is assembled at run time so
// that bundlers do not mistake it for an asset a browser would fetch.
import { initSync } from './core.js';
import { inflateRaw } from './inflate.js';
import { deflated, size } from './wasm.js';

/** What Node offers, when it is Node (this file also runs in browsers). */
const node = /** @type {{ process?: { getBuiltinModule?: (id: string) => any } }} */ (/** @type {unknown} */ (globalThis));

/** @param {string} b64 */
function fromBase64(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The module from core.wasm beside this file, if this is Node and the file is there. */
function fromFile() {
  const fs = typeof node.process?.getBuiltinModule === 'function' ? node.process.getBuiltinModule('node:fs') : undefined;
  if (!fs) return undefined;
  try {
    const name = ['core', 'wasm'].join('.');
    // `__dirname` in the CommonJS build; `import.meta.url` in the ESM one.
    const bytes = fs.readFileSync(typeof __dirname === 'string' ? `${__dirname}/${name}` : new URL(name, import.meta.url));
    return bytes.length === size ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function embedded() {
  return inflateRaw(fromBase64(deflated), size);
}

/**
 * The instance's exports (the tests watch `memory`).
 * @type {import('./core.js').InitOutput}
 */
export let instance;
const file = fromFile();
try {
  instance = initSync({ module: file ?? embedded() });
} catch (e) {
  if (!file) throw e;
  instance = initSync({ module: embedded() }); // a damaged file: the embedded copy is the same module
}
