// Every code block of the three READMEs (README.md, pkg-template/README.md, web/README.md) runs here
// as a new user would run it, so no snippet can rot: each is marked, on the line before its fence,
// with how it runs, or why it is only shown:
//   <!-- run: node -->      an ES module, run with Node      <!-- run: cjs -->    a CommonJS script
//   <!-- run: shell -->     bash -e, with the `ims` bin       <!-- run: browser --> an HTML page in Chromium
//   <!-- run: rust -->      statements in a fresh crate's main (`?` allowed), run natively
//   <!-- run: rust-wasm --> items in a fresh crate, built for wasm32 (ims-client-web)
//   <!-- shown: why -->     not run, and why (a command this test itself runs, an excerpt...)
// Snippets that talk to "the cloud" (`region: 'cn-north-4'`) reach the emulator's handler through
// a preloaded fetch (readme/fake-cloud.mjs), which checks AK/SK signatures for the real host name;
// the environment holds the credentials a user would have (HUAWEICLOUD_SDK_AK/_SK, IMS_TOKEN).
// A page's `/api/ims` is a same-origin proxy to an emulator server.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { startEmulator } from 'ims-client/emulator';

import { staticFiles } from '../../www/serve.mjs';
import { launch } from './chromium.mjs';

const root = new URL('../..', import.meta.url).pathname;
const work = join(root, 'build', 'readme');
const READMES = ['README.md', 'pkg-template/README.md', 'web/README.md'];
const KINDS = ['node', 'cjs', 'shell', 'browser', 'rust', 'rust-wasm'];
const ENV = {
  PATH: `${join(work, 'bin')}:${process.env.PATH}`,
  HOME: join(work, 'home'),
  HUAWEICLOUD_SDK_AK: 'AKREADME',
  HUAWEICLOUD_SDK_SK: 'sk-readme-secret',
  HUAWEICLOUD_SDK_REGION: 'cn-north-4',
  IMS_TOKEN: 'tok-readme',
  CARGO_HOME: process.env.CARGO_HOME ?? join(process.env.HOME ?? '', '.cargo'),
  RUSTUP_HOME: process.env.RUSTUP_HOME ?? join(process.env.HOME ?? '', '.rustup'),
};
const FAKE = join(root, 'tests', 'js', 'readme', 'fake-cloud.mjs');

/** Every fenced block of `file`: its language, its marker, its text and where it starts. */
function blocks(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    let j = i - 1;
    while (j >= 0 && lines[j].trim() === '') j--;
    const marker = /^<!-- (run: ([\w-]+)|shown: (.+)) -->$/.exec(lines[j]?.trim() ?? '');
    out.push({ file, line: i + 1, lang: open[1], run: marker?.[2], shown: marker?.[3], code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return out;
}
const all = READMEs => READMEs.flatMap(blocks);
const every = all(READMES);
const of = (kind) => every.filter((b) => b.run === kind);
const where = (b) => `${b.file}:${b.line}`;

/** Runs a command; resolves with its exit code and output. */
function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: ENV, timeout: 300_000, maxBuffer: 1 << 26, ...options }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

before(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'bin'), { recursive: true });
  mkdirSync(join(work, 'home'), { recursive: true });
  // `ims` as an installed bin would be, with the fake cloud preloaded.
  writeFileSync(join(work, 'bin', 'ims'), `#!/bin/sh\nexec node --import ${FAKE} ${join(root, 'pkg', 'cli.mjs')} "$@"\n`, { mode: 0o755 });
});

test('the READMEs open with the two set-up commands, and every code block runs or says why not', () => {
  const head = readFileSync(join(root, 'README.md'), 'utf8').split('\n').slice(0, 4);
  assert.equal(head[0], '# ims-client');
  assert.match(head[2], /^ {4}make demo {3}# /);
  assert.match(head[3], /^ {4}make test {3}# /);
  for (const b of every) {
    assert.ok(b.run || b.shown, `${where(b)}: a code block with no <!-- run: … --> or <!-- shown: … --> marker`);
    if (b.run) assert.ok(KINDS.includes(b.run), `${where(b)}: unknown kind ${b.run}`);
  }
  const counts = Object.fromEntries(KINDS.map((k) => [k, of(k).length]));
  console.log(`# README blocks: ${every.length}; run: ${JSON.stringify(counts)}; shown only: ${every.filter((b) => b.shown).length}`);
  assert.ok(every.filter((b) => b.run).length >= every.length * 0.7, 'most blocks run');
});

test('Node snippets (ES modules and CommonJS) run against the fake cloud', async () => {
  let n = 0;
  for (const b of [...of('node'), ...of('cjs')]) {
    const file = join(work, `snippet-${n++}.${b.run === 'cjs' ? 'cjs' : 'mjs'}`);
    writeFileSync(file, b.code);
    const r = await run(process.execPath, ['--import', FAKE, file], { cwd: work });
    assert.equal(r.code, 0, `${where(b)} exited ${r.code}:\n${r.stderr}\n${r.stdout}`);
  }
  assert.ok(n >= 8, `${n} Node snippets`);
});

test('shell snippets run, the ims bin on the PATH', async () => {
  let n = 0;
  for (const b of of('shell')) {
    const file = join(work, `snippet-${n++}.sh`);
    writeFileSync(file, `set -euo pipefail\n${b.code}\n`);
    const r = await run('bash', [file], { cwd: work });
    assert.equal(r.code, 0, `${where(b)} exited ${r.code}:\n${r.stderr}\n${r.stdout}`);
    assert.ok(r.stdout.length > 0, `${where(b)} printed nothing`);
  }
  assert.ok(n >= 1);
});

let emu;
let browser;
let server;
before(async () => {
  emu = await startEmulator({ count: 120 });
  browser = await launch();
  // The page's server: the package as node_modules holds it, `/api/ims` a same-origin proxy to
  // the emulator, and the snippet at /.
  const files = staticFiles([['/node_modules/ims-client/', join(root, 'pkg')], ['/', join(work, 'page')]]);
  server = http.createServer((req, res) => {
    if (!req.url.startsWith('/api/ims/')) return files(req, res);
    const up = http.request(`${emu.url}${req.url.slice('/api/ims'.length)}`, { headers: { accept: 'application/json' } }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    up.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
});
after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r) ?? r());
  await emu?.close();
});

test('browser snippets run in Chromium: they log, and nothing fails', async () => {
  let n = 0;
  for (const b of of('browser')) {
    mkdirSync(join(work, 'page'), { recursive: true });
    writeFileSync(join(work, 'page', 'index.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">\n${b.code}\n`);
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const logged = new Promise((resolve) => page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : resolve(m.text()))));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const text = await Promise.race([logged, new Promise((r) => setTimeout(() => r(undefined), 30_000))]);
    await page.close();
    assert.deepEqual(errors, [], where(b));
    assert.ok(text, `${where(b)} logged nothing`);
    n++;
  }
  assert.ok(n >= 1);
});

/** A fresh crate depending on the workspace's crates, with the workspace's lock, built in its target dir. */
function crate(name, deps, lib) {
  const dir = join(work, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'Cargo.toml'), `[package]\nname = "${name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[workspace]\n\n[dependencies]\n${deps}\n`);
  copyFileSync(join(root, 'Cargo.lock'), join(dir, 'Cargo.lock'));
  writeFileSync(join(dir, 'src', lib ? 'lib.rs' : 'main.rs'), '');
  return dir;
}

test('Rust snippets: the core natively (run), ims-client-web for wasm32 (built)', async () => {
  const cargo = (dir, args) => run('cargo', args, { cwd: dir, env: { ...ENV, CARGO_TARGET_DIR: join(root, 'target') } });
  const native = of('rust');
  assert.ok(native.length >= 1);
  const dir = crate('readme-core', `ims-client = { path = "${root}" }`, false);
  for (const b of native) {
    const uses = b.code.split('\n').filter((l) => /^use /.test(l));
    const body = b.code.split('\n').filter((l) => !/^use /.test(l));
    writeFileSync(join(dir, 'src', 'main.rs'), `${uses.join('\n')}\n\nfn main() -> Result<(), Box<dyn std::error::Error>> {\n${body.join('\n')}\n    Ok(())\n}\n`);
    const r = await cargo(dir, ['run', '--quiet', '--offline']);
    assert.equal(r.code, 0, `${where(b)}:\n${r.stderr}`);
  }
  const wasm = of('rust-wasm');
  assert.ok(wasm.length >= 2, 'the README and web/README.md each show the web client');
  const web = crate('readme-web', `ims-client = { path = "${root}", default-features = false }\nims-client-web = { path = "${join(root, 'web')}" }\nwasm-bindgen = "=0.2.130"`, true);
  for (const b of wasm) {
    writeFileSync(join(web, 'src', 'lib.rs'), `#![allow(dead_code)]\n${b.code}\n`);
    const r = await cargo(web, ['build', '--quiet', '--offline', '--target', 'wasm32-unknown-unknown']);
    assert.equal(r.code, 0, `${where(b)}:\n${r.stderr}`);
  }
});
