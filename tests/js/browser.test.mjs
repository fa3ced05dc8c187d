// The built package in real headless Chromium (Debian's, driven by playwright-core): imported as
// a native ES module from a static server; it lists pages from the local recording server, which
// re-computes the AK/SK signatures the browser sent. (Bundlers: bundlers.test.mjs; the demo page:
// demo.test.mjs.)
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { images, startServer } from './server.mjs';
import { verify } from '../../emulator/sigv.mjs';
import { launch, staticServer } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let api;
let browser;
before(async () => {
  api = await startServer();
  api.handle(async (req) => {
    if (req.headers.authorization) {
      const v = await verify(req, (ak) => (ak === 'AKTEST' ? 'sk-test-secret' : undefined));
      if (!v.ok) return { status: 401, body: { error_code: 'APIGW.0301', error_msg: v.why } };
    }
    const u = new URL(req.url, api.url);
    if (u.pathname.startsWith('/moved/')) return { status: 302, headers: { Location: `${api.url}/v2/cloudimages` }, body: '' };
    if (u.pathname.startsWith('/v2/images/')) return { status: 404, body: { code: 'IMG.0404', message: 'no such image' } };
    const marker = u.searchParams.get('marker');
    if (u.pathname === '/v2/images') {
      return { body: marker ? { images: images(2, 1), first: '/v2/images' } : { images: images(0, 2), next: '/v2/images?limit=2&marker=img-0001', first: '/v2/images' } };
    }
    return { body: { images: images(0, 2) } };
  });
  browser = await launch();
});
after(async () => { await browser?.close(); await api?.close(); });

async function runPage(url, ...args) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 15_000 });
  const result = await page.evaluate((endpoint) => window.run(endpoint), args.length ? args[0] : api.url);
  await page.close();
  assert.deepEqual(errors, []);
  return result;
}

test('browser: native ES module from a static server, AK/SK signed, paged, typed errors', async () => {
  const web = await staticServer([['/pkg/', join(root, 'pkg')], ['/', join(root, 'tests', 'js', 'browser')]]);
  try {
    api.requests.splice(0);
    const r = await runPage(`${web.url}/`);
    assert.deepEqual(r.page.images.map((i) => i.id), ['img-0000', 'img-0001']);
    assert.equal(r.page.images[0].osBit, 64);
    assert.equal(r.page.images[0].supportKvm, true);
    assert.deepEqual(r.all, ['img-0000', 'img-0001', 'img-0002']);
    assert.deepEqual(r.err, { is: true, kind: 'http', status: 404, code: 'IMG.0404' });
    assert.deepEqual(r.redirect, { kind: 'network', retryable: false, attempts: 1, says: true });
    assert.equal(api.requests.filter((q) => q.url.startsWith('/moved/')).length, 1, 'the redirect was neither retried');
    assert.equal(api.requests.filter((q) => q.url === '/v2/cloudimages').length, 0, 'nor followed');
    assert.deepEqual(r.relative, { kind: 'http', status: 404 });
    assert.ok(web.requests.includes('/same-origin-proxy/v2/images/x'), 'a path-absolute endpoint went to the page\'s origin');
    assert.equal(r.parsed.isregistered, true);
    const urls = api.requests.map((q) => q.url);
    assert.ok(urls.includes('/v2/cloudimages?__imagetype=gold&limit=2&tag=a&tag=b'), urls.join('\n'));
    assert.ok(urls.includes('/v2/images/missing%2F..%2Fx'));
    assert.ok(api.requests.filter((q) => !q.url.startsWith('/moved/')).every((q) => q.headers.authorization?.startsWith('SDK-HMAC-SHA256 Access=AKTEST')));
  } finally {
    await web.close();
  }
});

test('browser: the in-page emulator, in the page and in a web worker, with no server at all', async () => {
  const web = await staticServer([['/pkg/', join(root, 'pkg')], ['/', join(root, 'tests', 'js', 'browser')]]);
  try {
    const before = api.requests.length;
    const r = await runPage(`${web.url}/in-page.html`, null);
    for (const [where, w] of Object.entries(r)) {
      assert.equal(w.error, undefined, `${where}: ${w.error}`);
      assert.equal(w.ids.length, 300, where);
      assert.deepEqual(w.ids, w.catalogue, `${where}: every image, through the faults`);
      assert.ok(w.requests > 300 / 40, `${where}: faults were retried (${w.requests} requests)`);
      assert.deepEqual(w.refused, { kind: 'http', status: 401, code: 'APIGW.0301' }, `${where}: a wrong key is refused`);
    }
    assert.equal(api.requests.length, before, 'no request reached a server');
    assert.ok(web.requests.every((u) => !u.includes('/v2/')), `only files were fetched: ${web.requests}`);
  } finally {
    await web.close();
  }
});
