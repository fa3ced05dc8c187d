// The same walk in a module worker: the package and the in-page emulator in a worker's global scope.
import { ImsClient } from '/pkg/index.mjs';
import { createEmulator } from '/pkg/emulator/in-page.mjs';
import { walk } from './walk.js';

walk(ImsClient, createEmulator).then((r) => postMessage(r), (e) => postMessage({ error: String(e) }));
