// The size budget (sizes are deterministic, so this is a test, not a benchmark): everything a
// browser downloads for the default entry, the import graph of index.mjs plus any .wasm it
// fetches, at most 80 KB gzip; and nothing it references is missing from the package.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { browserDownload } from '../../scripts/bench/graph.mjs';

const BUDGET_GZIP = 80 * 1024;
const entry = new URL('../../pkg/index.mjs', import.meta.url).pathname;

test('the default entry downloads at most 80 KB gzip, every file present', () => {
  const d = browserDownload(entry);
  console.log(`download: ${d.files.map((f) => f.path).join(', ')}: ${(d.raw / 1024).toFixed(1)} KB raw, ${(d.gzip / 1024).toFixed(1)} KB gzip, ${(d.brotli / 1024).toFixed(1)} KB brotli`);
  assert.deepEqual(d.missing, [], 'files the entry references but the package lacks');
  assert.ok(d.gzip <= BUDGET_GZIP, `${(d.gzip / 1024).toFixed(1)} KB gzip is over the ${BUDGET_GZIP / 1024} KB budget`);
});

test('the CommonJS entry ships what it loads', () => {
  const d = browserDownload(new URL('../../pkg/index.cjs', import.meta.url).pathname);
  assert.deepEqual(d.missing, []);
});
