#!/usr/bin/env node
// The Rust web client's own tests, run as a Rust web app's are: `wasm-pack test --node` or
// `--headless --chrome` in web/. This script starts what they talk to (the IMS emulator, one
// that requires AK/SK signatures, the scenario server), computes what the catalogue says a
// filtered walk returns, writes the differential bodies for the `to_js` comparison (Node only),
// and hands all of it to the build as environment variables (the tests read them with
// option_env!).
//   node scripts/web-test.mjs --node | --chrome
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { startEmulator } from '../emulator/ims-emulator.mjs';
import { generator } from '../tests/js/bodies.mjs';
import { startScenarios } from '../tests/js/scenarios.mjs';

const root = new URL('..', import.meta.url).pathname;
const mode = process.argv[2] === '--chrome' ? 'chrome' : 'node';

/** The core's field table, from the oracle the differential test uses. */
async function fields() {
  execFileSync('cargo', ['build', '--quiet', '--example', 'oracle'], { cwd: root, stdio: 'inherit' });
  const oracle = spawn(join(root, 'target/debug/examples/oracle'), [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise((resolve) => {
    createInterface({ input: oracle.stdout }).once('line', resolve);
    oracle.stdin.write('{"op":"fields"}\n');
  });
  oracle.stdin.end();
  return JSON.parse(line);
}

/** Fixtures, 2,500 generated pages and images (the differential test's generator), as [{ op, body }]. */
async function bodies(file) {
  const out = [];
  const dir = join(root, 'tests/fixtures');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('sign_') && !f.startsWith('regions'))) {
    out.push({ op: f.startsWith('glance_show') ? 'image' : 'page', body: readFileSync(join(dir, f), 'utf8') });
  }
  const { pageText, imageText } = generator(await fields(), 20261201);
  for (let i = 0; i < 2500; i++) out.push({ op: 'page', body: pageText() }, { op: 'image', body: imageText() });
  writeFileSync(file, JSON.stringify(out));
}

const emu = await startEmulator({ seed: 42, count: 2000 });
const signing = await startEmulator({ seed: 42, count: 50, aksk: { accessKey: 'AKWEB', secretKey: 'sk-web-secret' } });
const scenarios = await startScenarios();
let code = 1;
try {
  const expect = emu.images.filter((i) => i.__imagetype === 'gold' && i.__os_type === 'Linux').map((i) => i.id).sort().join(',');
  const dir = join(root, 'build', 'web-test');
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, IMS_EMU: emu.url, IMS_EMU_AKSK: signing.url, IMS_SCENARIO: scenarios.url, IMS_EXPECT: expect };
  if (mode === 'node') {
    env.IMS_BODIES = join(dir, 'bodies.json');
    env.IMS_PKG = join(root, 'pkg', 'index.cjs');
    await bodies(env.IMS_BODIES);
  }
  const args = mode === 'node' ? ['test', '--node', '--', '--test', 'node'] : ['test', '--headless', '--chrome', '--', '--test', 'browser'];
  // Asynchronously: the servers answer from this process's event loop.
  const child = spawn('wasm-pack', args, { cwd: join(root, 'web'), env, stdio: 'inherit' });
  code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
} finally {
  await Promise.all([emu.close(), signing.close(), scenarios.close()]);
}
process.exit(code);
