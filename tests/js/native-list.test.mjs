// glanceListImages / glanceListImagesAll / glanceShowImage against a real OpenStack Glance
// (GLANCE_URL, started by scripts/test.sh) and, with the same cases, against the IMS emulator,
// so the emulator is shown to behave like Glance where it claims to. Every result is compared
// with what a plain fetch of the same filters returns, page by page.
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

for (const target of ['glance', 'emulator']) {
  describe(`native list against ${target}`, () => {
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
