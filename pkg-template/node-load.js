// @ts-check
// Instantiates the Node module (the credential search and the command line's plan; see
// wasm/src/node.rs) when `ims-client/node` or the `ims` bin is imported, as load.js does the main
// one: from node.wasm beside the entry, else from the embedded copy (node-wasm.js).
import { initSync } from './node-core.js';
import { instantiate } from './instantiate.js';
import { deflated, size } from './node-wasm.js';

/** The instance's exports. */
export const instance = instantiate(initSync, 'node', size, deflated);
