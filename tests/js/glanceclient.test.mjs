// python-glanceclient, the OpenStack reference client for /v2/images, against the emulator's
// server: it reads the schema the list links to (/v2/schemas/images and /v2/schemas/image), builds
// its image model from it, follows `next` page by page, shows one image, and filters; its answers
// must equal this package's walk of the same API. (The client is installed by scripts/glance.sh.)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ImsClient } from 'ims-client';
import { startEmulator } from 'ims-client/emulator';

const root = new URL('../..', import.meta.url).pathname;
const python = join(root, 'build', 'glance-venv', 'bin', 'python');
let emu;
before(async () => { emu = await startEmulator({ count: 90, token: 'tok-glance' }); });
after(() => emu.close());

const SCRIPT = `
import json, sys
from glanceclient import Client
c = Client('2', endpoint=sys.argv[1], token='tok-glance')
listed = [dict(i) for i in c.images.list(page_size=7)]
shown = dict(c.images.get(listed[3]['id']))
private = [i['id'] for i in c.images.list(filters={'visibility': 'private'}, page_size=50)]
by_name = [i['id'] for i in c.images.list(sort_key='name', sort_dir='asc')]
print(json.dumps({'listed': listed, 'shown': shown, 'private': private, 'by_name': by_name}))
`;

/** Runs the script with python-glanceclient; resolves with what it printed. */
function glanceclient() {
  return new Promise((resolve, reject) => {
    execFile(python, ['-c', SCRIPT, emu.url], { maxBuffer: 1 << 26 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout))));
  });
}

test('python-glanceclient lists, pages, shows and filters images from the emulator', async () => {
  const r = await glanceclient();
  const ours = new ImsClient({ endpoint: emu.url, credentials: { token: 'tok-glance' } });
  const ids = [];
  for await (const image of ours.glanceListImagesAll({ limit: 7 })) ids.push(image.id);
  assert.ok(ids.length > 7 * 3, 'several pages');
  assert.deepEqual(r.listed.map((i) => i.id), ids, 'the same images in the same order, page by page');
  // glanceclient keeps the wire objects as they came (its model checks them against the schema),
  // all but `self`, which it drops (a Python keyword argument cannot be called that).
  const wire = new Map(emu.images.map((i) => [i.id, i]));
  const asSent = (id) => {
    const { self, ...rest } = JSON.parse(JSON.stringify(wire.get(id)));
    assert.equal(self, `/v2/images/${id}`);
    return rest;
  };
  for (const i of r.listed) assert.deepEqual(i, asSent(i.id), i.id);
  assert.deepEqual(r.shown, asSent(r.listed[3].id));
  const priv = [];
  for await (const image of ours.glanceListImagesAll({ visibility: 'private' })) priv.push(image.id);
  assert.ok(priv.length > 0 && priv.length < ids.length);
  assert.deepEqual(r.private, priv);
  const named = [];
  for await (const image of ours.glanceListImagesAll({ sortKey: 'name', sortDir: 'asc' })) named.push(image.id);
  assert.deepEqual(r.by_name, named);
});
