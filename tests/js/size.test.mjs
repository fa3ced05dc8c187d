// The size budget (sizes are deterministic, so this is a test, not a benchmark): everything a
// browser downloads for the default entry, the import graph of index.mjs plus any .wasm it
// fetches, at most 67 KB gzip (what this release reached, 65.8 KB, plus room for a fix: new features
// do not spend it without a measured reason); and nothing it references is missing from the package.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

import { browserDownload } from '../../scripts/bench/graph.mjs';

const BUDGET_GZIP = 67 * 1024;
const entry = new URL('../../pkg/index.mjs', import.meta.url).pathname;

test('the default entry downloads at most 67 KB gzip, every file present', () => {
  const d = browserDownload(entry);
  console.log(`download: ${d.files.map((f) => f.path).join(', ')}: ${(d.raw / 1024).toFixed(1)} KB raw, ${(d.gzip / 1024).toFixed(1)} KB gzip, ${(d.brotli / 1024).toFixed(1)} KB brotli`);
  assert.deepEqual(d.missing, [], 'files the entry references but the package lacks');
  assert.ok(d.gzip <= BUDGET_GZIP, `${(d.gzip / 1024).toFixed(1)} KB gzip is over the ${BUDGET_GZIP / 1024} KB budget`);
});

/**
 * Loads the package from `dir` in a fresh Node (as ESM or CommonJS), signs one request, and
 * reports which files it read and how often the embedded copy's base64 was decoded (`atob`).
 */
function loadIn(dir, format) {
  const preload = `import fs from 'node:fs';
    const read = fs.readFileSync; globalThis.__reads = [];
    fs.readFileSync = function (p, ...rest) { globalThis.__reads.push(String(p)); return read.call(this, p, ...rest); };
    const decode = globalThis.atob; globalThis.__atob = 0;
    globalThis.atob = (s) => { globalThis.__atob++; return decode(s); };`;
  const use = format === 'cjs' ? `const ims = require(${JSON.stringify(join(dir, 'index.cjs'))});` : `const ims = await import(${JSON.stringify(join(dir, 'index.mjs'))});`;
  const script = `${use}
    const h = ims.signRequest({ method: 'GET', url: 'https://h/v2/images', accessKey: 'AK', secretKey: 'SK', date: '20181028T100000Z' });
    console.log(JSON.stringify({ signed: /^SDK-HMAC-SHA256 /.test(h.Authorization), wasm: globalThis.__reads.filter((p) => p.endsWith('core.wasm')).length, atob: globalThis.__atob }));`;
  const args = ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, format === 'cjs' ? '--input-type=commonjs' : '--input-type=module', '-e', script];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim().split('\n').pop());
}

test('Node reads the module from core.wasm (ESM and CommonJS), never decoding the embedded copy', () => {
  const pkg = new URL('../../pkg', import.meta.url).pathname;
  for (const format of ['esm', 'cjs']) {
    assert.deepEqual(loadIn(pkg, format), { signed: true, wasm: 1, atob: 0 }, format);
  }
  // Without the file (a bundler moved the entry away), the embedded copy serves, and is decoded.
  const copy = mkdtempSync(join(tmpdir(), 'ims-pkg-'));
  try {
    cpSync(pkg, copy, { recursive: true });
    rmSync(join(copy, 'core.wasm'));
    for (const format of ['esm', 'cjs']) {
      const r = loadIn(copy, format);
      assert.equal(r.signed, true, format);
      assert.ok(r.atob >= 1, `${format}: the embedded copy was used`);
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  // And the file is in what `npm pack` publishes.
  const files = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).files;
  assert.ok(files.includes('core.wasm'));
});

test('the browser download carries nothing of the Node entry or the bin', () => {
  const d = browserDownload(entry);
  for (const f of d.files) assert.ok(!/node|cli/.test(f.path), `${f.path} is in the browser's graph`);
  const text = d.files.map((f) => readFileSync(join(dirname(entry), f.path), 'utf8')).join('\n');
  for (const word of ['CredentialSearch', 'cliPlan', 'curlCommand', 'node:fs/promises', 'HUAWEICLOUD_SDK_AK']) assert.ok(!text.includes(word), `${word} is in the browser download`);
});

test('the Node entry reads node.wasm beside it, and embeds a copy for bundlers that move it', () => {
  const pkg = new URL('../../pkg', import.meta.url).pathname;
  const preload = `import fs from 'node:fs';
    const read = fs.readFileSync; globalThis.__reads = [];
    fs.readFileSync = function (p, ...rest) { globalThis.__reads.push(String(p)); return read.call(this, p, ...rest); };
    const decode = globalThis.atob; globalThis.__atob = 0;
    globalThis.atob = (s) => { globalThis.__atob++; return decode(s); };`;
  const probe = (dir) => {
    const script = `const n = await import(${JSON.stringify(join(dir, 'node.mjs'))});
      let key; try { n.fromProfile({ file: 1 }); } catch (e) { key = e.key; }
      console.log(JSON.stringify({ key, node: globalThis.__reads.filter((p) => p.endsWith('node.wasm')).length, atob: globalThis.__atob }));`;
    return JSON.parse(execFileSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, '--input-type=module', '-e', script], { encoding: 'utf8' }).trim().split('\n').pop());
  };
  assert.deepEqual(probe(pkg), { key: 'file', node: 1, atob: 0 });
  const copy = mkdtempSync(join(tmpdir(), 'ims-pkg-'));
  try {
    cpSync(pkg, copy, { recursive: true });
    rmSync(join(copy, 'node.wasm'));
    const r = probe(copy);
    assert.equal(r.key, 'file');
    assert.ok(r.atob >= 1, 'the embedded copy was used');
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
