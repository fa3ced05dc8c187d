// Every bundler a console uses builds an app that imports the package and its in-page emulator,
// with no configuration of ours (Rollup gets its standard node-resolve plugin, which it needs for
// any npm import), and each bundle runs in Chromium: it lists images from the in-page emulator
// with no emulator server anywhere, and from the emulator's server. Importing `startEmulator` in a
// browser bundle fails at build time.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { build as esbuild } from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { build as vite } from 'vite';
import webpack from 'webpack';

import { startEmulator } from '../../emulator/ims-emulator.mjs';
import { launch, staticServer } from './chromium.mjs';

const root = new URL('../..', import.meta.url).pathname;
const app = join(root, 'tests', 'js', 'bundler-app');
const out = join(root, 'build', 'bundlers');
let emu;
let browser;

before(async () => {
  rmSync(out, { recursive: true, force: true });
  emu = await startEmulator({ count: 600 });
  browser = await launch();
});
after(async () => { await browser?.close(); await emu?.close(); });

/** A page that sets the emulator's URL and loads `script` (a module or a classic script). */
function page(dir, script, type) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><pre id="out"></pre>
<script>window.EMULATOR = new URLSearchParams(location.search).get('emulator');</script>
<script ${type === 'module' ? 'type="module" ' : ''}src="./${script}"></script>`);
}

async function runInChromium(dir, entry = 'index.html', server = true) {
  const web = await staticServer([['/', dir]]);
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  // Script errors only: Chromium also logs each 4xx response (the app asks for a missing image
  // on purpose; the browser asks for a favicon) as a console error.
  tab.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
  try {
    await tab.goto(`${web.url}/${entry}${server ? `?emulator=${encodeURIComponent(emu.url)}` : ''}`);
    await tab.waitForFunction(() => document.getElementById('out')?.textContent, null, { timeout: 30_000 });
    const result = JSON.parse(await tab.textContent('#out'));
    assert.deepEqual(errors, []);
    assert.ok(!web.requests.some((u) => u.endsWith('.wasm')), `no separate .wasm is fetched: ${web.requests}`);
    return { ...result, served: web.requests };
  } finally {
    await tab.close();
    await web.close();
  }
}

function check(result) {
  assert.equal(result.ok, true, result.error);
  const gold = emu.images.filter((i) => i.__imagetype === 'gold').map((i) => i.id).sort().slice(0, 5);
  const expected = { ids: gold, osBit: gold.map(() => 'number'), linux: emu.images.filter((i) => i.__os_type === 'Linux').length, missing: 'http 404' };
  for (const [form, r] of Object.entries({ inPage: result.inPage, server: result.server })) {
    if (!r) continue;
    assert.deepEqual({ ids: r.ids, osBit: r.osBit, linux: r.linux, missing: r.missing }, expected, form);
    assert.ok(r.regions > 20);
  }
  assert.ok(result.inPageRequests > 3, 'the in-page emulator answered the in-page listing');
}

/** The bundle in `dir`, run twice: with the emulator's server, and with no server at all. */
async function runBoth(dir, entry) {
  const before = emu.requests;
  const withServer = await runInChromium(dir, entry);
  check(withServer);
  assert.ok(withServer.server, 'the server phase ran');
  const served = emu.requests - before;
  const alone = await runInChromium(dir, entry, false);
  check(alone);
  assert.equal(alone.server, undefined);
  assert.equal(emu.requests - before, served, 'with no server given, nothing reached the emulator server');
  assert.ok(alone.served.every((u) => !u.includes('/v2/')), `only the app's files were fetched: ${alone.served}`);
}

test('webpack 5', async () => {
  const dir = join(out, 'webpack');
  const stats = await new Promise((resolve, reject) => webpack({ mode: 'production', entry: join(app, 'main.js'), output: { path: dir, filename: 'bundle.js' } }, (e, s) => (e ? reject(e) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  page(dir, 'bundle.js', 'classic');
  await runBoth(dir);
});

test('Rollup', async () => {
  const dir = join(out, 'rollup');
  const bundle = await rollup({ input: join(app, 'main.js'), plugins: [nodeResolve({ browser: true })], onwarn: (w) => { throw new Error(w.message); } });
  await bundle.write({ file: join(dir, 'bundle.js'), format: 'es' });
  page(dir, 'bundle.js', 'module');
  await runBoth(dir);
});

test('esbuild', async () => {
  const dir = join(out, 'esbuild');
  await esbuild({ entryPoints: [join(app, 'main.js')], bundle: true, outfile: join(dir, 'bundle.js'), format: 'esm', platform: 'browser', logLevel: 'error' });
  page(dir, 'bundle.js', 'module');
  await runBoth(dir);
});

test('Vite', async () => {
  const dir = join(out, 'vite');
  await vite({ root: app, logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  await runBoth(dir);
});

test('startEmulator cannot be bundled for a browser: a build-time error (createEmulator can)', async () => {
  const entry = join(out, 'emulator-in-browser.js');
  mkdirSync(out, { recursive: true });
  writeFileSync(entry, "import { startEmulator } from 'ims-client/emulator';\nconsole.log(startEmulator);\n");
  await assert.rejects(esbuild({ entryPoints: [entry], bundle: true, write: false, platform: 'browser', logLevel: 'silent', absWorkingDir: root }), /No matching export in "[^"]*emulator\/in-page\.mjs" for import "startEmulator"/);
  const stats = await new Promise((resolve, reject) => webpack({ mode: 'production', entry, output: { path: join(out, 'webpack-emulator') } }, (e, s) => (e ? reject(e) : resolve(s))));
  assert.ok(stats.hasErrors(), 'webpack refuses it too');
  assert.match(stats.toString('errors-only'), /export 'startEmulator' \(imported as 'startEmulator'\) was not found in 'ims-client\/emulator'/);
});
