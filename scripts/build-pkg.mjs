#!/usr/bin/env node
// `make build`: the finished npm package in pkg/.
//   1. cargo builds the bindings crate (wasm/) for wasm32 with the size profile (`wasm`);
//      wasm-bindgen writes the ESM glue without a default module path (nothing for a bundler to
//      chase); wasm-opt -Oz shrinks the module.
//   2. build/js/ gathers the JS layer: pkg-template's hand-written modules (client.js, drive.js,
//      describe.js, errors.js, load.js, inflate.js, index.js) and generated/ (from the core's and
//      the bindings' tables), the glue as core.js, and wasm.js, the module deflated and in base64.
//   3. esbuild bundles build/js/index.js into pkg/index.mjs (ESM) and pkg/index.cjs (CommonJS):
//      one file each, the module embedded and instantiated synchronously (no init call, no
//      top-level await), so Node, a browser's native modules and every bundler load it alike.
//      Minified (it parses faster: start-up is a measured target), with a source map holding the
//      readable sources; the public classes name themselves.
//   4. index.d.ts / index.d.cts = the generated declarations (data, ImsError, AttemptRecord) +
//      pkg-template/client.d.ts.
// Skipped when pkg/ is newer than its sources (FORCE=1 / --force rebuilds).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import { deflateAsync as zopfli } from '@gfx/zopfli';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tpl = (f) => readFileSync(join(root, 'pkg-template', f), 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const out = join(root, 'pkg');

/**
 * The notices of what the module is built from: every crate the bindings crate depends on for
 * wasm32 (wasm-bindgen and its glue, sha2, hmac and theirs, serde), with each licence text the
 * crate ships; and the Rust standard library, which is compiled in (its allocator included).
 */
function notices() {
  const meta = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--filter-platform', 'wasm32-unknown-unknown'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 }));
  const byId = new Map(meta.packages.map((p) => [p.id, p]));
  const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
  // Procedural macros run at build time: nothing of them is in the module.
  const macro = (id) => byId.get(id).targets.some((t) => t.kind.includes('proc-macro'));
  const seen = new Set();
  const queue = [meta.packages.find((p) => p.name === 'ims-client-wasm').id];
  while (queue.length) {
    const id = queue.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const d of nodes.get(id)?.deps ?? []) if (d.dep_kinds.some((k) => k.kind === null) && !macro(d.pkg)) queue.push(d.pkg);
  }
  const ours = new Set(['ims-client', 'ims-client-wasm']);
  const crates = [...seen].map((id) => byId.get(id)).filter((p) => !ours.has(p.name)).sort((a, b) => a.name.localeCompare(b.name));
  // Each distinct licence text once, with the crates that ship it.
  const texts = new Map();
  for (const p of crates) {
    const dir = dirname(p.manifest_path);
    for (const f of readdirSync(dir).filter((f) => /^(LICEN[CS]E|COPYING)/i.test(f)).sort()) {
      const t = readFileSync(join(dir, f), 'utf8').trim();
      texts.set(t, [...(texts.get(t) ?? []), `${p.name} ${p.version} (${f})`]);
    }
  }
  let text = '# Third-party notices\n\nThe WebAssembly module and its JS glue in this package are built from these Rust crates, and from the Rust\nstandard library (MIT OR Apache-2.0, https://github.com/rust-lang/rust), its allocator included:\n\n';
  for (const p of crates) text += `- ${p.name} ${p.version}: ${p.license ?? 'see its licence below'}${p.repository ? `, ${p.repository}` : ''}\n`;
  text += '\nThe licence texts they ship, each once, with the crates that ship it:\n';
  for (const [t, who] of texts) text += `\n## ${who.join(', ')}\n\n\`\`\`\n${t}\n\`\`\`\n`;
  return text;
}

/** The newest modification time under `paths` (files or folders). */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(readdirSync(p).map((f) => join(p, f))) : s.mtimeMs);
  }
  return t;
}
const sources = ['src', 'wasm/src', 'wasm/Cargo.toml', 'pkg-template', 'emulator', 'Cargo.toml', 'Cargo.lock', 'scripts/build-pkg.mjs'].map((p) => join(root, p));
const stamp = join(out, 'package.json');
if (!process.argv.includes('--force') && !process.env.FORCE && existsSync(stamp) && statSync(stamp).mtimeMs > newest(sources)) {
  console.log('[build] pkg/ is up to date (make build FORCE=1 rebuilds)');
  process.exit(0);
}

// wasm-bindgen and wasm-opt come from setup (scripts/setup.sh): never downloaded here.
const env = { ...process.env, PATH: [join(root, 'build', 'tools', 'node_modules', '.bin'), join(process.env.HOME ?? '', '.cargo', 'bin'), process.env.PATH].join(':') };
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env });

// ---- 1. the modules ----
// The main module (feature `client`: the client loop, signing) and the Node module (feature
// `node`: the credential search, the command line's plan), so no browser download carries what
// only Node uses (wasm/src/lib.rs).
const wasmDir = join(root, 'build', 'wasm');
rmSync(wasmDir, { recursive: true, force: true });
// The features rustc enables for wasm32 by default, so wasm-opt accepts what it emits.
const features = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'mutable-globals', 'multivalue', 'reference-types'].map((f) => `--enable-${f}`);
const optLevel = process.env.WASM_OPT_FLAGS ? process.env.WASM_OPT_FLAGS.split(' ') : ['-Oz'];
/** Builds the bindings crate with `cargoFeatures`; returns the optimised module's bytes. */
function module(name, cargoFeatures) {
  run('cargo', ['build', '--quiet', '-p', 'ims-client-wasm', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm', ...cargoFeatures]);
  run('wasm-bindgen', ['--target', 'web', '--omit-default-module-path', '--out-dir', wasmDir, '--out-name', name,
    join(root, 'target', 'wasm32-unknown-unknown', 'wasm', 'ims_client_wasm.wasm')]);
  run('wasm-opt', [...optLevel, '--strip-debug', '--strip-producers', ...features, join(wasmDir, `${name}_bg.wasm`), '-o', join(wasmDir, `${name}_bg.opt.wasm`)]);
  return readFileSync(join(wasmDir, `${name}_bg.opt.wasm`));
}
const wasm = module('core', []);
const nodeWasm = module('node-core', ['--no-default-features', '--features', 'node']);

// ---- 2. the JS layer ----
const js = join(root, 'build', 'js');
rmSync(js, { recursive: true, force: true });
mkdirSync(js, { recursive: true });
for (const f of readdirSync(join(root, 'pkg-template')).filter((f) => f.endsWith('.js'))) copyFileSync(join(root, 'pkg-template', f), join(js, f));
mkdirSync(join(js, 'generated'));
for (const f of readdirSync(join(root, 'pkg-template', 'generated'))) copyFileSync(join(root, 'pkg-template', 'generated', f), join(js, 'generated', f));
for (const glue of ['core', 'node-core']) {
  copyFileSync(join(wasmDir, `${glue}.js`), join(js, `${glue}.js`));
  copyFileSync(join(wasmDir, `${glue}.d.ts`), join(js, `${glue}.d.ts`));
}
// Zopfli writes a smaller deflate stream than zlib -9 (56.1 vs 59.2 KB), for the same inflater:
// README, "Tried and kept or dropped". Checked here by inflating it back.
const deflated = Buffer.from(await zopfli(wasm, { numiterations: 15 }));
if (!inflateRawSync(deflated).equals(wasm)) throw new Error('zopfli: the embedded module does not inflate back to itself');
writeFileSync(join(js, 'wasm.js'), `// The core's WebAssembly module (${wasm.length} bytes), deflated, in base64. Generated by scripts/build-pkg.mjs.
export const size = ${wasm.length};
export const deflated = ${JSON.stringify(deflated.toString('base64'))};
`);
writeFileSync(join(js, 'wasm.d.ts'), 'export declare const size: number;\nexport declare const deflated: string | null;\n');
// The Node module: no download to save, so zlib's deflate does.
const nodeDeflated = deflateRawSync(nodeWasm, { level: 9 });
writeFileSync(join(js, 'node-wasm.js'), `// The Node module (${nodeWasm.length} bytes), deflated, in base64. Generated by scripts/build-pkg.mjs.
export const size = ${nodeWasm.length};
export const deflated = ${JSON.stringify(nodeDeflated.toString('base64'))};
`);
writeFileSync(join(js, 'node-wasm.d.ts'), 'export declare const size: number;\nexport declare const deflated: string | null;\n');
const dts = tpl('generated/data.d.ts') + tpl('generated/attempt-record.d.ts') + tpl('client.d.ts');
writeFileSync(join(js, 'index.d.ts'), dts);

// ---- 3. the bundles ----
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const banner = (format) => `// ims-client ${version} (${format}). Built by scripts/build-pkg.mjs from pkg-template/ and the Rust core; see the repository.`;
for (const [format, file] of [['esm', 'index.mjs'], ['cjs', 'index.cjs']]) {
  await build({
    entryPoints: [join(js, 'index.js')],
    outfile: join(out, file),
    bundle: true,
    format,
    // CommonJS is for Node; its platform also annotates the export names for `import` of it.
    platform: format === 'cjs' ? 'node' : 'neutral',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    sourcesContent: true,
    legalComments: 'none',
    // The CommonJS build reads its .wasm beside it through __dirname; `import.meta` is unused there.
    logOverride: { 'empty-import-meta': 'silent' },
    banner: { js: banner(format === 'esm' ? 'ESM' : 'CommonJS') },
    logLevel: 'warning',
  });
}

// Node reads the module from this file (see load.js); browsers use the embedded copy.
copyFileSync(join(wasmDir, 'core_bg.opt.wasm'), join(out, 'core.wasm'));

// `ims-client/node` (node.mjs, node.cjs) and the `ims` bin (cli.mjs): Node only, never in a
// browser's graph. They take ImsClient and ImsError from the main entry beside them (one class, so
// `instanceof ImsError` holds for their errors), and the Node module from node.wasm; node.mjs and
// node.cjs also embed it (a Node bundler may move them), the bin never moves.
/** @param {'esm' | 'cjs'} format @param {boolean} embedded */
const nodePlugin = (format, embedded) => ({
  name: 'main-entry-beside',
  setup(b) {
    b.onResolve({ filter: /^\.\/(index|error-class)\.js$/ }, () => ({ path: format === 'esm' ? './index.mjs' : './index.cjs', external: true }));
    if (!embedded) {
      b.onResolve({ filter: /^\.\/node-wasm\.js$/ }, () => ({ path: 'node-wasm', namespace: 'stub' }));
      b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: `export const size = ${nodeWasm.length}; export const deflated = null;`, loader: 'js' }));
    }
  },
});
const nodeBundles = [
  ['node.js', 'node.mjs', 'esm', true],
  ['node.js', 'node.cjs', 'cjs', true],
  ['cli.js', 'cli.mjs', 'esm', false],
];
for (const [entry, file, format, embedded] of nodeBundles) {
  await build({
    entryPoints: [join(js, entry)],
    outfile: join(out, file),
    bundle: true,
    format,
    platform: 'node',
    target: 'node18',
    minify: true,
    sourcemap: true,
    sourcesContent: true,
    legalComments: 'none',
    logOverride: { 'empty-import-meta': 'silent' },
    plugins: [nodePlugin(format, embedded)],
    banner: { js: `${entry === 'cli.js' ? '#!/usr/bin/env node\n' : ''}// ims-client ${version} (${file}). Built by scripts/build-pkg.mjs from pkg-template/ and the Rust core; see the repository.` },
    logLevel: 'warning',
  });
}
copyFileSync(join(wasmDir, 'node-core_bg.opt.wasm'), join(out, 'node.wasm'));
chmodSync(join(out, 'cli.mjs'), 0o755);
const nodeDts = tpl('node.d.ts');
writeFileSync(join(out, 'node.d.ts'), nodeDts);
writeFileSync(join(out, 'node.d.cts'), nodeDts.replace("from './index.js'", "from './index.cjs'"));

// The emulator (`ims-client/emulator`: createEmulator everywhere, startEmulator and the
// `ims-emulator` bin in Node). Never in the default entry's graph.
mkdirSync(join(out, 'emulator', 'generated'), { recursive: true });
for (const f of ['in-page.mjs', 'in-page.d.ts', 'handler.mjs', 'ims-emulator.mjs', 'ims-emulator.d.ts', 'cli.mjs', 'args.mjs', 'catalogue.mjs', 'sigv.mjs', 'generated/schemas.mjs']) copyFileSync(join(root, 'emulator', f), join(out, 'emulator', f));
// `require('ims-client/emulator')` in Node: the same modules bundled as CommonJS, with their types.
await build({ entryPoints: [join(root, 'emulator', 'ims-emulator.mjs')], outfile: join(out, 'emulator', 'ims-emulator.cjs'), bundle: true, format: 'cjs', platform: 'node', target: 'node18', logLevel: 'warning' });
writeFileSync(join(out, 'emulator', 'in-page.d.cts'), readFileSync(join(root, 'emulator', 'in-page.d.ts'), 'utf8'));
writeFileSync(join(out, 'emulator', 'ims-emulator.d.cts'), readFileSync(join(root, 'emulator', 'ims-emulator.d.ts'), 'utf8').replaceAll("'./in-page.js'", "'./in-page.cjs'"));
// Resolution that ignores `exports` (TypeScript's node10) finds the emulator's types and CommonJS here.
writeFileSync(join(out, 'emulator', 'package.json'), `${JSON.stringify({ type: 'module', main: './ims-emulator.cjs', types: './ims-emulator.d.cts' }, null, 2)}\n`);

// ---- 4. declarations, manifest, readme, licence and notices ----
writeFileSync(join(out, 'index.d.ts'), dts);
writeFileSync(join(out, 'index.d.cts'), dts);
writeFileSync(join(out, 'package.json'), tpl('package.json').replace('{{VERSION}}', version));
copyFileSync(join(root, 'pkg-template', 'README.md'), join(out, 'README.md'));
copyFileSync(join(root, 'LICENSE'), join(out, 'LICENSE'));
writeFileSync(join(out, 'THIRD_PARTY_NOTICES.md'), notices());
console.log(`[build] pkg/ ready: ims-client ${version}, wasm ${wasm.length} bytes (${deflated.length} deflated); Node module ${nodeWasm.length} bytes`);
