#!/usr/bin/env node
// `make site`: the demo as a static site in build/site/, with the IMS emulator in the page
// (createEmulator) instead of a server: any static file server (or a subfolder of one) serves it,
// and it lists images with no backend at all. The emulator's flags pass through, as for `make
// demo`: `make site ARGS="--error-rate 0.2 --count 5000"` (no --port or --host: there is no server).
//   1. www/ (the page, its modules, its generated choices and CSV rule), every path relative;
//   2. the package's browser entry and the in-page emulator's modules under pkg/;
//   3. config.json telling the page to create its emulator with those options.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseArgs, USAGE } from '../emulator/args.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.env.SITE_DIR ?? join(root, 'build', 'site');
const pkg = join(root, 'pkg');
if (!existsSync(join(pkg, 'index.mjs'))) throw new Error('pkg/ is not built: run make build first');

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`make site: ${e.message}\n${USAGE}`);
  process.exit(2);
}
if ('port' in options || 'host' in options) {
  console.error('make site: the in-page emulator has no --port or --host');
  process.exit(2);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'pkg', 'emulator', 'generated'), { recursive: true });
for (const f of ['app.js', 'format.js', 'render.js', 'state.js', 'style.css', 'generated']) cpSync(join(root, 'www', f), join(out, f), { recursive: true });
const html = readFileSync(join(root, 'www', 'index.html'), 'utf8').replaceAll('"/pkg/', '"./pkg/');
if (html.includes('"/')) throw new Error('www/index.html holds an absolute path the static site cannot serve');
writeFileSync(join(out, 'index.html'), html);
cpSync(join(pkg, 'index.mjs'), join(out, 'pkg', 'index.mjs'));
for (const f of ['in-page.mjs', 'handler.mjs', 'catalogue.mjs', 'sigv.mjs', 'generated/schemas.mjs']) cpSync(join(pkg, 'emulator', f), join(out, 'pkg', 'emulator', f));
writeFileSync(join(out, 'config.json'), `${JSON.stringify({ inPageEmulator: options }, null, 2)}\n`);
console.log(`[site] ${out}: the demo with the emulator in the page; serve the folder with any static file server`);
