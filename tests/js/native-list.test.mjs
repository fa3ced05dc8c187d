// glanceListImages / glanceListImagesAll / glanceShowImage against a real OpenStack Glance
// (GLANCE_URL, started by scripts/test.sh) and against the IMS emulator:
//   - on each server, the client's pages equal what a plain fetch of the same filters returns;
//   - the emulator behaves like Glance: Glance is seeded with the emulator's own catalogue (same
//     ids, names, formats, tags, properties), and the same filters, sorts and page sizes give the
//     same ids in the same order on the same pages from both.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ImsClient, ImsError } from 'ims-client';

import { startEmulator } from '../../emulator/ims-emulator.mjs';

const GLANCE_URL = process.env.GLANCE_URL;
if (!GLANCE_URL) throw new Error('GLANCE_URL is not set: run through scripts/test.sh, which starts Glance');

const TAGS = ['env=prod', 'gpu', 'team.web'];
/** The ids Glance gave the seeded images. */
const seededIds = [];

/**
 * Seeds Glance one image at a time (sqlite takes one writer), with IMS-style properties, in three
 * batches a second apart: created_at has one-second resolution, and the time filters need spread.
 */
async function seedGlance(url) {
  for (let i = 0; i < 30; i++) {
    if (i === 10 || i === 20) await new Promise((r) => setTimeout(r, 1100));
    const body = {
      name: i % 5 === 0 ? 'shared-name' : `image-${String(i).padStart(2, '0')}`,
      visibility: ['public', 'private', 'community'][i % 3],
      protected: i % 4 === 0,
      container_format: i % 2 ? 'bare' : 'ovf',
      disk_format: ['zvhd2', 'qcow2', 'raw', 'iso'][i % 4],
      min_ram: (i % 3) * 1024,
      min_disk: 40 + i,
      tags: TAGS.filter((_, b) => i & (1 << b)),
      __os_type: i % 2 ? 'Linux' : 'Windows',
      __platform: i % 2 ? 'CentOS' : 'Windows',
      __os_bit: i % 3 ? '64' : '32',
      __isregistered: 'true',
      __imagetype: 'private',
      __support_kvm: 'true',
      __support_agent_list: 'hss,ces',
    };
    const res = await fetch(`${url}/v2/images`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    assert.equal(res.status, 201, text);
    seededIds.push(JSON.parse(text).id);
  }
}

/** The query as wire pairs, written out here independently of the client's encoder. */
function wirePairs(q) {
  const names = { name: 'name', status: 'status', visibility: 'visibility', protected: 'protected', containerFormat: 'container_format',
    diskFormat: 'disk_format', tag: 'tag', osType: '__os_type', sortKey: 'sort_key', sortDir: 'sort_dir', limit: 'limit', createdAt: 'created_at' };
  const pairs = [];
  for (const [k, v] of Object.entries(q)) {
    const w = names[k];
    assert.ok(w, k);
    if (Array.isArray(v)) for (const x of v) pairs.push([w, x]);
    else if (k === 'createdAt') pairs.push([w, `${v.op}:${v.time}`]);
    else pairs.push([w, String(v)]);
  }
  return pairs;
}

/** Plain fetch, page by page: re-sends the same parameters with the last id as marker. */
async function plainPages(url, q) {
  const pages = [];
  let marker;
  for (let guard = 0; guard < 500; guard++) {
    const pairs = wirePairs(q);
    if (marker) pairs.push(['marker', marker]);
    const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const res = await fetch(`${url}/v2/images${qs ? `?${qs}` : ''}`, { headers: { Accept: 'application/json' } });
    assert.equal(res.status, 200, `${qs}: ${await res.clone().text()}`);
    const body = await res.json();
    pages.push(body.images.map((i) => i.id));
    if (!body.next || body.images.length === 0) return pages;
    marker = body.images[body.images.length - 1].id;
  }
  throw new Error('too many pages');
}

function cases(pivot, limit) {
  return [
    { limit },
    { name: 'shared-name', limit: 2 },
    { status: 'queued', limit },
    { visibility: 'public', limit },
    { visibility: 'private', limit },
    { protected: true, limit },
    { containerFormat: 'bare', diskFormat: 'qcow2', limit },
    { tag: ['env=prod', 'gpu'], limit: 2 },
    { tag: 'team.web', limit },
    ...['gt', 'gte', 'lt', 'lte', 'eq', 'neq'].map((op) => ({ createdAt: { op, time: pivot }, limit })),
    { osType: 'Linux', limit },
    { sortKey: 'name', sortDir: 'asc', limit },
    { sortKey: 'name', sortDir: 'desc', limit },
    { sortKey: 'created_at', sortDir: 'asc', osType: 'Windows', limit },
  ];
}

/** An emulator image as a Glance create body: its core fields and its string properties. */
function glanceBody(img) {
  const body = {};
  const core = ['id', 'name', 'visibility', 'protected', 'container_format', 'disk_format', 'min_ram', 'min_disk', 'tags'];
  // Set by Glance itself, or not a property.
  const skip = new Set(['status', 'owner', 'size', 'virtual_size', 'checksum', 'created_at', 'updated_at', 'file', 'self', 'schema']);
  for (const [k, v] of Object.entries(img)) {
    if (core.includes(k)) body[k] = v;
    else if (!skip.has(k) && typeof v === 'string') body[k] = v;
  }
  return body;
}

for (const target of ['glance', 'emulator']) {
  describe(`native list against ${target}: the client's pages equal a plain fetch's`, () => {
    let url;
    let emu;
    let client;
    let pivot;
    before(async () => {
      if (target === 'glance') {
        url = GLANCE_URL;
        await seedGlance(url);
      } else {
        emu = await startEmulator({ count: 400 });
        url = emu.url;
      }
      client = new ImsClient({ endpoint: url, maxRetries: 0 });
      // A pivot time in the middle of the catalogue, from the server's own data.
      const all = (await plainPages(url, { sortKey: 'created_at', sortDir: 'asc', limit: 1000 })).flat();
      const mid = await (await fetch(`${url}/v2/images/${all[Math.floor(all.length / 2)]}`)).json();
      pivot = mid.created_at;
    });
    after(() => emu?.close());

    test('every case: the client pages equal plain fetch pages, with every repeated tag kept', async () => {
      const limit = target === 'glance' ? 4 : 40;
      let nonEmpty = 0;
      for (const q of cases(pivot, limit)) {
        const expected = await plainPages(url, q);
        const got = [];
        for await (const page of client.glanceListImagesAll(q).byPage()) got.push(page.images.map((i) => i.id));
        // Glance sends `next` on a full last page; the plain loop then sees an empty page, and so does
        // the client (it stops there): compare without trailing empty pages.
        const trim = (ps) => ps.filter((p, i) => p.length > 0 || i === 0);
        assert.deepEqual(trim(got), trim(expected), JSON.stringify(q));
        const ids = got.flat();
        assert.equal(new Set(ids).size, ids.length, `no duplicates: ${JSON.stringify(q)}`);
        if (ids.length > 0) nonEmpty++;
        // One page through glanceListImages gives the same first page.
        const first = await client.glanceListImages(q);
        assert.deepEqual(first.images.map((i) => i.id), expected[0], JSON.stringify(q));
      }
      assert.ok(nonEmpty >= 18, `only ${nonEmpty} cases returned images: the cases are too weak`);
      // Filters really filter: a tag pair is a strict subset of one tag.
      const both = (await plainPages(url, { tag: ['env=prod', 'gpu'], limit: 1000 })).flat();
      const one = (await plainPages(url, { tag: ['env=prod'], limit: 1000 })).flat();
      assert.ok(both.length > 0 && both.length < one.length, `${both.length} < ${one.length}`);
    });

    test('glanceShowImage of every listed image equals its list entry', async () => {
      const listed = [];
      for await (const img of client.glanceListImagesAll({ limit: 50 })) {
        listed.push(img);
        if (listed.length >= 60) break;
      }
      if (target === 'glance') {
        // Every seeded image: Glance lists community images only when asked for them.
        const community = [];
        for await (const img of client.glanceListImagesAll({ visibility: 'community', limit: 7 })) community.push(img);
        assert.ok(community.length > 0);
        const all = [...listed, ...community];
        assert.deepEqual(all.map((i) => i.id).sort(), [...seededIds].sort(), 'every seeded image is listed once');
        for (const img of community) assert.deepEqual(await client.glanceShowImage(img.id), img, img.id);
      }
      // Glance lists community images only when asked, so compare with the server's own count.
      const total = (await plainPages(url, { limit: 1000 })).flat().length;
      assert.equal(listed.length, Math.min(total, 60));
      assert.ok(listed.length >= 15, `${listed.length} images listed`);
      for (const img of listed) assert.deepEqual(await client.glanceShowImage(img.id), img, img.id);
      const typed = listed.find((i) => i.osType);
      assert.equal(typeof typed.supportKvm === 'boolean' || typed.supportKvm === undefined, true);
      assert.ok(listed.every((i) => i.extra && typeof i.extra === 'object'));
    });

    test('an unknown id gives ImsError kind http, status 404', async () => {
      try {
        await client.glanceShowImage('00000000-0000-0000-0000-000000000000');
        assert.fail('expected 404');
      } catch (e) {
        assert.ok(ImsError.is(e));
        assert.equal(e.kind, 'http');
        assert.equal(e.status, 404);
        assert.ok(e.requestId, 'a request id');
      }
    });
  });
}

// Last: it adds the emulator's catalogue to the Glance the cases above seeded and counted.
describe('the emulator and real Glance answer alike on the same catalogue', () => {
  let emu;
  let glance;
  let emulator;
  before(async () => {
    emu = await startEmulator({ seed: 7, count: 48 });
    for (const img of emu.images) {
      const res = await fetch(`${GLANCE_URL}/v2/images`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(glanceBody(img)) });
      assert.equal(res.status, 201, await res.text());
    }
    glance = new ImsClient({ endpoint: GLANCE_URL, maxRetries: 0 });
    emulator = new ImsClient({ endpoint: emu.url, maxRetries: 0 });
  });
  after(() => emu?.close());

  test('filters, sorts and paging give the same ids, order and pages', async () => {
    // Only the seeded images: a property the other seeded images of this Glance lack. The cases
    // name a visibility (public or private): shared images depend on membership, which the
    // emulator models for its own project only.
    const mine = { extra: { __image_source_type: 'uds' } };
    const byName = emu.images.filter((i) => i.visibility === 'public')[3].name;
    const cases = [
      { visibility: 'public', sortKey: 'id', sortDir: 'asc', limit: 4 },
      { visibility: 'private', sortKey: 'id', sortDir: 'desc', limit: 3 },
      { visibility: 'public', protected: true, sortKey: 'id', limit: 2 },
      { visibility: 'public', diskFormat: 'zvhd2', sortKey: 'id', sortDir: 'asc', limit: 2 },
      { visibility: 'private', containerFormat: 'bare', sortKey: 'id', limit: 5 },
      { visibility: 'public', tag: 'gpu', sortKey: 'id', limit: 2 },
      { visibility: 'public', tag: ['env=prod'], sortKey: 'id', sortDir: 'asc', limit: 3 },
      { visibility: 'public', name: byName, sortKey: 'id' },
      { visibility: 'private', osType: 'Linux', sortKey: 'id', limit: 3 },
      { visibility: 'public', platform: 'Windows', sortKey: 'id', sortDir: 'asc' },
      { visibility: 'public', supportKvm: true, sortKey: 'id', limit: 4 },
      { visibility: 'public', osBit: '32', sortKey: 'id', sortDir: 'asc', limit: 2 },
    ];
    let compared = 0;
    const seededCount = (pred) => emu.images.filter(pred).length;
    for (const q of cases) {
      const query = { ...q, ...mine };
      const pages = async (c) => {
        const out = [];
        for await (const page of c.glanceListImagesAll(query).byPage()) out.push(page.images.map((i) => i.id));
        return out;
      };
      const [fromGlance, fromEmulator] = [await pages(glance), await pages(emulator)];
      assert.deepEqual(fromEmulator, fromGlance, JSON.stringify(q));
      compared += fromGlance.flat().length;
      // Each filter selects a proper, non-empty subset of the seeded images of its visibility.
      const ids = fromGlance.flat();
      const all = seededCount((i) => i.visibility === q.visibility);
      const filters = Object.keys(q).filter((k) => !['visibility', 'sortKey', 'sortDir', 'limit'].includes(k));
      assert.ok(ids.length > 0 && (filters.length === 0 ? ids.length === all : ids.length < all), `${JSON.stringify(q)} selects ${ids.length} of ${all}`);
    }
    assert.ok(compared >= 40, `${compared} ids compared`);
    // A shown image is the same image from both, field for field, but for what Glance sets itself.
    for (const id of emu.images.filter((i) => i.visibility === 'public').slice(0, 5).map((i) => i.id)) {
      const [a, b] = [await glance.glanceShowImage(id), await emulator.glanceShowImage(id)];
      for (const k of ['id', 'name', 'visibility', 'protected', 'containerFormat', 'diskFormat', 'minRam', 'minDisk', 'osType', 'platform', 'osBit', 'supportKvm', 'imagetype']) {
        assert.deepEqual(a[k], b[k], `${id} ${k}`);
      }
      assert.deepEqual([...a.tags].sort(), [...b.tags].sort(), id);
    }
  });
});
