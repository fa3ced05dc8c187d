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

import { ImsClient, ImsError, parseImage, parseImagePage } from 'ims-client';
import { images, startServer } from './server.mjs';
import { startEmulator } from '../../emulator/ims-emulator.mjs';
import { verify } from '../../emulator/sigv.mjs';

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
  // Every client here also reports its attempts: no record may hold a secret either.
  const records = [];
  const Hooked = class extends ImsClient {
    constructor(o) { super({ ...o, onAttempt: (a) => records.push(a) }); }
  };
  const collect = async (f) => { try { await f(); } catch (e) { errors.push(e); } };
  // Bad options of every kind.
  await collect(() => new Hooked({ endpoint: 'http://example.com', credentials: aksk }));
  await collect(() => new Hooked({ endpoint: server.url, credentials: { token: `${TOKEN}\n` } }));
  await collect(() => new Hooked({ endpoint: server.url, credentials: { ...aksk, token: TOKEN } }));
  // 401 bodies that echo the Authorization header and the token, in every body shape.
  server.handle((req) => ({ status: 401, body: { error_code: 'APIGW.0301', error_msg: `bad ${req.headers.authorization} ${req.headers['x-auth-token']} ${req.headers['x-security-token']}`, request_id: 'r' } }));
  const signed = new Hooked({ endpoint: server.url, credentials: aksk });
  await collect(() => signed.listImages());
  await collect(() => new Hooked({ endpoint: server.url, credentials: { token: TOKEN } }).glanceShowImage('x'));
  server.handle((req) => ({ status: 403, body: { error: { code: 'X', message: `${req.headers['x-auth-token']}` }, encoded_authorization_message: TOKEN } }));
  await collect(() => new Hooked({ endpoint: server.url, credentials: { token: TOKEN } }).listImages());
  // Network errors, and a provider that throws with a secret in its message.
  await collect(() => new Hooked({ endpoint: 'http://127.0.0.1:1', credentials: { token: TOKEN }, maxRetries: 0 }).listImages());
  await collect(() => new Hooked({ endpoint: server.url, credentials: async () => { throw new Error(`vault said ${TOKEN} ${SK}`); } }).listImages());
  await collect(() => new Hooked({ endpoint: server.url, credentials: () => ({ token: TOKEN, nope: SK }) }).listImages());
  await collect(() => signed.buildRequest('glanceShowImage', '..'));
  // Retried failures echoing the secrets: records with their waits.
  server.handle((req) => ({ status: 503, headers: { 'Retry-After': '0' }, body: { error: { code: 'IMG.0503', message: `${req.headers.authorization} ${req.headers['x-security-token']}` } } }));
  await collect(() => new Hooked({ endpoint: server.url, credentials: aksk, maxRetries: 2 }).listImages());
  assert.ok(errors.length >= 10, `${errors.length} failures`);
  for (const e of errors) assertNoSecret(e);
  figures.secretViews = errors.length * 5;
  assert.ok(records.length >= 7 && records.some((r) => r.retryInMs !== undefined), `${records.length} attempt records`);
  for (const view of [JSON.stringify(records), inspect(records, { depth: 5, showHidden: true })]) {
    for (const secret of [TOKEN, SK, STS]) assert.ok(!view.includes(secret), `an attempt record shows a secret: ${view}`);
    assert.ok(!/SDK-HMAC-SHA256|Signature=|authorization/i.test(view), 'no header, no signature');
  }
  const KEYS = ['operation', 'attempt', 'method', 'url', 'status', 'requestId', 'errorKind', 'durationMs', 'retryInMs'];
  for (const r of records) for (const k of Object.keys(r)) assert.ok(KEYS.includes(k), `a record holds ${k}`);
  figures.attemptRecords = records.length;
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

// ---- Hardening II (issue 15): whatever a custom fetch, a provider or a hostile server hands over
// ends typed, bounded and cancelled. The package's own modules as the build assembles them
// (build/js), so the module's live bytes and its WebAssembly.Memory can be watched.
const built = await import('../../build/js/index.js');
const builtCore = await import('../../build/js/core.js');
const { instance } = await import('../../build/js/load.js');
const memory = () => instance.memory.buffer.byteLength;
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const revoked = () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; };
const EXAMPLE = 'https://ims.example.test';

test('II.1 a custom fetch answer of the wrong shape is kind network naming what was wrong; memory stays bounded', async () => {
  const texts = [42, Symbol('s'), { length: 3e9 }, [1, 2, 3], null, undefined, 10n, { toString() { throw new Error('x'); } }];
  for (const status of [500, 200]) {
    for (const value of texts) {
      const c = new built.ImsClient({ endpoint: EXAMPLE, maxRetries: 0, fetch: async () => ({ status, headers: new Headers(), text: async () => value }) });
      await fails(() => c.listImages(), (e) => { assert.equal(e.kind, 'network', `${status} ${typeof value}`); assert.match(e.message, /text\(\) gave/); });
    }
  }
  const answers = [null, 42, 'a string', Symbol('r'), revoked(), {}, { status: '200', headers: new Headers(), text: async () => '{}' },
    { status: NaN, headers: new Headers(), text: async () => '{}' }, { status: 1e9, headers: new Headers(), text: async () => '{}' },
    { status: 200, text: async () => '{}' }, { status: 200, headers: { forEach() { throw new Error('boom'); } }, text: async () => '{}' },
    { get status() { throw new Error('no status'); } }, { status: 200, headers: new Headers() } /* no text() */];
  for (const [i, answer] of answers.entries()) {
    const c = new built.ImsClient({ endpoint: EXAMPLE, maxRetries: 0, fetch: async () => answer });
    await fails(() => c.listImages(), (e) => assert.equal(e.kind, 'network', `answer ${i}`));
  }
  // Ten thousand hostile answers: every one a typed error, the module's memory where it was.
  const all = [...texts.map((t) => ({ status: 500, headers: new Headers(), text: async () => t })), ...answers];
  let n = 0;
  const c = new built.ImsClient({ endpoint: EXAMPLE, maxRetries: 0, fetch: async () => all[(n++) % all.length] });
  await c.listImages().catch(() => {}); // the first call's one-time allocations
  const live = builtCore.allocatedBytes();
  const mem = memory();
  for (let i = 0; i < 10_000; i++) {
    try { await c.listImages(); assert.fail('a hostile answer succeeded'); } catch (e) { assert.ok(ImsError.is(e), String(e)); }
  }
  assert.equal(builtCore.allocatedBytes(), live, 'no byte of the module is kept');
  assert.ok(memory() - mem <= 1 << 20, `the module's memory grew by ${memory() - mem} bytes`);
  figures.hostileAnswers = { answers: 10_000, liveBytesAfter: builtCore.allocatedBytes() - live, memoryGrowthBytes: memory() - mem };
});

test('II.2 a body that never ends, from a fetch that ignores its signal, is cancelled when the attempt ends', async () => {
  for (const [why, opts, status, kind] of [['timeout', { timeoutMs: 200 }, 200, 'timeout'], ['abort', {}, 200, 'aborted'], ['error body', { timeoutMs: 60_000 }, 500, 'http']]) {
    let pulls = 0;
    const endless = () => new ReadableStream({ async pull(c) { await pause(5); pulls++; c.enqueue(new Uint8Array(4096).fill(0x20)); } });
    const c = new ImsClient({ endpoint: EXAMPLE, maxRetries: 0, ...opts, fetch: async () => new Response(endless(), { status, headers: { 'Content-Type': 'application/json' } }) });
    const ac = new AbortController();
    if (why === 'abort') setTimeout(() => ac.abort(), 200);
    await fails(() => c.listImages({}, { signal: ac.signal }), (e) => assert.equal(e.kind, kind, why));
    const atEnd = pulls;
    await pause(400);
    assert.ok(pulls - atEnd <= 2, `${why}: the body was still read after the attempt ended (${atEnd} -> ${pulls})`);
    if (why === 'error body') assert.ok(atEnd <= 64 * 1024 / 4096 + 2, `an error body is read to its bound only (${atEnd} chunks)`);
  }
});

test('II.3 a credentials provider that never settles times out with the attempt', async () => {
  const started = Date.now();
  const c = new ImsClient({ endpoint: server.url, timeoutMs: 200, maxRetries: 3, credentials: () => new Promise(() => {}) });
  await fails(() => c.listImages(), (e) => { assert.equal(e.kind, 'timeout'); assert.equal(e.attempts, 0); assert.match(e.message, /credentials provider/); });
  assert.ok(Date.now() - started < 5000);
  assert.equal(server.requests.length, 0, 'nothing was sent');
});

test('II.4 a server that sends a new long marker on every page: bounded memory, refused when absurd, memory given back', async () => {
  const PAGES = 1500;
  const marker = (n) => `${String(n).padStart(6, '0')}-${'m'.repeat(3000)}`;
  server.handle((req) => {
    const m = new URL(req.url, 'http://x').searchParams.get('marker');
    const n = m ? Number(m.slice(0, 6)) + 1 : 0;
    return { body: n < PAGES ? { images: images(n * 2, 2), page_info: { next_marker: marker(n) } } : { images: [] } };
  });
  const c = new built.ImsClient({ endpoint: server.url });
  const live = builtCore.allocatedBytes();
  let most = 0;
  let pages = 0;
  const times = [];
  let last = performance.now();
  for await (const page of c.listImagesAll({ limit: 2 }).byPage()) {
    pages++;
    most = Math.max(most, builtCore.allocatedBytes() - live);
    const now = performance.now();
    times.push(now - last);
    last = now;
    if (page.images.length === 0) break;
  }
  assert.equal(pages, PAGES + 1);
  assert.ok(most < 256 * 1024, `the walk held ${most} bytes of the module for ${PAGES} markers of 3 KB`);
  assert.equal(builtCore.allocatedBytes(), live, 'given back when the walk ends');
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  figures.hostileMarkers = { pages: PAGES, markerBytes: 3007, mostLiveBytes: most, msPerPageFirst100: +mean(times.slice(1, 101)).toFixed(2), msPerPageLast100: +mean(times.slice(-100)).toFixed(2) };
  // A 200 KB marker is not followed: a clear error at once, the marker not echoed.
  server.handle(() => ({ body: { images: images(0, 2), page_info: { next_marker: 'x'.repeat(200_000) } } }));
  await fails(async () => { for await (const _ of c.listImagesAll({ limit: 2 })) { /* walk */ } }, (e) => {
    assert.equal(e.kind, 'pagination'); assert.ok(e.message.length < 300, e.message); assert.match(e.message, /4096 bytes/);
  });
  assert.equal(builtCore.allocatedBytes(), live);
});

test('II.5 a value no header can carry is refused before anything is sent', async () => {
  for (const [opts, key] of [[{ headers: { 'X-Lang': 'zh-中' } }, 'headers.X-Lang'], [{ credentials: { token: 'tok-中文' } }, 'credentials.token'],
    [{ projectId: '项目' }, 'projectId'], [{ credentials: { accessKey: 'AK', secretKey: 'sk-中' } }, 'credentials.secretKey']]) {
    await fails(() => new ImsClient({ endpoint: server.url, ...opts }), (e) => { assert.equal(e.kind, 'invalid-argument'); assert.equal(e.key, key); });
  }
  const provided = new ImsClient({ endpoint: server.url, credentials: async () => ({ token: 'tok-中文' }) });
  await fails(() => provided.listImages(), (e) => { assert.equal(e.kind, 'invalid-argument'); assert.equal(e.key, 'credentials.token'); });
  assert.throws(() => signRequestOf({ headers: { 'X-A': 'zh-中' } }), (e) => e.key === 'headers.X-A');
  assert.equal(server.requests.length, 0, 'nothing was sent');
});

/** `signRequest` of a request to the test server, with overrides. */
const signRequestOf = (over) => built.signRequest({ method: 'GET', url: `${server.url}/v2/images`, accessKey: 'AKTEST', secretKey: SK, ...over });

test('II.6 refused, never rewritten: a forged access key, lone surrogates; the host signed is the host fetch sends', async () => {
  await fails(() => new ImsClient({ endpoint: server.url, credentials: { accessKey: 'AK, Signature=forged', secretKey: SK } }), (e) => assert.equal(e.key, 'credentials.accessKey'));
  assert.throws(() => signRequestOf({ accessKey: 'AK, Signature=x' }), (e) => ImsError.is(e) && e.key === 'accessKey');
  const c = new ImsClient({ endpoint: server.url });
  const lone = '\ud800';
  for (const [call, key] of [[() => c.glanceShowImage(lone), 'imageId'], [() => c.listImages({ name: `a${lone}` }), 'name'],
    [() => c.listImages({ tag: ['ok', `b${lone}`] }), 'tag[1]'], [() => c.listImages({ extra: { [`k${lone}`]: 'v' } }), 'extra'],
    [() => c.listImages({ extra: { k: lone } }), 'extra.k'], [() => new ImsClient({ endpoint: server.url, credentials: { token: lone } }), 'credentials.token'],
    [() => new ImsClient({ endpoint: server.url, projectId: `p${lone}` }), 'projectId'], [() => new ImsClient({ endpoint: `${server.url}/a${lone}` }), 'endpoint'],
    [() => signRequestOf({ url: `${server.url}/v2/images/${lone}` }), 'url'], [() => c.buildRequest('glanceShowImage', `\udfff${lone}`), 'imageId']]) {
    await fails(call, (e) => { assert.equal(e.kind, 'invalid-argument', key); assert.equal(e.key, key); });
  }
  assert.equal(server.requests.length, 0, 'nothing was sent');
  // The host: every form of the loopback address is sent by fetch as 127.0.0.1, and signed so.
  server.handle(async (req) => {
    const v = await verify(req, (ak) => (ak === 'AKTEST' ? SK : undefined));
    return v.ok ? { body: { images: [] } } : { status: 401, body: { error_code: 'APIGW.0301', error_msg: v.why } };
  });
  for (const host of ['127.1', '0x7f.0.0.1', '2130706433', '0177.0.0.01']) {
    const url = `http://${host}:${server.port}/v2/images?limit=1`;
    const headers = signRequestOf({ url });
    assert.equal((await fetch(url, { headers })).status, 200, `signRequest for ${host}`);
    const signed = new ImsClient({ endpoint: `http://${host}:${server.port}`, credentials: { accessKey: 'AKTEST', secretKey: SK } });
    assert.deepEqual((await signed.glanceListImages({ limit: 1 })).images, [], `a client at ${host}`);
  }
  // And the core's host is the WHATWG parser's, on generated forms of IPv4 and IPv6 addresses.
  const r = (n) => Math.floor(Math.random() * n);
  const forms = [];
  for (let i = 0; i < 300; i++) {
    const octets = [r(256), r(256), r(256), r(256)];
    forms.push(octets.join('.'), `0x${octets[0].toString(16)}.${octets[1]}.${octets[2] * 256 + octets[3]}`, String(octets.reduce((a, o) => a * 256 + o, 0)));
    const pieces = Array.from({ length: 8 }, () => (r(3) === 0 ? 0 : r(65536)));
    forms.push(`[${pieces.map((p) => p.toString(16).toUpperCase()).join(':')}]`, `[${pieces.map((p) => p.toString(16)).join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}]`);
  }
  for (const host of forms) {
    let expected;
    try { expected = new URL(`http://${host}:8080/`).host; } catch { continue; }
    const { url } = await new ImsClient({ endpoint: `http://${host}:8080` }).buildRequest('glanceShowImage', 'x');
    assert.equal(new URL(url).host, expected, host);
    assert.ok(url.startsWith(`http://${expected}/`), `${host}: ${url}`);
  }
});

test('II.7 odd throws and signals from the caller are ImsErrors', async () => {
  const messageThrows = { get message() { throw new Error('no'); }, get name() { throw new Error('no'); } };
  for (const thrown of [revoked(), messageThrows, Symbol('s'), null, undefined, 7]) {
    const c = new ImsClient({ endpoint: EXAMPLE, maxRetries: 0, fetch: async () => { throw thrown; } });
    await fails(() => c.listImages(), (e) => assert.equal(e.kind, 'network'));
  }
  const signalLike = { aborted: false, addEventListener() {} };
  await fails(() => new ImsClient({ endpoint: server.url }).listImages({}, { signal: signalLike }), (e) => { assert.equal(e.kind, 'invalid-argument'); assert.equal(e.key, 'signal'); });
  const operation = { toString() { throw new Error('no'); } };
  await fails(() => new ImsClient({ endpoint: server.url }).buildRequest(operation), (e) => { assert.equal(e.kind, 'invalid-argument'); assert.equal(e.key, 'operation'); });
  for (const status of ['abc', -5, 70_000, 2.5]) {
    const c = new ImsClient({ endpoint: EXAMPLE, maxRetries: 0, fetch: async () => ({ status, headers: new Headers(), text: async () => '{}' }) });
    await fails(() => c.listImages(), (e) => { assert.equal(e.kind, 'network', String(status)); assert.equal(e.key, undefined); });
  }
  assert.equal(server.requests.length, 0);
});

test('II.8 a full page whose last image has no id fails the walk; bytes are bytes, a Map is refused', async () => {
  server.handle(() => ({ body: { images: [{ id: 'a' }, { name: 'no id' }] } }));
  await fails(async () => { for await (const _ of new ImsClient({ endpoint: server.url }).listImagesAll({ limit: 2 })) { /* walk */ } }, (e) => {
    assert.equal(e.kind, 'pagination'); assert.match(e.message, /no id/);
  });
  const body = JSON.stringify({ id: 'i', __os_bit: '64' });
  const bytes = new TextEncoder().encode(body);
  for (const form of [bytes.buffer, bytes, new DataView(bytes.buffer)]) assert.deepEqual(parseImage(form), { id: 'i', osBit: 64, extra: {} });
  for (const odd of [new Map([['id', 'x']]), new Set(), new Date(), /x/]) {
    await fails(() => parseImage(odd), (e) => { assert.equal(e.kind, 'invalid-argument'); assert.equal(e.key, 'json'); });
  }
});

test('II.9 a 50-million-character error body is read only to its bound', async () => {
  const huge = 'x'.repeat(50_000_000);
  server.handle(() => ({ status: 500, body: huge }));
  const c = new built.ImsClient({ endpoint: server.url, maxRetries: 0 });
  await c.listImages().catch(() => {}); // the first call's one-time allocations
  const live = builtCore.allocatedBytes();
  const mem = memory();
  const started = Date.now();
  await fails(() => c.listImages(), (e) => { assert.equal(e.kind, 'http'); assert.equal(e.status, 500); assert.ok(e.message.length < 500); });
  assert.equal(builtCore.allocatedBytes(), live);
  assert.ok(memory() - mem <= 256 * 1024, `the module's memory grew by ${memory() - mem} bytes`);
  figures.hugeErrorBody = { chars: 50_000_000, ms: Date.now() - started, memoryGrowthBytes: memory() - mem };
});

test('II no export traps on any argument: each wrong type ends in a value or an ImsError, and the module keeps working', async () => {
  const odd = [undefined, null, true, 0, -1, NaN, Infinity, 10n, '', 'str', '\ud800', Symbol('s'), [], [1, [2]], {}, new Map(), new Date(NaN),
    () => {}, new Proxy({}, { get() { throw new Error('get'); }, ownKeys() { throw new Error('keys'); } }), revoked(), Object.create(null),
    new Uint8Array(3), new ArrayBuffer(2), { toString() { throw new Error('s'); } }, { [Symbol.toPrimitive]() { throw new Error('p'); } },
    { length: 3e9 }, 'x'.repeat(100_000)];
  const fetchEmpty = async () => new Response('{"images":[]}', { status: 200 });
  const c = new ImsClient({ endpoint: EXAMPLE, fetch: fetchEmpty });
  const uses = [
    (v) => new ImsClient(v), (v) => new ImsClient({ endpoint: EXAMPLE, fetch: fetchEmpty, headers: v }), (v) => new ImsClient({ endpoint: v }),
    (v) => new ImsClient({ region: v }), (v) => new ImsClient({ endpoint: EXAMPLE, credentials: v }), (v) => new ImsClient({ endpoint: EXAMPLE, timeoutMs: v }),
    (v) => c.listImages(v), (v) => c.listImages({}, v), (v) => c.glanceListImages({ limit: v }), (v) => c.glanceShowImage(v), (v) => c.glanceShowImage('x', v),
    (v) => c.listImagesAll(v).next(), (v) => c.listImagesAll({}).byPage(v).next(), (v) => c.buildRequest(v), (v) => c.buildRequest('listImages', v),
    (v) => c.buildRequest('listImages', {}, v), (v) => parseImage(v), (v) => parseImagePage(v), (v) => built.signRequest(v),
    (v) => built.signRequest({ method: 'GET', url: EXAMPLE, accessKey: 'AK', secretKey: 'SK', date: v }),
    (v) => new ImsClient({ endpoint: EXAMPLE, fetch: fetchEmpty, credentials: async () => v }).listImages(),
  ];
  let tried = 0;
  for (const use of uses) {
    for (const v of odd) {
      if (process.env.TRACE) console.log(String(use).slice(0, 60), typeof v);
      try {
        await use(v);
      } catch (e) {
        assert.ok(ImsError.is(e), `${use} with ${typeof v}: ${e}`);
      }
      tried++;
    }
  }
  assert.deepEqual((await c.listImages()).images, [], 'and the module keeps working');
  figures.wrongTypesTried = tried;
});
