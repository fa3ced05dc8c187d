// @ts-check
// Instantiates one of the core's WebAssembly modules synchronously (no init call, no top-level
// await): in Node from the `.wasm` file beside the entry, else (a browser, or a bundler that moved
// the entry away from that file) from the embedded copy, deflated and in base64, inflated by
// inflate.js. The main module (load.js) and the Node module (node-load.js) both come this way.
import { inflateRaw } from './inflate.js';

/** What Node offers, when it is Node (this file also runs in browsers). */
const node = /** @type {{ process?: { getBuiltinModule?: (id: string) => any } }} */ (/** @type {unknown} */ (globalThis));

/** @param {string} b64 */
function fromBase64(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The module from `<stem>.wasm` beside this file, if this is Node and the file is there and whole.
 * @param {string} stem
 * @param {number} size
 */
function fromFile(stem, size) {
  const fs = typeof node.process?.getBuiltinModule === 'function' ? node.process.getBuiltinModule('node:fs') : undefined;
  if (!fs) return undefined;
  try {
    // Assembled at run time, so that bundlers do not mistake it for an asset a browser would fetch.
    const name = [stem, 'wasm'].join('.');
    // `__dirname` in the CommonJS builds; `import.meta.url` in the ESM ones.
    const bytes = fs.readFileSync(typeof __dirname === 'string' ? `${__dirname}/${name}` : new URL(name, import.meta.url));
    return bytes.length === size ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @template T
 * @param {(m: { module: Uint8Array<ArrayBuffer> }) => T} initSync the wasm-bindgen glue's
 * @param {string} stem the file's name without `.wasm`
 * @param {number} size the module's size in bytes
 * @param {string | null} deflated the embedded copy (`null`: a bundle that only runs beside its file)
 * @returns {T}
 */
export function instantiate(initSync, stem, size, deflated) {
  const embedded = () => {
    if (deflated === null) throw new Error(`ims-client: ${stem}.wasm is missing beside the entry`);
    return inflateRaw(fromBase64(deflated), size);
  };
  const file = fromFile(stem, size);
  try {
    return initSync({ module: file ?? embedded() });
  } catch (e) {
    if (!file) throw e;
    return initSync({ module: embedded() }); // a damaged file: the embedded copy is the same module
  }
}
