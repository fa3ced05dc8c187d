// @ts-check
// Instantiates the core's main WebAssembly module when the package is imported (see
// instantiate.js): synchronously, so Node (ESM and CommonJS), a browser's native modules and every
// bundler load it the same way. The embedded copy is wasm.js, written by scripts/build-pkg.mjs.
import { initSync } from './core.js';
import { instantiate } from './instantiate.js';
import { deflated, size } from './wasm.js';

/**
 * The instance's exports (the tests watch `memory`).
 * @type {import('./core.js').InitOutput}
 */
export const instance = instantiate(initSync, 'core', size, deflated);
