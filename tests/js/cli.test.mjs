// The `ims` bin as a shell user runs it: a separate process, its output through a pipe (read back
// by a real CSV parser, NDJSON line by line), its exit code and stderr, against the emulator with
// AK/SK required (the emulator checks every signature). Also: a 10,000-image walk with its peak RSS,
// Ctrl-C mid-walk, a terminal's progress line (through `script`'s pseudo-terminal), every exit code,
// the help listing every filter, the `request` command's curl run for real.
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { parse as parseCsv } from 'csv-parse/sync';
import { ImsClient, regions } from 'ims-client';
import { startEmulator } from 'ims-client/emulator';

import { startServer } from './server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(root, 'pkg', 'cli.mjs');
const AKSK = { accessKey: 'AKCLI', secretKey: 'SKCLI-secret' };
const home = mkdtempSync(join(tmpdir(), 'ims-cli-home-'));
/** The bin's environment: keys in the official variables, a home without a profile file. */
const ENV = { PATH: process.env.PATH, HOME: home, HUAWEICLOUD_SDK_AK: AKSK.accessKey, HUAWEICLOUD_SDK_SK: AKSK.secretKey };

let emu;
before(async () => {
  emu = await startEmulator({ count: 400, aksk: AKSK });
});
after(async () => {
  await emu.close();
});

/**
 * Runs `ims args...`; resolves with its exit code and output (never rejects).
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
function ims(args, { env = ENV, node = [] } = {}) {
  return new Promise((resolve) => {
    execFile('node', [...node, BIN, ...args], { env, maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

const lines = (text) => text.split('\n').filter((l) => l !== '');
const catalogue = () => emu.images;

test('ndjson when piped: one image per line, every filter page walked with --all', async () => {
  const r = await ims(['list', '--endpoint', emu.url, '--os-type', 'Linux', '--all', '--limit', '37']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'nothing on stderr when it is not a terminal');
  const rows = lines(r.stdout).map((l) => JSON.parse(l));
  assert.ok(rows.length > 37 * 2, 'several pages');
  assert.ok(rows.every((i) => i.osType === 'Linux'));
  // The same walk through the library (itself checked against the emulator's catalogue).
  const lib = [];
  for await (const i of new ImsClient({ endpoint: emu.url, credentials: AKSK }).listImagesAll({ osType: 'Linux', limit: 37 })) lib.push(i);
  assert.deepEqual(rows, JSON.parse(JSON.stringify(lib)));
  assert.equal(new Set(rows.map((i) => i.id)).size, rows.length);
  const expected = catalogue().filter((i) => i.__os_type === 'Linux');
  assert.ok(expected.length >= rows.length && rows.length > 0);
});

test('json, csv (read back by csv-parse), table; --fields picks and orders', async () => {
  const args = ['list', '--endpoint', emu.url, '--limit', '25', '--sort-key', 'name', '--sort-dir', 'asc'];
  const nd = lines((await ims([...args, '--output', 'ndjson'])).stdout).map((l) => JSON.parse(l));
  const json = await ims([...args, '--output', 'json']);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), nd);
  const names = nd.map((i) => i.name);
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'sorted by name, as asked');

  const csv = await ims([...args, '--output', 'csv', '--fields', 'id,name,tags,minDisk,osBit,supportKvm']);
  assert.equal(csv.code, 0, csv.stderr);
  assert.ok(csv.stdout.endsWith('\r\n'), 'RFC 4180 line ends');
  const records = parseCsv(csv.stdout, { columns: true });
  assert.equal(records.length, 25);
  assert.deepEqual(Object.keys(records[0]), ['id', 'name', 'tags', 'minDisk', 'osBit', 'supportKvm']);
  records.forEach((rec, i) => {
    const img = nd[i];
    assert.equal(rec.id, img.id);
    assert.equal(rec.name, img.name);
    assert.equal(rec.tags, (img.tags ?? []).join(';'));
    assert.equal(rec.minDisk, img.minDisk === undefined ? '' : String(img.minDisk));
    assert.equal(rec.supportKvm, img.supportKvm === undefined ? '' : String(img.supportKvm));
  });
  // Without --fields: every field of the table, then extra.
  const all = parseCsv((await ims([...args, '--output', 'csv'])).stdout, { columns: true });
  assert.ok(Object.keys(all[0]).length > 60 && Object.keys(all[0]).at(-1) === 'extra');

  const picked = lines((await ims([...args, '--fields', 'osBit,id'])).stdout).map((l) => JSON.parse(l));
  assert.deepEqual(Object.keys(picked[0]), ['osBit', 'id']);

  const table = await ims([...args, '--output', 'table', '--fields', 'id,name,osBit']);
  const t = lines(table.stdout);
  assert.equal(t.length, 26);
  assert.match(t[0], /^id\s+name\s+osBit$/);
  assert.ok(t[1].startsWith(nd[0].id));
});

test('CSV cells a spreadsheet would run are defused; quotes, commas, line breaks survive', async () => {
  const server = await startServer();
  try {
    const tricky = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', 'a,b', 'say "hi"', 'two\nlines', 'plain'];
    server.handle(() => ({ body: { images: tricky.map((name, i) => ({ id: `id-${i}`, name, tags: i === 0 ? ['=cmd', 'b'] : [], min_disk: -1 })) } }));
    const r = await ims(['list', '--endpoint', server.url, '--output', 'csv', '--fields', 'id,name,tags,minDisk']);
    assert.equal(r.code, 0, r.stderr);
    const recs = parseCsv(r.stdout, { columns: true });
    assert.deepEqual(
      recs.map((x) => x.name),
      ["'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-2", "'@SUM(A1)", 'a,b', 'say "hi"', 'two\nlines', 'plain'],
    );
    assert.equal(recs[0].tags, "'=cmd;b");
    assert.equal(recs[0].minDisk, '-1', 'a number is not defused');
  } finally {
    await server.close();
  }
});

test('show, regions, and a token from IMS_TOKEN', async () => {
  const id = catalogue()[7].id;
  const shown = await ims(['show', id, '--endpoint', emu.url, '--output', 'json']);
  assert.equal(shown.code, 0, shown.stderr);
  const lib = await new ImsClient({ endpoint: emu.url, credentials: AKSK }).glanceShowImage(id);
  assert.deepEqual(JSON.parse(shown.stdout), JSON.parse(JSON.stringify(lib)));
  const table = lines((await ims(['show', id, '--endpoint', emu.url, '--output', 'table'])).stdout);
  assert.ok(table.some((l) => /^id\s+/.test(l) && l.endsWith(id)));

  const reg = lines((await ims(['regions'])).stdout).map((l) => JSON.parse(l));
  assert.deepEqual(reg.map((r) => r.id), regions);
  assert.ok(reg.every((r) => r.endpoint === `https://ims.${r.id}.myhuaweicloud.com`));

  const tokenEmu = await startEmulator({ count: 5, token: 'tok-cli-secret' });
  try {
    const r = await ims(['list', '--endpoint', tokenEmu.url], { env: { PATH: process.env.PATH, HOME: home, IMS_TOKEN: 'tok-cli-secret' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(lines(r.stdout).length, 5);
    const req = await ims(['request', 'listImages', '--endpoint', tokenEmu.url], { env: { PATH: process.env.PATH, HOME: home, IMS_TOKEN: 'tok-cli-secret' } });
    assert.ok(!req.stdout.includes('tok-cli-secret') && req.stdout.includes('X-Auth-Token: <hidden'), req.stdout);
  } finally {
    await tokenEmu.close();
  }
});

test('request prints the signed request as curl; with --show-secrets it runs as is', async () => {
  const hidden = await ims(['request', 'listImages', '--endpoint', emu.url, '--limit', '2', '--os-type', 'Linux']);
  assert.equal(hidden.code, 0, hidden.stderr);
  assert.ok(!hidden.stdout.includes('Signature=') && hidden.stdout.includes('Authorization: <hidden'), hidden.stdout);
  const shown = await ims(['request', 'listImages', '--endpoint', emu.url, '--limit', '2', '--os-type', 'Linux', '--show-secrets']);
  assert.match(shown.stdout, /^curl -sS -X GET 'http:\/\/127\.0\.0\.1:\d+\/v2\/cloudimages\?__os_type=Linux&limit=2'/);
  assert.ok(!shown.stdout.includes(AKSK.secretKey), 'the secret key itself is never printed, only the signature');
  // Asynchronously: the emulator answering it runs in this process.
  const curl = await new Promise((resolve) => execFile('sh', ['-c', shown.stdout], (err, stdout, stderr) => resolve({ err, stdout, stderr })));
  assert.equal(curl.err, null, curl.stderr);
  const body = JSON.parse(curl.stdout);
  assert.equal(body.images.length, 2, 'the emulator accepted the signature curl sent');
  const one = await ims(['request', 'glanceShowImage', catalogue()[0].id, '--endpoint', emu.url]);
  assert.match(one.stdout, new RegExp(`/v2/images/${catalogue()[0].id}'`));
});

test('exit codes: 0, 2 (usage, invalid argument), 3 (http), 4 (network, timeout, parse, pagination)', async () => {
  const noStack = (r) => assert.ok(!/\n\s+at /.test(r.stderr), `no stack trace: ${r.stderr}`);
  for (const [args, key] of [
    [['list', '--endpoint', emu.url, '--os-tpye', 'Linux'], '--os-tpye'],
    [['list', '--endpoint', emu.url, '--limit', '0'], '--limit'],
    [['list', '--region', 'cn-north4'], '--region'],
    [['lsit'], '<command>'],
    [['list', '--endpoint', emu.url, '--fields', 'id,nope'], '--fields'],
  ]) {
    const r = await ims(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.startsWith(`ims: ${key}: `), r.stderr);
    assert.equal(r.stdout, '');
    noStack(r);
  }
  assert.match((await ims(['list', '--region', 'cn-north4'])).stderr, /did you mean "cn-north-4"/);
  // Credentials looked for and not found: invalid-argument naming credentials, nothing sent.
  const none = await ims(['list', '--endpoint', emu.url, '--profile', 'nope'], { env: { PATH: process.env.PATH, HOME: home } });
  assert.equal(none.code, 2, none.stderr);
  assert.match(none.stderr, /^ims: credentials: no credentials found; looked in the profile file/);

  const missing = await ims(['show', 'no-such-image', '--endpoint', emu.url]);
  assert.equal(missing.code, 3, missing.stderr);
  assert.match(missing.stderr, /kind http, status 404, code IMG\.\d+, request id \S+/);
  noStack(missing);

  const closed = http.createServer();
  await new Promise((r) => closed.listen(0, '127.0.0.1', r));
  const port = closed.address().port;
  await new Promise((r) => closed.close(r));
  const refused = await ims(['list', '--endpoint', `http://127.0.0.1:${port}`, '--max-retries', '0']);
  assert.equal(refused.code, 4, refused.stderr);
  assert.match(refused.stderr, new RegExp(`request to 127\\.0\\.0\\.1:${port} failed: .*ECONNREFUSED`));
  assert.match(refused.stderr, /kind network/);

  const slow = await startEmulator({ count: 5, aksk: AKSK, latencyMs: 1000 });
  try {
    const timedOut = await ims(['list', '--endpoint', slow.url, '--timeout-ms', '100', '--max-retries', '0']);
    assert.equal(timedOut.code, 4, timedOut.stderr);
    assert.match(timedOut.stderr, /kind timeout/);
  } finally {
    await slow.close();
  }

  const server = await startServer();
  try {
    server.handle(() => ({ body: 'not json' }));
    const parse = await ims(['list', '--endpoint', server.url]);
    assert.equal(parse.code, 4, parse.stderr);
    assert.match(parse.stderr, /kind parse/);
    server.handle(() => ({ body: { images: [{ id: 'a' }], page_info: { next_marker: 'same' } } }));
    const loop = await ims(['list', '--endpoint', server.url, '--all']);
    assert.equal(loop.code, 4, loop.stderr);
    assert.match(loop.stderr, /kind pagination/);
    assert.equal(lines(loop.stdout).length, 1, 'the page before the repeated marker was written');
  } finally {
    await server.close();
  }
});

test('Ctrl-C mid-walk: no further request, whole pages written, exit 130', async () => {
  // A proxy in front of the emulator that holds the third page's answer until the test says.
  let requests = 0;
  let release;
  const held = new Promise((r) => (release = r));
  let third;
  const arrived = new Promise((r) => (third = r));
  const proxy = http.createServer(async (req, res) => {
    const n = ++requests;
    if (n === 3) {
      third();
      await held;
    }
    const up = http.request(`${emu.url}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    up.end();
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${proxy.address().port}`;
  try {
    const child = spawn('node', [BIN, 'list', '--endpoint', url, '--all', '--limit', '50'], { env: ENV });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    await arrived;
    child.kill('SIGINT');
    const code = await new Promise((r) => child.on('exit', (c) => r(c)));
    release();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(code, 130, err);
    assert.equal(requests, 3, 'nothing sent after Ctrl-C');
    const rows = lines(out).map((l) => JSON.parse(l));
    assert.equal(rows.length, 100, 'the two pages that arrived, whole');
    assert.match(err, /^ims: interrupted\n$/);
  } finally {
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
  }
});

test('--all over 10,000 images keeps its peak RSS flat', async () => {
  // A preloaded probe samples the bin every 20 ms: its live heap after a full GC (what it keeps)
  // and its resident set, and writes the peaks at exit. A 10,000-image and a 20,000-image walk in
  // pages of 500: keeping one page at a time, both peaks stay where the first pages put them;
  // keeping the images would add the second 10,000 (10.7 MB of JSON, several times that as
  // objects) to both.
  const probe = join(home, 'rss-probe.mjs');
  writeFileSync(
    probe,
    `import { writeFileSync } from 'node:fs';
let live = 0;
setInterval(() => { globalThis.gc(); const m = process.memoryUsage(); live = Math.max(live, m.heapUsed + m.external); }, 20).unref();
process.on('exit', () => writeFileSync(process.env.RSS_OUT, JSON.stringify({ live, rss: process.resourceUsage().maxRSS * 1024 })));
`,
  );
  const peak = async (count) => {
    const e = await startEmulator({ count, aksk: AKSK });
    try {
      const out = join(home, `rss-${count}`);
      const r = await ims(['list', '--endpoint', e.url, '--all', '--limit', '500'], { env: { ...ENV, RSS_OUT: out }, node: ['--expose-gc', '--import', probe] });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(lines(r.stdout).length, count);
      return { ...JSON.parse(readFileSync(out, 'utf8')), bytes: Buffer.byteLength(r.stdout) };
    } finally {
      await e.close();
    }
  };
  const ten = await peak(10000);
  const twenty = await peak(20000);
  const more = twenty.bytes - ten.bytes;
  const mb = (n) => `${n >= 0 ? '' : '-'}${(Math.abs(n) / 2 ** 20).toFixed(1)} MB`;
  console.log(`# 10,000 images: peak RSS ${mb(ten.rss)}, live ${mb(ten.live)}; 20,000: ${mb(twenty.rss)}, live ${mb(twenty.live)}; the second 10,000 are ${mb(more)} of NDJSON`);
  assert.ok(twenty.live - ten.live < more / 4, `the live heap grew by ${mb(twenty.live - ten.live)}`);
  assert.ok(twenty.rss - ten.rss < more, `peak RSS grew by ${mb(twenty.rss - ten.rss)}`);
});

test('a terminal gets a table and a progress line on stderr', (t) => {
  if (spawnSync('script', ['--version']).status !== 0) return t.skip('util-linux `script` is not installed: no pseudo-terminal to test with');
  return (async () => {
    const cmd = `node ${BIN} list --endpoint ${emu.url} --all --limit 100 --fields id,name`;
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env: ENV });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const code = await new Promise((r) => child.on('exit', (c) => r(c)));
    assert.equal(code, 0, out);
    assert.match(out, /^id\s+name\r?$/m, 'a table by default on a terminal');
    assert.match(out, /4 pages, 400 images, \d+ images\/s/, 'progress: pages, images, rate');
  })();
});

test('--help lists every filter of GET /v2/cloudimages with its meaning', async () => {
  // The 36 names of the newest URI template, as the document writes them, plus flavor_id and
  // architecture (tests/query.rs has the same hand-written list); each flag by the contract's rule.
  const template = '__isregistered,__imagetype,__whole_image,__system__cmkid,protected,visibility,owner,id,status,name,container_format,disk_format,min_ram,min_disk,__os_bit,__platform,marker,limit,sort_key,sort_dir,__os_type,tag,member_status,__support_kvm,__support_xen,__support_largememory,__support_diskintensive,__support_highperformance,__support_xen_gpu_type,__support_kvm_gpu_type,__support_xen_hana,__support_kvm_infiniband,virtual_env_type,enterprise_project_id,created_at,updated_at';
  const wire = [...template.split(','), 'flavor_id', 'architecture'];
  assert.equal(wire.length, 38);
  const flag = (w) => `--${w.split('_').filter(Boolean).map((p) => p.toLowerCase()).join('-')}`;
  const main = await ims(['--help']);
  assert.equal(main.code, 0);
  const list = await ims(['list', '--help']);
  assert.equal(list.code, 0);
  for (const w of wire) {
    assert.ok(main.stdout.includes(flag(w)), `${flag(w)} in ims --help`);
    assert.match(list.stdout, new RegExp(`^  ${flag(w)}[ ,\\n]`, 'm'), `${flag(w)} in ims list --help`);
  }
  const entries = list.stdout.split('\n').filter((l) => /^ {2}--/.test(l));
  assert.ok(entries.length >= 38);
  assert.match(list.stdout, /--os-type Linux\|Windows\|Other\n\s+The OS type/);
  assert.match(list.stdout, /--support-kvm, --no-support-kvm\n/);
  assert.match(list.stdout, /--created-at OP:TIME\n\s+Creation time filter: OP:TIME; .*OP is one of gt, gte, lt, lte, eq, neq\./s);
  assert.ok(!(await ims(['glance-list', '--help'])).stdout.includes('--architecture'), 'glance-list lists only its own filters');
});
