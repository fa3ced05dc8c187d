// The built package in real Node, against a local recording server. Runs twice: as ESM
// (`import 'ims-client'`) and as CommonJS (`require('ims-client')`), chosen by IMS_FORMAT.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, beforeEach, test } from 'node:test';

import { images, startServer } from './server.mjs';
import { verify } from '../../emulator/sigv.mjs';

const FORMAT = process.env.IMS_FORMAT ?? 'esm';
const ims = FORMAT === 'cjs' ? createRequire(import.meta.url)('ims-client') : await import('ims-client');
const { ImsClient, ImsError } = ims;

let server;
let other; // a second origin that must never be contacted
before(async () => { server = await startServer(); other = await startServer(); });
after(async () => { await server.close(); await other.close(); });
beforeEach(() => { server.reset(); other.reset(); });

const client = (opts = {}) => new ImsClient({ endpoint: server.url, maxRetries: 3, ...opts });
const rejects = async (promise, check) => {
  try { await promise; } catch (e) { assert.ok(ImsError.is(e), `not an ImsError: ${e}`); assert.ok(e instanceof Error); check(e); return e; }
  assert.fail('expected a rejection');
};

test(`${FORMAT}: loads with no init call and exports the contract`, () => {
  for (const name of ['ImsClient', 'ImsError', 'parseImage', 'parseImagePage', 'signRequest']) assert.equal(typeof ims[name], 'function', name);
  assert.ok(Array.isArray(ims.regions) && ims.regions.includes('cn-north-4'));
});

test(`${FORMAT}: every operation's URL and headers`, async () => {
  server.handle((req) => ({ body: req.url.startsWith('/prefix/v2/images/') ? images(0, 1)[0] : { images: images(0, 2) } }));
  const c = new ImsClient({ endpoint: `${server.url}/prefix/`, projectId: 'proj-1', headers: { 'X-Custom': 'c1' }, credentials: { token: 'tok-abc' } });
  const page = await c.listImages({ imagetype: 'gold', tag: ['b', 'a'], createdAt: { op: 'lt', time: new Date(Date.UTC(2018, 9, 28, 10)) }, limit: 2 });
  assert.equal(page.images.length, 2);
  assert.equal(page.nextMarker, 'img-0001', 'a full page without server markers continues after its last id');
  await c.glanceListImages({ name: 'a b', sortKey: 'status', memberStatus: 'accepted', visibility: 'shared' });
  const one = await c.glanceShowImage('img-0000');
  assert.equal(one.osBit, 64);
  assert.equal(one.supportKvm, true);
  assert.deepEqual(one.supportAgentList, ['hss', 'ces']);
  assert.ok(!('virtualSize' in one), 'null is absent, not undefined');
  assert.deepEqual(one.extra, { __brand_new_field: { x: 0 } });
  const urls = server.requests.map((r) => r.url);
  assert.deepEqual(urls, [
    '/prefix/v2/cloudimages?__imagetype=gold&created_at=lt%3A2018-10-28T10%3A00%3A00Z&limit=2&tag=a&tag=b',
    '/prefix/v2/images?member_status=accepted&name=a%20b&sort_key=status&visibility=shared',
    '/prefix/v2/images/img-0000',
  ]);
  for (const r of server.requests) {
    assert.equal(r.method, 'GET');
    assert.equal(r.headers['x-auth-token'], 'tok-abc');
    assert.equal(r.headers['x-project-id'], 'proj-1');
    assert.equal(r.headers['x-custom'], 'c1');
    assert.equal(r.headers.accept, 'application/json');
    assert.equal(r.headers.authorization, undefined);
  }
});

test(`${FORMAT}: AK/SK requests carry signatures the server re-computes`, async () => {
  const keys = { AKTEST: 'sk-test-secret' };
  const seen = [];
  server.handle(async (req) => {
    const v = await verify(req, (ak) => keys[ak]);
    seen.push(v);
    return v.ok ? { body: { images: [] } } : { status: 401, body: { error_code: 'APIGW.0301', error_msg: v.why } };
  });
  const c = client({ projectId: 'p', credentials: { accessKey: 'AKTEST', secretKey: 'sk-test-secret', securityToken: 'sts-xyz' } });
  await c.listImages({ name: '中文 a+b/c~d*e!f\'g(h)i', tag: ['x', 'a=b'], updatedAt: 'gte:2018-10-28 10:00:00' });
  await c.glanceListImages({ limit: 5 });
  assert.ok(seen.every((v) => v.ok), JSON.stringify(seen));
  assert.deepEqual(seen[0].signedHeaders, ['accept', 'host', 'x-project-id', 'x-sdk-date', 'x-security-token']);
  assert.equal(server.requests[0].headers['x-security-token'], 'sts-xyz');
  // A wrong secret is refused by the server, and the error says so without leaking the secret.
  const bad = client({ credentials: { accessKey: 'AKTEST', secretKey: 'wrong-secret-value' } });
  const e = await rejects(bad.listImages(), (e) => { assert.equal(e.kind, 'http'); assert.equal(e.status, 401); assert.equal(e.code, 'APIGW.0301'); });
  assert.ok(!JSON.stringify({ ...e, m: e.message, s: e.stack }).includes('wrong-secret-value'));
});

test(`${FORMAT}: a credentials provider is asked before each request`, async () => {
  let n = 0;
  server.handle(() => ({ body: { images: [] } }));
  const c = client({ credentials: async () => ({ token: `tok-${++n}` }) });
  await c.listImages();
  await c.listImages();
  assert.deepEqual(server.requests.map((r) => r.headers['x-auth-token']), ['tok-1', 'tok-2']);
  const broken = client({ credentials: async () => ({ nope: 1 }) });
  await rejects(broken.listImages(), (e) => { assert.equal(e.kind, 'invalid-argument'); assert.equal(e.key, 'credentials.nope'); });
});

test(`${FORMAT}: 503, 503, 200 succeeds on the third attempt`, async () => {
  server.handle((req, n) => (n < 3 ? { status: 503, body: { error_code: 'IMG.0503', error_msg: 'busy' } } : { body: { images: images(0, 1) } }));
  const page = await client().listImages();
  assert.equal(page.images.length, 1);
  assert.equal(server.requests.length, 3);
});

test(`${FORMAT}: retries give up after maxRetries with the last error`, async () => {
  server.handle(() => ({ status: 500, body: { code: 'IMG.0500', message: 'boom' } }));
  await rejects(client({ maxRetries: 1 }).listImages(), (e) => {
    assert.equal(e.kind, 'http'); assert.equal(e.status, 500); assert.equal(e.attempts, 2); assert.equal(e.retryable, true); assert.equal(e.code, 'IMG.0500');
  });
});

test(`${FORMAT}: Retry-After: 1 is respected`, async () => {
  server.handle((req, n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '1' }, body: { error_code: 'APIGW.0308', error_msg: 'slow down' } } : { body: { images: [] } }));
  await client().listImages();
  assert.equal(server.requests.length, 2);
  // A lower bound only: noise can make the gap longer, never shorter.
  assert.ok(server.requests[1].at - server.requests[0].at >= 950, `waited ${server.requests[1].at - server.requests[0].at} ms`);
});

test(`${FORMAT}: 400 and 404 are not retried; code and requestId are parsed`, async () => {
  server.handle(() => ({ status: 400, body: { error: { code: 'IMG.0027', message: 'bad filter' } } }));
  await rejects(client().listImages(), (e) => {
    assert.equal(e.kind, 'http'); assert.equal(e.status, 400); assert.equal(e.code, 'IMG.0027'); assert.equal(e.requestId, 'req-1');
    assert.equal(e.retryable, false); assert.equal(e.attempts, 1); assert.match(e.message, /bad filter/);
  });
  server.reset();
  server.handle(() => ({ status: 404, headers: { 'X-Request-Id': '', 'X-Openstack-Request-Id': 'req-os-9' }, body: '<html>Not Found</html>' }));
  await rejects(client().glanceShowImage('missing'), (e) => {
    assert.equal(e.status, 404); assert.equal(e.requestId, 'req-os-9'); assert.equal(e.attempts, 1);
  });
  assert.equal(server.requests.length, 1);
});

test(`${FORMAT}: a slow server gives kind timeout`, async () => {
  server.handle(() => ({ delayMs: 5_000, body: { images: [] } }));
  await rejects(client({ maxRetries: 0, timeoutMs: 150 }).listImages(), (e) => {
    assert.equal(e.kind, 'timeout'); assert.equal(e.retryable, true); assert.equal(e.attempts, 1);
  });
  await rejects(client({ maxRetries: 1 }).listImages({}, { timeoutMs: 100 }), (e) => { assert.equal(e.kind, 'timeout'); assert.equal(e.attempts, 2); });
});

test(`${FORMAT}: abort rejects at once with kind aborted, whatever the reason; the process keeps running`, async () => {
  server.handle(() => ({ delayMs: 10_000, body: { images: [] } }));
  const c = client();
  for (const reason of [undefined, 'a string', 42, new Error('why'), { odd: true }]) {
    const ac = new AbortController();
    const p = c.listImages({}, { signal: ac.signal });
    setTimeout(() => ac.abort(reason), 20);
    const started = Date.now();
    await rejects(p, (e) => assert.equal(e.kind, 'aborted'));
    assert.ok(Date.now() - started < 5_000);
  }
  const ac = new AbortController();
  ac.abort('already');
  const before = server.requests.length;
  await rejects(c.listImages({}, { signal: ac.signal }), (e) => { assert.equal(e.kind, 'aborted'); assert.equal(e.attempts, 0); });
  assert.equal(server.requests.length, before, 'an aborted signal sends nothing');
  // Aborting during a backoff sleep.
  server.handle(() => ({ status: 503, headers: { 'Retry-After': '30' }, body: {} }));
  const ac2 = new AbortController();
  const p2 = c.listImages({}, { signal: ac2.signal });
  setTimeout(() => ac2.abort(), 100);
  await rejects(p2, (e) => assert.equal(e.kind, 'aborted'));
  // Still working afterwards.
  server.handle(() => ({ body: { images: images(0, 1) } }));
  assert.equal((await c.listImages()).images.length, 1);
});

test(`${FORMAT}: ECONNREFUSED gives kind network, retryable, naming the host and the cause`, async () => {
  const dead = await startServer();
  const url = dead.url;
  await dead.close();
  await rejects(new ImsClient({ endpoint: url, maxRetries: 1 }).listImages(), (e) => {
    assert.equal(e.kind, 'network'); assert.equal(e.retryable, true); assert.equal(e.attempts, 2);
    assert.match(e.message, new RegExp(`^request to ${new URL(url).host} failed: .*\\(ECONNREFUSED\\)$`), e.message);
  });
});

test(`${FORMAT}: a redirect is never followed, retried or hidden: the other origin gets nothing`, async () => {
  other.handle(() => ({ body: { images: images(0, 1) } }));
  server.handle(() => ({ status: 302, headers: { Location: `${other.url}/v2/cloudimages` }, body: '' }));
  const signed = client({ credentials: { accessKey: 'AKTEST', secretKey: 'sk-test-secret' } });
  for (const c of [signed, client({ fetch: (url, init) => fetch(url, init) })]) {
    server.reset();
    server.handle(() => ({ status: 307, headers: { Location: `${other.url}/v2/cloudimages` }, body: 'moved' }));
    await rejects(c.listImages(), (e) => {
      assert.equal(e.kind, 'network'); assert.equal(e.retryable, false); assert.equal(e.attempts, 1); assert.equal(e.status, 307);
      assert.match(e.message, /redirect/); assert.match(e.message, /never followed/);
    });
    assert.equal(server.requests.length, 1, 'one request, not retried');
  }
  // A runtime that follows nothing but says so (fetch's redirect: 'error'): the same refusal.
  const saysRedirect = client({ fetch: async () => { throw new TypeError('fetch failed', { cause: new Error('unexpected redirect') }); } });
  await rejects(saysRedirect.listImages(), (e) => { assert.equal(e.kind, 'network'); assert.equal(e.retryable, false); assert.equal(e.attempts, 1); assert.match(e.message, /redirect/); });
  assert.equal(other.requests.length, 0, 'the redirect target was never contacted');
});

test(`${FORMAT}: a 403 that carries encoded_authorization_message gives it to ImsError`, async () => {
  server.handle(() => ({ status: 403, body: { error_code: 'IAM.0403', error_msg: 'denied', encoded_authorization_message: 'enc-abc.123' } }));
  await rejects(client().listImages(), (e) => {
    assert.equal(e.status, 403); assert.equal(e.code, 'IAM.0403'); assert.equal(e.encodedAuthorizationMessage, 'enc-abc.123'); assert.equal(e.retryable, false);
  });
  server.handle(() => ({ status: 404, body: { error_code: 'IMG.0404', error_msg: 'gone' } }));
  await rejects(client().listImages(), (e) => assert.equal('encodedAuthorizationMessage' in e, false, 'absent when not sent'));
});

test(`${FORMAT}: 200 concurrent calls on one client all succeed`, async () => {
  server.handle((req) => ({ body: { images: images(Number(new URL(req.url, server.url).searchParams.get('limit')), 1) } }));
  const c = client();
  const pages = await Promise.all(Array.from({ length: 200 }, (_, i) => c.glanceListImages({ limit: i + 1 })));
  pages.forEach((p, i) => assert.equal(p.images[0].id, `img-${String(i + 1).padStart(4, '0')}`));
  assert.equal(server.requests.length, 200);
});

test(`${FORMAT}: an image id stays one encoded path segment`, async () => {
  server.handle(() => ({ status: 404, body: {} }));
  const c = client();
  await rejects(c.glanceShowImage('../../v3/auth/tokens'), (e) => assert.equal(e.status, 404));
  await rejects(c.glanceShowImage('a b?c#d'), () => {});
  assert.deepEqual(server.requests.map((r) => r.url), ['/v2/images/..%2F..%2Fv3%2Fauth%2Ftokens', '/v2/images/a%20b%3Fc%23d']);
});

test(`${FORMAT}: iterators re-send the query with only marker changed, keeping every tag`, async () => {
  const all = images(0, 5);
  server.handle((req) => {
    const u = new URL(req.url, server.url);
    const start = u.searchParams.has('marker') ? all.findIndex((i) => i.id === u.searchParams.get('marker')) + 1 : 0;
    const chunk = all.slice(start, start + 2);
    const body = { images: chunk, first: '/v2/images?limit=2', schema: '/v2/schemas/images' };
    // Like real Glance: the next link keeps only the last tag. The client must not follow it.
    if (start + 2 < all.length) body.next = `/v2/images?tag=b&limit=2&marker=${chunk[chunk.length - 1].id}`;
    return { body };
  });
  const ids = [];
  for await (const img of client().glanceListImagesAll({ tag: ['a', 'b'], limit: 2 })) ids.push(img.id);
  assert.deepEqual(ids, all.map((i) => i.id));
  assert.deepEqual(server.requests.map((r) => r.url), [
    '/v2/images?limit=2&tag=a&tag=b',
    '/v2/images?limit=2&marker=img-0001&tag=a&tag=b',
    '/v2/images?limit=2&marker=img-0003&tag=a&tag=b',
  ]);
  // byPage: a starting marker and a page size; a cloudimages-style server sends no links, so a
  // full page continues after its last id and a short one ends the loop.
  server.reset();
  server.handle((req) => {
    const u = new URL(req.url, server.url);
    const start = all.findIndex((i) => i.id === u.searchParams.get('marker')) + 1;
    return { body: { images: all.slice(start, start + Number(u.searchParams.get('limit'))) } };
  });
  const pages = [];
  for await (const page of client().listImagesAll({ tag: ['x', 'y'] }).byPage({ pageSize: 3, marker: 'img-0000' })) pages.push(page);
  assert.deepEqual(pages.map((p) => p.images.map((i) => i.id)), [['img-0001', 'img-0002', 'img-0003'], ['img-0004']]);
  assert.equal(pages[0].nextMarker, 'img-0003');
  assert.equal(pages[1].nextMarker, undefined);
  assert.deepEqual(server.requests.map((r) => r.url), [
    '/v2/cloudimages?limit=3&marker=img-0000&tag=x&tag=y',
    '/v2/cloudimages?limit=3&marker=img-0003&tag=x&tag=y',
  ]);
});

test(`${FORMAT}: a next link to another origin is never requested`, async () => {
  server.handle((req) => ({
    body: req.url.includes('marker=') ? { images: [], first: '/v2/images' } : { images: images(0, 2), next: `${other.url}/v2/images?marker=img-0001` },
  }));
  const ids = [];
  for await (const img of client().glanceListImagesAll()) ids.push(img.id);
  assert.deepEqual(ids, ['img-0000', 'img-0001']);
  assert.equal(other.requests.length, 0);
  assert.deepEqual(server.requests.map((r) => r.url), ['/v2/images', '/v2/images?marker=img-0001']);
});

test(`${FORMAT}: a repeating marker ends with kind pagination`, async () => {
  server.handle(() => ({ body: { images: images(0, 2), next: '/v2/images?marker=img-0001' } }));
  const ids = [];
  await rejects((async () => { for await (const img of client().glanceListImagesAll()) ids.push(img.id); })(), (e) => assert.equal(e.kind, 'pagination'));
  assert.equal(server.requests.length, 2);
});

test(`${FORMAT}: break out of an iterator sends no further request`, async () => {
  server.handle(() => ({ body: { images: images(0, 2), next: `/v2/images?marker=m${Math.random()}` } }));
  for await (const img of client().glanceListImagesAll()) { assert.equal(img.id, 'img-0000'); break; }
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(server.requests.length, 1);
  for await (const page of client().glanceListImagesAll().byPage()) { assert.equal(page.images.length, 2); break; }
  assert.equal(server.requests.length, 2);
});

test(`${FORMAT}: bad input throws ImsError invalid-argument before anything is sent`, async () => {
  assert.throws(() => new ImsClient({ endpoint: server.url, timeoutMs: -1 }), (e) => ImsError.is(e) && e.kind === 'invalid-argument' && e.key === 'timeoutMs');
  assert.throws(() => new ImsClient({ region: 'cn-north-4', bogus: 1 }), (e) => e.key === 'bogus');
  assert.throws(() => new ImsClient({ endpoint: server.url, credentials: { token: '' } }), (e) => e.key === 'credentials.token');
  assert.throws(() => new ImsClient(), (e) => ImsError.is(e) && e.kind === 'invalid-argument');
  const c = client();
  await rejects(c.listImages({ nmae: 'x' }), (e) => assert.equal(e.key, 'nmae'));
  await rejects(c.listImages({ memberStatus: 'accepted' }), (e) => assert.equal(e.key, 'memberStatus'));
  await rejects(c.glanceListImages({ flavorId: 'x' }), (e) => assert.equal(e.key, 'flavorId'));
  await rejects(c.listImages({ createdAt: { op: 'lt', time: new Date(NaN) } }), (e) => assert.equal(e.key, 'createdAt'));
  await rejects(c.glanceShowImage(42), (e) => assert.equal(e.key, 'imageId'));
  await rejects(c.listImages(new Map()), (e) => assert.equal(e.key, 'query'));
  await rejects(c.listImages({}, { signal: 'nope' }), (e) => assert.equal(e.key, 'signal'));
  assert.throws(() => c.listImagesAll({ limit: 0 }), (e) => ImsError.is(e) && e.key === 'limit');
  for (const [opts, key] of [[{ pageSize: 0 }, 'pageSize'], [{ pageSize: 2.5 }, 'pageSize'], [{ marker: 7 }, 'marker'], [{ size: 3 }, 'size']]) {
    assert.throws(() => c.glanceListImagesAll().byPage(opts), (e) => ImsError.is(e) && e.kind === 'invalid-argument' && e.key === key, JSON.stringify(opts));
  }
  assert.equal(server.requests.length, 0);
});

test(`${FORMAT}: malformed responses end in kind parse and the module keeps working`, async () => {
  const bodies = ['{"images": [', 'not json', '{"images": 5}', '\u0000\u00ff', '[]', '{"images":[1]}'];
  let i = 0;
  server.handle(() => ({ body: bodies[i++ % bodies.length] }));
  const c = client();
  for (let k = 0; k < bodies.length; k++) await rejects(c.listImages(), (e) => assert.equal(e.kind, 'parse'));
  server.handle(() => ({ destroy: true }));
  await rejects(client({ maxRetries: 0 }).listImages(), (e) => assert.equal(e.kind, 'network'));
  server.handle(() => ({ body: { images: images(0, 1) } }));
  assert.equal((await c.listImages()).images[0].osBit, 64);
});

test(`${FORMAT}: buildRequest shows exactly what would be sent, signed`, async () => {
  const c = client({ credentials: { accessKey: 'AKTEST', secretKey: 'sk-test-secret' } });
  const req = await c.buildRequest('glanceShowImage', 'a/b', { date: '20181028T100000Z' });
  assert.equal(req.method, 'GET');
  assert.equal(req.url, `${server.url}/v2/images/a%2Fb`);
  assert.equal(req.headers['X-Sdk-Date'], '20181028T100000Z');
  assert.match(req.headers.Authorization, /^SDK-HMAC-SHA256 Access=AKTEST, SignedHeaders=accept;host;x-sdk-date, Signature=[0-9a-f]{64}$/);
  const v = await verify({ method: 'GET', url: '/v2/images/a%2Fb', headers: { authorization: req.headers.Authorization, 'x-sdk-date': '20181028T100000Z', accept: 'application/json', host: `127.0.0.1:${server.port}` } }, () => 'sk-test-secret');
  assert.ok(v.ok, v.why);
  assert.equal(server.requests.length, 0);
});

test(`${FORMAT}: runtime objects have exactly the declared keys and types`, async () => {
  // Read the Image interface from the shipped declarations: a JSDoc ending `Wire: \`wire\`.`, then `  js?: type;`.
  const { readFileSync } = await import('node:fs');
  const dts = readFileSync(new URL('../../pkg/index.d.ts', import.meta.url), 'utf8');
  const start = dts.indexOf('export interface Image {');
  const body = dts.slice(start, dts.indexOf('\n}\n', start));
  const fields = [...body.matchAll(/Wire: `([^`]+)`\.(?: \*\/|\n {3}\*\/)\n {2}(\w+)\?: ([^;]+);/g)].map(([, wire, js, type]) => ({ wire, js, type }));
  assert.equal(fields.length, 64);
  const sample = { boolean: ['True', 'boolean'], number: ['42', 'number'], string: ['s', 'string'], 'string[]': ['a,b', 'object'] };
  const wire = {};
  for (const f of fields) wire[f.wire] = f.js === 'tags' ? ['a'] : (sample[f.type] ?? ['x', 'string'])[0];
  wire.unmodelled = [1];
  const img = ims.parseImage(JSON.stringify(wire));
  assert.deepEqual(Object.keys(img).sort(), [...fields.map((f) => f.js), 'extra'].sort());
  for (const f of fields) {
    const expected = (sample[f.type] ?? ['x', 'string'])[1];
    assert.equal(typeof img[f.js], expected, `${f.js}: ${f.type}`);
    if (f.type === 'string[]') assert.ok(Array.isArray(img[f.js]) && img[f.js].every((x) => typeof x === 'string'), f.js);
  }
  assert.deepEqual(img.extra, { unmodelled: [1] });
  assert.equal(Object.getPrototypeOf(img), Object.prototype);
  const page = ims.parseImagePage({ images: [wire], next: '/v2/images?marker=m', first: '/v2/images', schema: '/v2/schemas/images' });
  assert.deepEqual(Object.keys(page).sort(), ['first', 'images', 'next', 'nextMarker', 'schema']);
});

test(`${FORMAT}: an injected fetch is the transport, and its failures are classified`, async () => {
  const calls = [];
  const fakeFetch = async (url, init) => {
    calls.push({ url, init });
    return new Response(JSON.stringify({ images: images(0, 1) }), { status: 200, headers: { 'X-Request-Id': 'fake-1' } });
  };
  const c = new ImsClient({ endpoint: 'https://ims.example.test/base', fetch: fakeFetch, credentials: { token: 't' } });
  const page = await c.glanceListImages({ limit: 1 });
  assert.equal(page.images[0].osBit, 64);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, 'https://ims.example.test/base/v2/images?limit=1');
  assert.equal(calls[0].init.method, 'GET');
  assert.equal(calls[0].init.headers['X-Auth-Token'], 't');
  assert.ok(calls[0].init.signal instanceof AbortSignal, 'each attempt has its own AbortController');
  assert.equal(server.requests.length, 0, 'the global fetch was not used');
  // A transport that throws something odd is a network error, retried, and then reported.
  let n = 0;
  const broken = new ImsClient({ endpoint: 'https://ims.example.test', maxRetries: 2, fetch: async () => { n++; throw 'not even an Error'; } });
  await rejects(broken.listImages(), (e) => { assert.equal(e.kind, 'network'); assert.equal(e.attempts, 3); });
  assert.equal(n, 3);
});

test(`${FORMAT}: onAttempt reports each attempt once, after it ends: retries, request ids, a thrown hook, the pages of a walk`, async () => {
  server.handle((req, n) => (n <= 2 ? { status: 503, body: { error: { code: 'IMG.0503', message: 'busy' } } } : { headers: { 'X-Request-Id': `rid-${n}` }, body: { images: images(0, 2) } }));
  const fromClient = [];
  const fromCall = [];
  const c = client({ credentials: { token: 'tok-hook' }, onAttempt: (a) => fromClient.push(a) });
  const page = await c.listImages({ limit: 2 }, { onAttempt: (a) => { fromCall.push(a); throw new Error('a broken hook'); } });
  assert.equal(page.images.length, 2, 'a hook that throws does not break the call');
  assert.deepEqual(fromCall, fromClient, 'the call\'s hook and the client\'s see the same records');
  assert.deepEqual(fromClient.map((a) => [a.attempt, a.status, a.errorKind, a.requestId, typeof a.retryInMs]), [
    [1, 503, 'http', 'req-1', 'number'],
    [2, 503, 'http', 'req-2', 'number'],
    [3, 200, undefined, 'rid-3', 'undefined'],
  ]);
  for (const a of fromClient) {
    assert.equal(a.operation, 'listImages');
    assert.equal(a.method, 'GET');
    assert.equal(a.url, `${server.url}/v2/cloudimages?limit=2`);
    assert.ok(Number.isInteger(a.durationMs) && a.durationMs >= 0);
    assert.ok(!JSON.stringify(a).includes('tok-hook'));
  }
  // A request with no response: no status; the kind says why.
  const lost = [];
  await rejects(new ImsClient({ endpoint: 'http://127.0.0.1:1', maxRetries: 1, onAttempt: (a) => lost.push(a) }).glanceShowImage('x'), (e) => assert.equal(e.kind, 'network'));
  assert.deepEqual(lost.map((a) => [a.operation, a.attempt, a.status, a.errorKind, a.retryInMs === undefined]), [['glanceShowImage', 1, undefined, 'network', false], ['glanceShowImage', 2, undefined, 'network', true]]);
  // A walk: each page's attempts count from 1.
  server.reset();
  server.handle((req) => {
    const marker = new URL(req.url, server.url).searchParams.get('marker');
    return { body: { images: marker ? images(2, 1) : images(0, 2) } };
  });
  const walk = [];
  for await (const image of client({ onAttempt: (a) => walk.push(a) }).listImagesAll({ limit: 2 })) assert.ok(image.id);
  assert.deepEqual(walk.map((a) => [a.attempt, a.status]), [[1, 200], [1, 200]]);
  assert.match(walk[1].url, /marker=img-0001/);
});
