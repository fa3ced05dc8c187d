// Hardening (issue 10), against the built package and real servers:
//   - the contract's security rules refuse before anything is sent;
//   - odd inputs (throwing getters, proxies, absurd Retry-After) end in typed errors;
//   - every failure path keeps every secret out of message, String(e), JSON.stringify(e),
//     util.inspect(e) and stack;
//   - the same client keeps working after every malformed body and every abort reason;
//   - load: 500 concurrent calls, the module's memory back where it started; a 10 MB page;
//   - faults: a whole listing through 503s, 429s with Retry-After, cut bodies and latency.
// The figures it measures are printed (they feed the README's Reliability section).
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, beforeEach, test } from 'node:test';

import { ImsClient, ImsError } from 'ims-client';
import { images, startServer } from './server.mjs';
import { startEmulator } from '../../emulator/ims-emulator.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });
beforeEach(() => server.reset());

const TOKEN = 'tok-SECRET-0123456789';
const SK = 'sk-SECRET-abcdefghij';
const STS = 'sts-SECRET-klmnopqrst';
const figures = {};

/** `f()` throws or rejects with an ImsError whose `check` holds; returns it. */
async function fails(f, check) {
  let error;
  try {
    await f();
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'expected a failure');
  assert.ok(ImsError.is(error), `not an ImsError: ${error}`);
  check?.(error);
  return error;
}

/** Every textual view of an error: none may hold a secret. */
function assertNoSecret(e, secrets = [TOKEN, SK, STS]) {
  const views = { message: e.message, string: String(e), json: JSON.stringify(e), inspect: inspect(e, { depth: 5, showHidden: true }), stack: String(e.stack) };
  for (const [view, text] of Object.entries(views)) {
    for (const s of secrets) assert.ok(!text.includes(s), `${view} of a ${e.kind} error shows a secret: ${text}`);
  }
}

test('each security rule refuses before anything is sent', async () => {
  const insecure = [{ token: TOKEN }, { accessKey: 'AK', secretKey: SK }, async () => ({ token: TOKEN })];
  for (const credentials of insecure) {
    const e = await fails(() => new ImsClient({ endpoint: 'http://ims.example.com', credentials }), (e) => {
      assert.equal(e.kind, 'invalid-argument');
      assert.equal(e.key, 'endpoint');
    });
    assertNoSecret(e);
    assert.ok(new ImsClient({ endpoint: 'http://ims.example.com', credentials, allowInsecureHttp: true }));
  }
  assert.ok(new ImsClient({ endpoint: 'http://ims.example.com' }), 'plain http without credentials is allowed');
  for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) assert.ok(new ImsClient({ endpoint: `http://${host}:9`, credentials: { token: TOKEN } }), host);

  const bad = [
    [{ credentials: { token: `${TOKEN}\r\nX-Evil: 1` } }, 'credentials.token'],
    [{ credentials: { accessKey: 'AK\n', secretKey: SK } }, 'credentials.accessKey'],
    [{ credentials: { accessKey: 'AK', secretKey: `${SK}\u0000` } }, 'credentials.secretKey'],
    [{ credentials: { accessKey: 'AK', secretKey: SK, securityToken: `${STS}\u007f` } }, 'credentials.securityToken'],
    [{ projectId: 'p\u001f' }, 'projectId'],
    [{ headers: { 'X-Ok': 'a\rb' } }, 'headers.X-Ok'],
    [{ headers: { 'X Bad': 'v' } }, 'headers.X Bad'],
    [{ headers: { 'Bad:Name': 'v' } }, 'headers.Bad:Name'],
  ];
  for (const [opts, key] of bad) {
    const e = await fails(() => new ImsClient({ endpoint: server.url, ...opts }), (e) => {
      assert.equal(e.kind, 'invalid-argument');
      assert.equal(e.key, key);
    });
    assertNoSecret(e);
  }
  // A provider that returns a control character fails the call the same way.
  const provided = new ImsClient({ endpoint: server.url, credentials: async () => ({ token: `${TOKEN}\n` }) });
  assertNoSecret(await fails(() => provided.listImages(), (e) => { assert.equal(e.key, 'credentials.token'); assert.equal(e.attempts, 0); }));
  const c = new ImsClient({ endpoint: server.url });
  for (const id of ['', '.', '..']) {
    await fails(() => c.glanceShowImage(id), (e) => { assert.equal(e.kind, 'invalid-argument'); assert.equal(e.key, 'imageId'); });
  }
  assert.equal(server.requests.length, 0, 'nothing was sent');
  server.handle(() => ({ body: images(0, 1)[0] }));
  for (const id of ['...', '%2e', './x', 'a/..']) await c.glanceShowImage(id);
  assert.deepEqual(server.requests.map((r) => r.url), ['/v2/images/...', '/v2/images/%252e', '/v2/images/.%2Fx', '/v2/images/a%2F..']);
});

test('throwing getters, proxies and odd values in options and queries are typed errors', async () => {
  const trap = new Proxy({}, { ownKeys() { throw new Error(`trap ${TOKEN}`); } });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const getter = { region: 'cn-north-4', get credentials() { throw new Error('no vault'); } };
  for (const [opts, key] of [[trap, 'options'], [revoked.proxy, 'options'], [getter, 'credentials']]) {
    await fails(() => new ImsClient(opts), (e) => { assert.equal(e.kind, 'invalid-argument'); assert.equal(e.key, key); });
  }
  const c = new ImsClient({ endpoint: server.url });
  const query = { get limit() { throw new Error('boom'); } };
  await fails(() => c.listImages(query), (e) => { assert.equal(e.kind, 'invalid-argument'); assert.equal(e.key, 'limit'); });
  await fails(() => c.listImages({ limit: 10n }), (e) => assert.equal(e.key, 'limit'));
  await fails(() => c.listImages({ tag: [Symbol('x')] }), (e) => assert.equal(e.key, 'tag[0]'));
  await fails(() => c.listImages({ createdAt: { op: 'gt', time: new Date(NaN) } }), (e) => assert.equal(e.key, 'createdAt'));
  const deep = {};
  let cur = deep;
  for (let i = 0; i < 10_000; i++) cur = cur.x = {};
  await fails(() => c.listImages({ extra: deep }), (e) => assert.equal(e.kind, 'invalid-argument'));
  assert.equal(server.requests.length, 0);
});

test('absurd Retry-After values neither crash nor stall', async () => {
  const c = new ImsClient({ endpoint: server.url, maxRetries: 1 });
  // What each means: not a date nor seconds (the usual backoff, then the retry succeeds), a
  // date in the past (retry at once), or a wait too long to honour (the 429 is returned at once).
  const cases = [['Sun, 06 Nov 99999 08:49:37 GMT', 'retried'], ['9'.repeat(400), 'returned'], ['-1', 'retried'],
    ['Thu, 01 Jan 1970 00:00:00 GMT', 'retried'], ['soon', 'retried'], ['3600', 'returned']];
  for (const [value, outcome] of cases) {
    server.reset();
    server.handle((req, n) => (n === 1 ? { status: 429, headers: { 'Retry-After': value }, body: {} } : { body: { images: [] } }));
    const started = Date.now();
    if (outcome === 'retried') {
      assert.deepEqual((await c.listImages()).images, [], value);
      assert.equal(server.requests.length, 2, value);
    } else {
      await fails(() => c.listImages(), (e) => { assert.equal(e.status, 429, value); assert.equal(e.attempts, 1, value); });
      assert.equal(server.requests.length, 1, value);
    }
    assert.ok(Date.now() - started < 5000, `${value} stalled`);
  }
});

test('concurrent next() calls on one iterator are served in turn, with no false pagination error', async () => {
  server.handle((req) => {
    const marker = new URL(req.url, 'http://x').searchParams.get('marker');
    const start = marker ? Number(marker.slice(4)) + 1 : 0;
    return { delayMs: 20, body: { images: images(start, Math.max(0, Math.min(3, 9 - start))) } };
  });
  const c = new ImsClient({ endpoint: server.url });
  const pages = c.listImagesAll({ limit: 3 }).byPage();
  const results = await Promise.all([pages.next(), pages.next(), pages.next(), pages.next(), pages.next()]);
  // Three full pages, the empty page that ends the listing, then done.
  assert.deepEqual(results.map((r) => r.done), [false, false, false, false, true]);
  assert.deepEqual(results.slice(0, 4).map((r) => r.value.images[0]?.id), ['img-0000', 'img-0003', 'img-0006', undefined]);
  const each = c.listImagesAll({ limit: 3 });
  const ids = (await Promise.all(Array.from({ length: 11 }, () => each.next()))).map((r) => (r.done ? null : r.value.id));
  assert.deepEqual(ids, [...Array.from({ length: 9 }, (_, i) => `img-${String(i).padStart(4, '0')}`), null, null]);
});

test('after every malformed body and every abort reason the same client lists a good page', async () => {
  const c = new ImsClient({ endpoint: server.url, maxRetries: 0 });
  const good = async () => {
    server.handle(() => ({ body: { images: images(0, 2) } }));
    assert.equal((await c.listImages()).images.length, 2);
  };
  const malformed = ['', '{', '[]', 'null', '{"images":{}}', '{"images":[1]}', '{"images":[{"a":1}]} x', '\u0000', 'x'.repeat(100_000),
    `{"images":[${'['.repeat(100_000)}]}`, '{"images":[{"__proto__":{"polluted":1},"constructor":1}]}'];
  let bodies = 0;
  for (const body of malformed) {
    server.handle(() => ({ body }));
    if (body.includes('__proto__')) {
      // The one valid body: `__proto__` stays data, nothing is polluted.
      const page = await c.listImages();
      assert.equal(Object.getOwnPropertyDescriptor(page.images[0].extra, '__proto__').value.polluted, 1);
      assert.equal({}.polluted, undefined);
    } else {
      await fails(() => c.listImages(), (e) => assert.equal(e.kind, 'parse', body.slice(0, 20)));
    }
    bodies++;
    await good();
  }
  server.handle(() => ({ delayMs: 10_000, body: { images: [] } }));
  const reasons = [undefined, null, 'a string', 42, { an: 'object' }, new Error('an Error'), new DOMException('x', 'AbortError'), Symbol('s')];
  for (const reason of reasons) {
    const ac = new AbortController();
    const p = c.listImages({}, { signal: ac.signal });
    setTimeout(() => ac.abort(reason), 5);
    await fails(() => p, (e) => assert.equal(e.kind, 'aborted'));
    await good();
    server.handle(() => ({ delayMs: 10_000, body: { images: [] } }));
  }
  figures.malformedBodies = bodies;
  figures.abortReasons = reasons.length;
});

test('no secret in any view of any failure', async () => {
  const aksk = { accessKey: 'AKTEST', secretKey: SK, securityToken: STS };
  const errors = [];
  const collect = async (f) => { try { await f(); } catch (e) { errors.push(e); } };
  // Bad options of every kind.
  await collect(() => new ImsClient({ endpoint: 'http://example.com', credentials: aksk }));
  await collect(() => new ImsClient({ endpoint: server.url, credentials: { token: `${TOKEN}\n` } }));
  await collect(() => new ImsClient({ endpoint: server.url, credentials: { ...aksk, token: TOKEN } }));
  // 401 bodies that echo the Authorization header and the token, in every body shape.
  server.handle((req) => ({ status: 401, body: { error_code: 'APIGW.0301', error_msg: `bad ${req.headers.authorization} ${req.headers['x-auth-token']} ${req.headers['x-security-token']}`, request_id: 'r' } }));
  const signed = new ImsClient({ endpoint: server.url, credentials: aksk });
  await collect(() => signed.listImages());
  await collect(() => new ImsClient({ endpoint: server.url, credentials: { token: TOKEN } }).glanceShowImage('x'));
  server.handle((req) => ({ status: 403, body: { error: { code: 'X', message: `${req.headers['x-auth-token']}` }, encoded_authorization_message: TOKEN } }));
  await collect(() => new ImsClient({ endpoint: server.url, credentials: { token: TOKEN } }).listImages());
  // Network errors, and a provider that throws with a secret in its message.
  await collect(() => new ImsClient({ endpoint: 'http://127.0.0.1:1', credentials: { token: TOKEN }, maxRetries: 0 }).listImages());
  await collect(() => new ImsClient({ endpoint: server.url, credentials: async () => { throw new Error(`vault said ${TOKEN} ${SK}`); } }).listImages());
  await collect(() => new ImsClient({ endpoint: server.url, credentials: () => ({ token: TOKEN, nope: SK }) }).listImages());
  await collect(() => signed.buildRequest('glanceShowImage', '..'));
  assert.ok(errors.length >= 10, `${errors.length} failures`);
  for (const e of errors) assertNoSecret(e);
  figures.secretViews = errors.length * 5;
});

test('500 concurrent calls on one client all succeed, and the module gives its memory back', async () => {
  // The package's own modules as the build assembles them (build/js), with the core's memory counter.
  const { ImsClient: Client } = await import('../../build/js/index.js');
  const core = await import('../../build/js/core.js');
  server.handle((req) => ({ delayMs: 5 + (Number(new URL(req.url, 'http://x').searchParams.get('limit')) % 20), body: { images: images(0, 3) } }));
  const c = new Client({ endpoint: server.url, credentials: { accessKey: 'AK', secretKey: SK } });
  await c.listImages({ limit: 1 }); // the first call's one-time allocations
  const before = core.allocatedBytes();
  const pages = await Promise.all(Array.from({ length: 500 }, (_, i) => c.listImages({ limit: i + 1 })));
  assert.equal(pages.length, 500);
  assert.ok(pages.every((p) => p.images.length === 3));
  assert.equal(core.allocatedBytes(), before, 'every call gave back what it allocated');
  figures.concurrentCalls = 500;
  figures.liveBytesAfter = core.allocatedBytes() - before;
});

test('a 10 MB page parses; the module takes no memory for it', async () => {
  const { ImsClient: Client } = await import('../../build/js/index.js');
  const core = await import('../../build/js/core.js');
  const big = { images: images(0, 10_000).map((img) => ({ ...img, __description: 'd'.repeat(900) })) };
  const text = JSON.stringify(big);
  assert.ok(text.length > 10 * 1024 * 1024, `${text.length} bytes`);
  server.handle(() => ({ body: text }));
  const c = new Client({ endpoint: server.url });
  await c.listImages({ limit: 1 });
  const before = core.allocatedBytes();
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const page = await c.listImages({ limit: 10_000 });
  const heapAfter = process.memoryUsage().heapUsed;
  assert.equal(page.images.length, 10_000);
  assert.equal(page.nextMarker, 'img-9999');
  const wasmTaken = core.allocatedBytes() - before;
  // Good bodies are parsed in JS: the module holds no more than it does between calls.
  assert.ok(wasmTaken <= 0, `the module kept ${wasmTaken} bytes for a ${text.length}-byte page`);
  figures.bigPageBytes = text.length;
  figures.bigPageWasmBytes = wasmTaken;
  figures.bigPageHeapMB = (heapAfter - heapBefore) / 1048576;
});

test('a whole listing through 503s, 429s with Retry-After, cut bodies and latency: every image once, no request past the limits', async () => {
  const maxRetries = 8;
  const emu = await startEmulator({ seed: 7, count: 1500, errorRate: 0.2, throttleRate: 0.05, truncateRate: 0.05, latencyMs: 3 });
  const attempts = new Map();
  const outcomes = { ok: 0, failed: 0 };
  const recording = async (url, init) => {
    const marker = new URL(url).searchParams.get('marker') ?? '(first)';
    attempts.set(marker, (attempts.get(marker) ?? 0) + 1);
    try {
      const res = await fetch(url, init);
      if (res.ok) outcomes.ok++; else outcomes.failed++;
      return res;
    } catch (e) {
      outcomes.failed++;
      throw e;
    }
  };
  try {
    const c = new ImsClient({ endpoint: emu.url, maxRetries, fetch: recording });
    const ids = [];
    const started = Date.now();
    for await (const img of c.listImagesAll({ sortKey: 'id', sortDir: 'asc', limit: 100 })) ids.push(img.id);
    assert.equal(ids.length, 1500);
    assert.equal(new Set(ids).size, 1500, 'every image exactly once');
    assert.deepEqual(ids, emu.images.map((i) => i.id).sort());
    const most = Math.max(...attempts.values());
    assert.ok(most <= maxRetries + 1, `a page took ${most} requests`);
    assert.ok(outcomes.failed > 0, 'faults were injected');
    figures.faultListing = { images: 1500, pages: attempts.size, requests: outcomes.ok + outcomes.failed, faultsSurvived: outcomes.failed, mostRequestsForOnePage: most, seconds: (Date.now() - started) / 1000 };
  } finally {
    await emu.close();
  }
});

after(() => console.log(`reliability figures: ${JSON.stringify(figures)}`));

test('the demo server answers malformed escapes with 400 and never serves outside its folders', async () => {
  const { startDemo } = await import('../../www/serve.mjs');
  const demo = await startDemo({ port: 0, quiet: true });
  try {
    const base = demo.url.replace(/\/$/, '');
    const raw = async (path) => {
      // fetch() would normalise the path: send it as written.
      const net = await import('node:net');
      const { port } = new URL(base);
      return new Promise((resolve, reject) => {
        const s = net.connect(Number(port), '127.0.0.1', () => s.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
        let data = '';
        s.on('data', (d) => (data += d));
        s.on('end', () => resolve(Number(data.split(' ')[1])));
        s.on('error', reject);
      });
    };
    assert.equal(await raw('/%E0%A4%A'), 400);
    assert.equal(await raw('/%'), 400);
    assert.equal(await raw('/../README.md'), 404);
    assert.equal(await raw('/%2e%2e/README.md'), 404);
    assert.equal(await raw('/pkg/../../README.md'), 404);
    assert.equal(await raw('/index.html'), 200, 'and it still serves');
  } finally {
    await demo.close();
  }
});
