// The IMS emulator itself, in both its forms (IMS_EMULATOR=server: startEmulator over HTTP;
// in-page: createEmulator's fetch, no server): every /v2/cloudimages filter against the seeded
// catalogue, with the expected set computed here, independently of the emulator's own filter
// code; plus paging, sorting, validation, auth, faults, CORS, request ids, the schemas and version
// discovery.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { catalogue, ENTERPRISE_PROJECTS, FLAVORS, NOT_GRANTED_PROJECT, OWNERS, SELF } from '../../emulator/catalogue.mjs';
import { createEmulator, startEmulator } from 'ims-client/emulator';
import { ImsClient, ImsError, signRequest } from 'ims-client';

const FORM = process.env.IMS_EMULATOR ?? 'server';
/** An emulator of this run's form: `{ url, fetch, images, requests, close }`. */
async function start(options) {
  if (FORM === 'in-page') {
    const e = createEmulator(options);
    return { url: e.url, fetch: e.fetch, images: e.images, get requests() { return e.requests; }, close: async () => {} };
  }
  const e = await startEmulator(options);
  return { url: e.url, fetch: (u, init) => fetch(u, init), images: e.images, get requests() { return e.requests; }, close: () => e.close() };
}

const images = catalogue({ seed: 42, count: 2000 });
let emu;
before(async () => { emu = await start({ seed: 42, count: 2000 }); });
after(() => emu.close());

/** Every page of a raw /v2/cloudimages query, following markers, sorted by id. */
async function fetchAll(query, path = '/v2/cloudimages') {
  const ids = [];
  let marker;
  for (let guard = 0; guard < 100; guard++) {
    const q = new URLSearchParams(query);
    q.set('sort_key', 'id');
    q.set('sort_dir', 'asc');
    q.set('limit', '1000');
    if (marker) q.set('marker', marker);
    const res = await emu.fetch(`${emu.url}${path}?${q}`);
    assert.equal(res.status, 200, `${q}: ${await res.clone().text()}`);
    const page = (await res.json()).images;
    ids.push(...page.map((i) => i.id));
    if (page.length < 1000) return ids;
    marker = page[page.length - 1].id;
  }
  throw new Error('too many pages');
}

const T = (v) => typeof v === 'string' && v.toLowerCase() === 'true';
const tagged = (img, t) => img.tags.includes(t) || img.tags.includes(t.replace('=', '.'));
const ms = (s) => Date.parse(s.includes('T') ? s : `${s.replace(' ', 'T')}Z`);
const pivot = '2021-01-01T00:00:00Z';

// [query, the expected predicate written from the document's description]
const CASES = [
  [[['__imagetype', 'gold']], (i) => i.__imagetype === 'gold'],
  [[['__imagetype', 'market']], (i) => i.__imagetype === 'market'],
  [[['visibility', 'private']], (i) => i.visibility === 'private'],
  [[['visibility', 'shared'], ['member_status', 'accepted']], (i) => i.visibility === 'shared' && i.$member === 'accepted'],
  [[['visibility', 'shared'], ['member_status', 'rejected']], (i) => i.visibility === 'shared' && i.$member === 'rejected'],
  [[['visibility', 'shared'], ['member_status', 'pending'], ['__os_type', 'Linux']], (i) => i.visibility === 'shared' && i.$member === 'pending' && i.__os_type === 'Linux'],
  [[['protected', 'true']], (i) => i.protected === true],
  [[['owner', SELF]], (i) => i.owner === SELF],
  [[['id', images[7].id]], (i) => i.id === images[7].id],
  [[['name', images[11].name]], (i) => i.name === images[11].name],
  [[['status', 'queued']], (i) => i.status === 'queued'],
  [[['container_format', 'bare']], (i) => i.container_format === 'bare'],
  [[['container_format', 'ovf']], (i) => i.container_format === 'ovf'],
  [[['disk_format', 'qcow2']], (i) => i.disk_format === 'qcow2'],
  [[['min_ram', '4096']], (i) => i.min_ram === 4096],
  [[['min_disk', String(images[3].min_disk)]], (i) => i.min_disk === images[3].min_disk],
  [[['__os_bit', '32']], (i) => i.__os_bit === '32'],
  [[['__platform', 'Oracle Linux']], (i) => i.__platform === 'Oracle Linux'],
  [[['__platform', 'Windows'], ['__os_bit', '32']], (i) => i.__platform === 'Windows' && i.__os_bit === '32'],
  [[['__os_type', 'Other']], (i) => i.__os_type === 'Other'],
  [[['__isregistered', 'false']], (i) => i.__isregistered === 'false'],
  [[['__whole_image', 'true']], (i) => T(i.__whole_image)],
  [[['__system__cmkid', images.find((i) => i.__system__cmkid).__system__cmkid]], (i) => i.__system__cmkid === images.find((x) => x.__system__cmkid).__system__cmkid],
  [[['tag', 'env=prod']], (i) => tagged(i, 'env=prod')],
  [[['tag', 'a=b']], (i) => i.tags.includes('a.b')],
  [[['tag', 'team=web'], ['tag', 'gpu']], (i) => i.tags.includes('team.web') && i.tags.includes('gpu')],
  ...['__support_kvm', '__support_xen', '__support_largememory', '__support_diskintensive', '__support_highperformance',
    '__support_xen_hana', '__support_kvm_infiniband'].map((k) => [[[k, 'true']], (i) => i[k] === 'true']),
  [[['__support_xen_gpu_type', 'M60_vGPU']], (i) => i.__support_xen_gpu_type === 'M60_vGPU'],
  [[['__support_kvm_gpu_type', 'T4']], (i) => i.__support_kvm_gpu_type === 'T4'],
  [[['virtual_env_type', 'IsoImage']], (i) => i.virtual_env_type === 'IsoImage'],
  [[['enterprise_project_id', '0']], (i) => (i.enterprise_project_id ?? '0') === '0'],
  [[['enterprise_project_id', ENTERPRISE_PROJECTS[2]]], (i) => i.enterprise_project_id === ENTERPRISE_PROJECTS[2]],
  // Every project the caller is granted: not the one it is not.
  [[['enterprise_project_id', 'all_granted_eps']], (i) => (i.enterprise_project_id ?? '0') !== NOT_GRANTED_PROJECT],
  [[['flavor_id', 'kc1.large.2']], (i) => i.virtual_env_type === 'FusionCompute' && i.min_ram <= FLAVORS['kc1.large.2'].ram && i.__support_arm === 'true'],
  [[['architecture', 'arm']], (i) => i.__support_arm === 'true'],
  [[['architecture', 'x86'], ['__os_bit', '64'], ['__imagetype', 'private']], (i) => i.__support_arm !== 'true' && i.__os_bit === '64' && i.__imagetype === 'private'],
  ...['gt', 'gte', 'lt', 'lte'].map((op) => [[['created_at', `${op}:${pivot}`]], (i) => ({ gt: (a, b) => a > b, gte: (a, b) => a >= b, lt: (a, b) => a < b, lte: (a, b) => a <= b })[op](ms(i.created_at), ms(pivot))]),
  [[['created_at', `eq:${images[5].created_at}`]], (i) => i.created_at === images[5].created_at],
  [[['created_at', `neq:${images[5].created_at}`]], (i) => i.created_at !== images[5].created_at],
  [[['updated_at', 'lt:2019-06-30 12:00:00']], (i) => ms(i.updated_at) < ms('2019-06-30 12:00:00')],
];

test('every /v2/cloudimages filter matches the catalogue computed independently', async () => {
  for (const [query, expected] of CASES) {
    const want = images.filter(expected).map((i) => i.id).sort();
    const got = await fetchAll(query);
    assert.deepEqual(got, want, JSON.stringify(query));
    // A proper subset: a case that selects nothing, or everything, cannot catch an ignored parameter.
    assert.ok(want.length > 0 && want.length < images.length, `${JSON.stringify(query)} selects ${want.length} of ${images.length}: a weak case`);
    // And each parameter of a combined case counts: without it, the answer differs.
    const keys = [...new Set(query.map(([k]) => k))];
    if (keys.length > 1 && !keys.includes('member_status')) {
      for (const k of keys) {
        const without = await fetchAll(query.filter(([q]) => q !== k));
        assert.notDeepEqual(without, got, `${JSON.stringify(query)}: ${k} changes nothing`);
      }
    }
  }
  // The catalogue exercises every documented value family.
  for (const [field, values] of Object.entries({
    __imagetype: ['gold', 'private', 'shared', 'market'], __os_type: ['Linux', 'Windows', 'Other'], __os_bit: ['32', '64'],
    hw_firmware_type: ['bios', 'uefi'], virtual_env_type: ['FusionCompute', 'DataImage', 'Ironic', 'IsoImage'],
    __platform: ['Windows', 'Ubuntu', 'Red Hat', 'SUSE', 'CentOS', 'Debian', 'OpenSUSE', 'Oracle Linux', 'Fedora', 'Other', 'CoreOS', 'EulerOS'],
    $member: ['accepted', 'rejected', 'pending'], $arch: ['x86', 'arm'], owner: OWNERS,
  })) for (const v of values) assert.ok(images.some((i) => i[field] === v), `${field}=${v}`);
});

test('default limit 500, sort keys and directions, marker paging', async () => {
  const res = await (await emu.fetch(`${emu.url}/v2/cloudimages`)).json();
  assert.equal(res.images.length, 500);
  const byDefault = [...images].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id < b.id ? 1 : -1));
  assert.deepEqual(res.images.map((i) => i.id), byDefault.slice(0, 500).map((i) => i.id), 'created_at desc by default');
  assert.ok(!('$member' in res.images[0]) && !('$arch' in res.images[0]), 'internal fields are never sent');
  assert.ok(emu.images.every((i) => Object.keys(i).every((k) => !k.startsWith('$'))), 'emu.images holds wire objects');
  assert.deepEqual(emu.images.map((i) => i.id), images.map((i) => i.id));
  for (const key of ['name', 'container_format', 'disk_format', 'status', 'id', 'size', 'created_at']) {
    for (const dir of ['asc', 'desc']) {
      const page = (await (await emu.fetch(`${emu.url}/v2/cloudimages?sort_key=${key}&sort_dir=${dir}&limit=50`)).json()).images;
      // The page starts at the catalogue's least (asc) or greatest (desc) value, computed here; the
      // catalogue has several values of each key, so an ignored sort shows.
      const values = images.map((i) => i[key]).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      assert.notEqual(values[0], values.at(-1), `${key}: one value in the catalogue`);
      assert.equal(page[0][key], dir === 'asc' ? values[0] : values.at(-1), `${key} ${dir}`);
      for (let k = 1; k < page.length; k++) {
        const [a, b] = [page[k - 1][key], page[k][key]];
        assert.ok(dir === 'asc' ? a <= b : a >= b, `${key} ${dir}`);
      }
    }
  }
  const first = (await (await emu.fetch(`${emu.url}/v2/cloudimages?sort_key=name&limit=3`)).json()).images;
  const second = (await (await emu.fetch(`${emu.url}/v2/cloudimages?sort_key=name&limit=3&marker=${first[2].id}`)).json()).images;
  const both = (await (await emu.fetch(`${emu.url}/v2/cloudimages?sort_key=name&limit=6`)).json()).images;
  assert.deepEqual([...first, ...second].map((i) => i.id), both.map((i) => i.id));
});

test('bad values get a 400 with an IMS error body', async () => {
  for (const q of ['sort_key=status%20', 'sort_key=min_ram', 'sort_dir=up', 'limit=0', 'limit=x', 'member_status=accepted', 'protected=yes',
    'created_at=before:2018-10-28T10:00:00Z', 'created_at=lt:2018-13-01T00:00:00Z', 'created_at=lt:yesterday', '__os_bit=16',
    'marker=nope', 'flavor_id=x9.huge', 'architecture=mips', '__imagetype=public', 'name=a&name=b']) {
    const res = await emu.fetch(`${emu.url}/v2/cloudimages?${q}`);
    assert.equal(res.status, 400, q);
    const body = await res.json();
    assert.equal(body.error.code, 'IMG.0001', q);
    assert.match(res.headers.get('x-request-id'), /^emu-/);
  }
  const res = await emu.fetch(`${emu.url}/v2/images/does-not-exist`);
  assert.equal(res.status, 404);
  assert.equal((await res.json()).error.code, 'IMG.0404');
});

test('CORS preflight allows the client headers', async () => {
  const res = await emu.fetch(`${emu.url}/v2/cloudimages`, { method: 'OPTIONS', headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'GET' } });
  assert.equal(res.status, 204);
  const allowed = res.headers.get('access-control-allow-headers').toLowerCase();
  for (const h of ['x-auth-token', 'x-project-id', 'x-sdk-date', 'authorization', 'x-security-token']) assert.ok(allowed.includes(h), h);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
});

test('optional auth: a token, or AK/SK signatures (wrong or stale ones get 401)', async () => {
  const tokenEmu = await start({ count: 10, token: 'tok-1' });
  const sigEmu = await start({ count: 10, aksk: { accessKey: 'AKEMU', secretKey: 'sk-emu' } });
  try {
    assert.equal((await tokenEmu.fetch(`${tokenEmu.url}/v2/cloudimages`)).status, 401);
    assert.equal((await tokenEmu.fetch(`${tokenEmu.url}/v2/cloudimages`, { headers: { 'X-Auth-Token': 'tok-1' } })).status, 200);
    const url = `${sigEmu.url}/v2/cloudimages?limit=2&tag=a`;
    const good = signRequest({ method: 'GET', url, accessKey: 'AKEMU', secretKey: 'sk-emu' });
    assert.equal((await sigEmu.fetch(url, { headers: good })).status, 200);
    const wrong = signRequest({ method: 'GET', url, accessKey: 'AKEMU', secretKey: 'not-it' });
    const r1 = await sigEmu.fetch(url, { headers: wrong });
    assert.equal(r1.status, 401);
    assert.equal((await r1.json()).error_code, 'APIGW.0301');
    const stale = signRequest({ method: 'GET', url, accessKey: 'AKEMU', secretKey: 'sk-emu', date: new Date(Date.now() - 3600_000) });
    const r2 = await sigEmu.fetch(url, { headers: stale });
    assert.equal(r2.status, 401);
    assert.equal((await r2.json()).error_code, 'APIGW.0303');
  } finally {
    await tokenEmu.close();
    await sigEmu.close();
  }
});

test('fault injection: errors, throttling with Retry-After, truncated bodies, latency', async () => {
  const errors = await start({ count: 10, errorRate: 1 });
  const throttled = await start({ count: 10, throttleRate: 1 });
  const truncated = await start({ count: 10, truncateRate: 1 });
  const slow = await start({ count: 10, latencyMs: 300 });
  try {
    const statuses = new Set();
    for (let i = 0; i < 12; i++) statuses.add((await errors.fetch(`${errors.url}/v2/cloudimages`)).status);
    assert.deepEqual([...statuses].sort(), [500, 503]);
    const t = await throttled.fetch(`${throttled.url}/v2/cloudimages`);
    assert.equal(t.status, 429);
    assert.equal(t.headers.get('retry-after'), '1');
    const cut = await truncated.fetch(`${truncated.url}/v2/cloudimages`);
    assert.equal(cut.status, 200);
    await assert.rejects(cut.text(), 'the body stops short of its promised length: a transport failure');
    const started = Date.now();
    assert.equal((await slow.fetch(`${slow.url}/v2/cloudimages`)).status, 200);
    assert.ok(Date.now() - started >= 290, 'a lower bound only');
  } finally {
    await Promise.all([errors, throttled, truncated, slow].map((e) => e.close()));
  }
});

test('the client lists the whole catalogue through injected 500/503 faults, and retries a cut body as a network failure', async () => {
  const flaky = await start({ seed: 42, count: 2000, errorRate: 0.3 });
  const cut = await start({ count: 10, truncateRate: 1 });
  try {
    const client = new ImsClient({ endpoint: flaky.url, fetch: flaky.fetch, maxRetries: 8 });
    const ids = [];
    for await (const img of client.listImagesAll({ sortKey: 'id', sortDir: 'asc', limit: 300 })) ids.push(img.id);
    assert.deepEqual(ids, images.map((i) => i.id).sort());
    await assert.rejects(new ImsClient({ endpoint: cut.url, fetch: cut.fetch, maxRetries: 2 }).listImages(), (e) => ImsError.is(e) && e.kind === 'network' && e.retryable && e.attempts === 3);
  } finally {
    await flaky.close();
    await cut.close();
  }
});

test('schemas and version discovery: what the answers link to', async () => {
  const list = await (await emu.fetch(`${emu.url}/v2/images?limit=2`)).json();
  assert.equal(list.schema, '/v2/schemas/images');
  const images = await (await emu.fetch(`${emu.url}${list.schema}`)).json();
  assert.equal(images.name, 'images');
  const image = await (await emu.fetch(`${emu.url}/v2/schemas/image`)).json();
  assert.equal(image.name, 'image');
  assert.deepEqual(images.properties.images.items, image);
  // Every key the emulator sends is a property of the schema, with a type its value fits.
  const fits = (v, t) => (Array.isArray(t) ? t : [t]).some((x) => (x === 'null' ? v === null : x === 'integer' ? Number.isInteger(v) : x === 'array' ? Array.isArray(v) : typeof v === x));
  for (const img of list.images) {
    for (const [k, v] of Object.entries(img)) {
      if (!image.properties[k]) continue; // additionalProperties, as Glance's own keys
      assert.ok(fits(v, image.properties[k].type), `${k}: ${JSON.stringify(v)} is not ${JSON.stringify(image.properties[k].type)}`);
    }
  }
  const versions = await emu.fetch(`${emu.url}/versions`);
  assert.equal(versions.status, 200);
  const v = (await versions.json()).versions;
  assert.equal(v[0].status, 'CURRENT');
  assert.equal(v[0].links[0].href, `${emu.url}/v2/`);
  assert.equal((await emu.fetch(`${emu.url}/`)).status, 300, 'GET / is multiple choices, as Glance answers');
});

test('requests are counted; the in-page form fails other origins and honours an abort', async () => {
  const e = await start({ count: 5, latencyMs: 200 });
  try {
    await e.fetch(`${e.url}/v2/cloudimages`);
    assert.equal(e.requests, 1);
    const ac = new AbortController();
    const pending = e.fetch(`${e.url}/v2/cloudimages`, { signal: ac.signal });
    ac.abort();
    await assert.rejects(pending, (err) => err.name === 'AbortError');
    if (FORM === 'in-page') {
      await assert.rejects(e.fetch('https://example.com/v2/cloudimages'), TypeError);
      // The client against it with no network: a page, then an image.
      const client = new ImsClient({ endpoint: e.url, fetch: e.fetch });
      const { images: page } = await client.listImages({ limit: 2 });
      assert.equal((await client.glanceShowImage(page[0].id)).id, page[0].id);
    }
  } finally {
    await e.close();
  }
});
