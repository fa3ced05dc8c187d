#!/usr/bin/env node
// `make bench` (JS part): the built package against baselines measured in the same run.
//   1. parseImagePage on a realistic 500-image page vs a bare JSON.parse of the same text.
//   2. The same from bytes (what a fetch gives) vs TextDecoder + JSON.parse.
//   3. What a browser downloads for the package, gzip and brotli, vs the bare .wasm.
// Medians of many runs, baseline and candidate alternating, printed as ratios. Nothing is asserted:
// these machines are noisy.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { parseImagePage } = await import(join(root, 'pkg', 'index.mjs'));

function page(n) {
  const platforms = ['CentOS', 'Ubuntu', 'Windows', 'EulerOS', 'Debian', 'Red Hat'];
  const images = Array.from({ length: n }, (_, i) => {
    const id = `${(i * 7919).toString(16).padStart(8, '0')}-ba3a-4447-afcc-${i.toString(16).padStart(12, '0')}`;
    const p = platforms[i % platforms.length];
    return {
      schema: '/v2/schemas/image', min_disk: 40 + (i % 60), created_at: '2018-09-06T14:03:27Z', __image_source_type: 'uds',
      container_format: 'bare', file: `/v2/images/${id}/file`, updated_at: '2018-09-06T15:17:33Z', protected: true,
      checksum: 'd41d8cd98f00b204e9800998ecf8427e', id, __isregistered: 'true', min_ram: 2048, __lazyloading: 'True',
      owner: '1bed856811654c1cb661a6ca845ebc77', __os_type: 'Linux', __imagetype: 'gold', visibility: 'public',
      virtual_env_type: 'FusionCompute', tags: ['env=prod', `team.${i % 7}`], __platform: p, size: 0, __os_bit: '64',
      __os_version: `${p} 7.3 64bit`, name: `${p} image number ${i}`, self: `/v2/images/${id}`, disk_format: 'zvhd2',
      virtual_size: null, hw_firmware_type: 'bios', status: 'active', __support_kvm: 'true', __support_agent_list: 'hss,ces',
      __image_size: String(10737418240 + i), __support_fc_inject: 'true', enterprise_project_id: '0',
      __support_kvm_fpga_type: 'VU9P', __quick_start: 'false',
    };
  });
  return JSON.stringify({ images, first: '/v2/images?limit=500', next: '/v2/images?limit=500&marker=x', schema: '/v2/schemas/images' });
}

/** Medians of `a` and `b`, run alternately so that the machine's drift hits both alike. */
function interleaved(a, b, runs) {
  for (let i = 0; i < 30; i++) { a(); b(); }
  const ta = [];
  const tb = [];
  const time = (fn, into) => { const s = process.hrtime.bigint(); fn(); into.push(Number(process.hrtime.bigint() - s) / 1e6); };
  for (let i = 0; i < runs; i++) {
    if (i % 2) { time(a, ta); time(b, tb); } else { time(b, tb); time(a, ta); }
  }
  const med = (t) => t.sort((x, y) => x - y)[Math.floor(t.length / 2)];
  return [med(ta), med(tb)];
}

const text = page(500);
const bytes = new TextEncoder().encode(text);
const runs = Number(process.env.BENCH_RUNS ?? 400);
let sink = 0;
const [base, ours] = interleaved(() => { sink += JSON.parse(text).images.length; }, () => { sink += parseImagePage(text).images.length; }, runs);
const decoder = new TextDecoder();
const [baseBytes, oursBytes] = interleaved(
  () => { sink += JSON.parse(decoder.decode(bytes)).images.length; },
  () => { sink += parseImagePage(bytes).images.length; },
  runs,
);

const row = (label, ms, b) => console.log(`  ${label.padEnd(46)} ${ms.toFixed(3).padStart(8)} ms  ${(ms / b).toFixed(2)}x`);
console.log(`parseImagePage, 500 images, ${(text.length / 1024).toFixed(0)} KB, medians of ${runs} interleaved runs (Node ${process.version})`);
row('baseline: JSON.parse(text)', base, base);
row('parseImagePage(text)', ours, base);
row('baseline: JSON.parse(TextDecoder(bytes))', baseBytes, baseBytes);
row('parseImagePage(bytes)', oursBytes, baseBytes);

const files = ['index.mjs', 'web/ims_client.js', 'wasm-bytes.mjs'].map((f) => readFileSync(join(root, 'pkg', f)));
const all = Buffer.concat(files);
const wasm = readFileSync(join(root, 'pkg', 'node', 'ims_client_bg.wasm'));
console.log('\nWhat a browser downloads (index.mjs + web/ims_client.js + wasm-bytes.mjs)');
console.log(`  raw ${(all.length / 1024).toFixed(1)} KB, gzip ${(gzipSync(all, { level: 9 }).length / 1024).toFixed(1)} KB, brotli ${(brotliCompressSync(all).length / 1024).toFixed(1)} KB`);
console.log(`  baseline: the bare .wasm: raw ${(wasm.length / 1024).toFixed(1)} KB, gzip ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(1)} KB`);
if (sink === 0) console.log('');
