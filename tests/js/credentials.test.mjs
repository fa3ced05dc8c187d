// `ims-client/node`'s providers in real Node: the environment, temporary profile files, a fake ECS
// metadata service (tokens, expiry, refresh, a stale token, no agency, a service that never
// answers), the chain's order and its error when no place has credentials; then the providers
// driving the client against the emulator with AK/SK required. Runs as ESM and as CommonJS
// (IMS_FORMAT), so `instanceof ImsError` is checked across the two entries in both.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';

import { startEmulator } from 'ims-client/emulator';

const FORMAT = process.env.IMS_FORMAT ?? 'esm';
const load = (id) => (FORMAT === 'cjs' ? createRequire(import.meta.url)(id) : import(id));
const { ImsClient, ImsError } = await load('ims-client');
const { defaultCredentials, fromEnv, fromMetadata, fromProfile } = await load('ims-client/node');

const VARS = ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN', 'HUAWEICLOUD_SDK_PROJECT_ID', 'HUAWEICLOUD_SDK_CREDENTIALS_FILE', 'HOME', 'USERPROFILE'];
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
const dir = mkdtempSync(join(tmpdir(), 'ims-creds-'));
const emptyHome = join(dir, 'empty-home');
mkdirSync(emptyHome);

/** Sets the variables of `vars` and clears the others; HOME points to an empty directory unless given. */
function env(vars = {}) {
  for (const v of VARS) delete process.env[v];
  process.env.HOME = emptyHome;
  Object.assign(process.env, vars);
}

let file = 0;
/** A temporary profile file holding `text`. */
function profile(text) {
  const path = join(dir, `credentials-${file++}`);
  writeFileSync(path, text);
  return path;
}

const rejects = async (promise, check) => {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ImsError, `not the main entry's ImsError: ${e}`);
    check(e);
    return e;
  }
  assert.fail('expected a rejection');
};

// ---- a fake ECS metadata service ----
const meta = {
  requests: [],
  tokenStatus: 200,
  tokens: 0,
  /** The key answer for the n-th security key request (from 1), given the token it carried. */
  key: (n, token) => ({ status: 200, body: keyBody(`AK${n}`, `SK${n}`, `STS${n}`, Date.now() + 3 * 3600_000) }),
  hang: false,
};
let metaServer;
let metaUrl;
let keyRequests = 0;
function keyBody(access, secret, securitytoken, expiresMs) {
  // The documented form: microseconds, a Z.
  const expires_at = new Date(expiresMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  return JSON.stringify({ credential: { access, secret, securitytoken, expires_at } });
}

before(async () => {
  metaServer = http.createServer((req, res) => {
    meta.requests.push({ method: req.method, url: req.url, headers: { ...req.headers } });
    if (meta.hang) return; // never answers
    if (req.method === 'PUT' && req.url === '/meta-data/latest/api/token') {
      if (meta.tokenStatus !== 200) {
        res.writeHead(meta.tokenStatus);
        return res.end();
      }
      assert.equal(req.headers['x-metadata-token-ttl-seconds'], '21600');
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end(`tok-${++meta.tokens}`);
    }
    if (req.method === 'GET' && req.url === '/openstack/latest/securitykey') {
      const { status, body } = meta.key(++keyRequests, req.headers['x-metadata-token']);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      return res.end(body ?? '');
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((r) => metaServer.listen(0, '127.0.0.1', r));
  metaUrl = `http://127.0.0.1:${metaServer.address().port}`;
});
after(async () => {
  metaServer.closeAllConnections();
  await new Promise((r) => metaServer.close(r));
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
});
beforeEach(() => {
  meta.requests = [];
  meta.tokenStatus = 200;
  meta.tokens = 0;
  meta.hang = false;
  meta.key = (n) => ({ status: 200, body: keyBody(`AK${n}`, `SK${n}`, `STS${n}`, Date.now() + 3 * 3600_000) });
  keyRequests = 0;
});

/** A port nothing listens on. */
async function closedPort() {
  const s = http.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise((r) => s.close(r));
  return port;
}

test(`${FORMAT}: the environment`, async () => {
  env({ HUAWEICLOUD_SDK_AK: 'AKENV', HUAWEICLOUD_SDK_SK: 'SKENV-secret', HUAWEICLOUD_SDK_SECURITY_TOKEN: 'STSENV', HUAWEICLOUD_SDK_PROJECT_ID: 'p-env' });
  assert.deepEqual(await fromEnv()(), { accessKey: 'AKENV', secretKey: 'SKENV-secret', securityToken: 'STSENV', projectId: 'p-env' });
  env({ HUAWEICLOUD_SDK_AK: 'AKENV', HUAWEICLOUD_SDK_SK: 'SKENV' });
  assert.deepEqual(await fromEnv()(), { accessKey: 'AKENV', secretKey: 'SKENV' });
  env({ HUAWEICLOUD_SDK_AK: 'AKENV-only' });
  const e = await rejects(fromEnv()(), (e) => {
    assert.equal(e.kind, 'invalid-argument');
    assert.equal(e.key, 'credentials');
    assert.match(e.message, /HUAWEICLOUD_SDK_AK without HUAWEICLOUD_SDK_SK/);
  });
  assert.ok(!e.message.includes('AKENV-only') && !JSON.stringify(e).includes('AKENV-only'), 'never a value');
  assert.throws(() => fromEnv({ file: 'x' }), (e) => e instanceof ImsError && e.key === 'file' && /takes no options/.test(e.message));
});

test(`${FORMAT}: profile files as the official SDKs read them`, async () => {
  const path = profile(
    [
      '\uFEFF# a comment',
      '[DEFAULT]',
      'project_id = p-default',
      '',
      '[basic]',
      'AK = AKBASIC',
      'sk: SKBASIC',
      '; another comment',
      '[dev]',
      'ak = AKDEV',
      'sk = SKDEV',
      'security_token = STSDEV',
      '  continued',
      'project_id = p-dev',
    ].join('\r\n'),
  );
  env({ HUAWEICLOUD_SDK_CREDENTIALS_FILE: path });
  assert.deepEqual(await fromProfile()(), { accessKey: 'AKBASIC', secretKey: 'SKBASIC', projectId: 'p-default' }, '[DEFAULT] fills in, keys are case-insensitive');
  assert.deepEqual(await fromProfile({ profile: 'dev' })(), { accessKey: 'AKDEV', secretKey: 'SKDEV', securityToken: 'STSDEV\ncontinued', projectId: 'p-dev' });
  env();
  assert.deepEqual((await fromProfile({ file: path })()).accessKey, 'AKBASIC', 'an explicit file');
  // The default place: ~/.huaweicloud/credentials.
  const home = join(dir, 'home');
  mkdirSync(join(home, '.huaweicloud'), { recursive: true });
  writeFileSync(join(home, '.huaweicloud', 'credentials'), '[basic]\nak = AKHOME\nsk = SKHOME\n');
  env({ HOME: home });
  assert.equal((await fromProfile()()).accessKey, 'AKHOME');
  env({ USERPROFILE: home });
  delete process.env.HOME;
  assert.equal((await fromProfile()()).accessKey, 'AKHOME', "USERPROFILE when there is no HOME (Windows)");

  env({ HUAWEICLOUD_SDK_CREDENTIALS_FILE: path });
  await rejects(fromProfile({ profile: 'prod' })(), (e) => assert.match(e.message, /no section \[prod\]/));
  await rejects(fromProfile({ file: join(dir, 'nope') })(), (e) => assert.match(e.message, /does not exist/));
  const bad = profile('[basic]\nak = AKSECRETVALUE\nthis line is neither\n');
  const e = await rejects(fromProfile({ file: bad })(), (e) => assert.match(e.message, /line 3: not a section, a key or a comment/));
  assert.ok(!e.message.includes('AKSECRETVALUE'));
  if (process.getuid?.() !== 0) {
    const locked = profile('[basic]\nak=a\nsk=b\n');
    chmodSync(locked, 0o000);
    await rejects(fromProfile({ file: locked })(), (e) => assert.match(e.message, /could not be read/));
  }
  assert.throws(() => fromProfile({ file: 5 }), (e) => e instanceof ImsError && e.key === 'file');
  assert.throws(() => fromProfile({ endpoint: 'http://x' }), (e) => e instanceof ImsError && e.key === 'endpoint');
});

test(`${FORMAT}: the metadata service: token, keys, cache, refresh before expiry`, async () => {
  env();
  const provider = fromMetadata({ endpoint: metaUrl });
  const first = await provider();
  assert.deepEqual(first, { accessKey: 'AK1', secretKey: 'SK1', securityToken: 'STS1' });
  assert.deepEqual(meta.requests.map((r) => `${r.method} ${r.url}`), ['PUT /meta-data/latest/api/token', 'GET /openstack/latest/securitykey']);
  assert.equal(meta.requests[1].headers['x-metadata-token'], 'tok-1');
  // Three hours left: kept.
  assert.deepEqual(await provider(), first);
  assert.equal(meta.requests.length, 2, 'cached while far from expiry');
  // Keys with 30 minutes left want refreshing on every ask; the session token is reused.
  meta.key = (n) => ({ status: 200, body: keyBody(`AK${n}`, `SK${n}`, `STS${n}`, Date.now() + 30 * 60_000) });
  const p2 = fromMetadata({ endpoint: metaUrl });
  assert.equal((await p2()).accessKey, 'AK2');
  assert.equal((await p2()).accessKey, 'AK3', 'fewer than 40 minutes left: fetched again');
  const gets = meta.requests.filter((r) => r.method === 'GET').slice(-2);
  assert.deepEqual(gets.map((r) => r.headers['x-metadata-token']), ['tok-2', 'tok-2'], 'the session token is kept for the refresh');
  // Concurrent asks share one search.
  meta.requests = [];
  const p3 = fromMetadata({ endpoint: metaUrl });
  const both = await Promise.all([p3(), p3(), p3()]);
  assert.equal(new Set(both.map((c) => c.accessKey)).size, 1);
  assert.equal(meta.requests.filter((r) => r.method === 'GET').length, 1);
  // 'expiration' and the other spellings.
  meta.key = () => ({ status: 200, body: JSON.stringify({ credentials: { accessKeyId: 'AKX', secretAccessKey: 'SKX', securityToken: 'STX', expiration: '2099-01-01T00:00:00.000000Z' } }) });
  assert.deepEqual(await fromMetadata({ endpoint: metaUrl })(), { accessKey: 'AKX', secretKey: 'SKX', securityToken: 'STX' });
});

test(`${FORMAT}: the metadata service: no tokens, a stale token, no agency, a failed refresh`, async () => {
  env();
  for (const status of [404, 405, 503]) {
    meta.requests = [];
    meta.tokenStatus = status;
    assert.equal((await fromMetadata({ endpoint: metaUrl })()).secretKey.startsWith('SK'), true, `token ${status}: goes on without`);
    assert.equal(meta.requests.at(-1).headers['x-metadata-token'], undefined);
  }
  meta.tokenStatus = 200;
  // A 401 asks for a fresh token, once.
  meta.requests = [];
  meta.key = (n, token) => (token === 'tok-1' ? { status: 401, body: 'token expired' } : { status: 200, body: keyBody('AKF', 'SKF', 'STF', Date.now() + 3 * 3600_000) });
  assert.equal((await fromMetadata({ endpoint: metaUrl })()).accessKey, 'AKF');
  assert.deepEqual(meta.requests.map((r) => r.method), ['PUT', 'GET', 'PUT', 'GET']);
  // Twice 401: fails; no agency: fails at once.
  meta.key = () => ({ status: 401, body: 'no' });
  await rejects(fromMetadata({ endpoint: metaUrl })(), (e) => assert.match(e.message, /security key request answered HTTP 401/));
  meta.requests = [];
  meta.key = () => ({ status: 401, body: '{"error":"Please configure Cloud Service Agency first"}' });
  await rejects(fromMetadata({ endpoint: metaUrl })(), (e) => assert.equal(e.key, 'credentials'));
  assert.equal(meta.requests.filter((r) => r.method === 'PUT').length, 1, 'no new token when the ECS has no agency');
  // A body that is not the documented answer: a parse error.
  meta.key = () => ({ status: 200, body: '{"credential":{"access":"A"}}' });
  await rejects(fromMetadata({ endpoint: metaUrl })(), (e) => assert.equal(e.kind, 'parse'));
  // Refresh failing while the keys still have minutes left: the keys are kept.
  meta.key = (n) => ({ status: 200, body: keyBody(`AK${n}`, `SK${n}`, `STS${n}`, Date.now() + 20 * 60_000) });
  const p = fromMetadata({ endpoint: metaUrl });
  const held = await p();
  meta.key = () => ({ status: 500, body: '' });
  assert.deepEqual(await p(), held, 'a refresh that fails keeps keys that still have 20 minutes');
  // Keys about to expire are not: the failure shows.
  meta.key = (n) => ({ status: 200, body: keyBody(`AK${n}`, `SK${n}`, `STS${n}`, Date.now() + 30_000) });
  const q = fromMetadata({ endpoint: metaUrl });
  await q();
  meta.key = () => ({ status: 500, body: '' });
  await rejects(q(), (e) => assert.match(e.message, /answered HTTP 500/));
});

test(`${FORMAT}: off ECS the search fails fast and names every place`, async () => {
  env();
  // A service that never answers: the timeout ends it.
  meta.hang = true;
  const t0 = Date.now();
  await rejects(fromMetadata({ endpoint: metaUrl, timeoutMs: 300 })(), (e) => {
    assert.equal(e.key, 'credentials');
    assert.match(e.message, /no answer within 300 ms/);
  });
  assert.ok(Date.now() - t0 < 5000, 'bounded by the timeout');
  meta.hang = false;
  const port = await closedPort();
  const e = await rejects(defaultCredentials({ metadataEndpoint: `http://127.0.0.1:${port}` })(), (e) => {
    assert.equal(e.kind, 'invalid-argument');
    assert.equal(e.key, 'credentials');
  });
  assert.match(e.message, /the environment \(HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK not set\)/);
  assert.match(e.message, /the profile file ".*empty-home\/\.huaweicloud\/credentials" \(does not exist\)/);
  assert.match(e.message, /the ECS metadata service at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
});

test(`${FORMAT}: the chain's order: environment, profile, metadata`, async () => {
  const path = profile('[basic]\nak = AKFILE\nsk = SKFILE\n');
  env({ HUAWEICLOUD_SDK_AK: 'AKENV', HUAWEICLOUD_SDK_SK: 'SKENV', HUAWEICLOUD_SDK_CREDENTIALS_FILE: path });
  assert.equal((await defaultCredentials({ metadataEndpoint: metaUrl })()).accessKey, 'AKENV');
  env({ HUAWEICLOUD_SDK_CREDENTIALS_FILE: path });
  assert.equal((await defaultCredentials({ metadataEndpoint: metaUrl })()).accessKey, 'AKFILE');
  env();
  assert.equal((await defaultCredentials({ metadataEndpoint: metaUrl })()).accessKey, 'AK1');
  assert.equal(meta.requests.length, 2, 'the metadata service is asked only when nothing before it had keys');
});

test(`${FORMAT}: providers drive the client; project and security token are sent`, async () => {
  const emu = await startEmulator({ count: 30, aksk: { accessKey: 'AKEMU', secretKey: 'SKEMU' } });
  try {
    env({ HUAWEICLOUD_SDK_AK: 'AKEMU', HUAWEICLOUD_SDK_SK: 'SKEMU', HUAWEICLOUD_SDK_PROJECT_ID: 'p-from-env' });
    const seen = [];
    const client = new ImsClient({
      endpoint: emu.url,
      credentials: defaultCredentials(),
      fetch: (url, init) => {
        seen.push(init.headers);
        return fetch(url, init);
      },
    });
    const page = await client.listImages({ limit: 5 });
    assert.equal(page.images.length, 5, 'signed with the keys found; the emulator checked the signature');
    const h = new Headers(seen[0]);
    assert.equal(h.get('x-project-id'), 'p-from-env');
    assert.match(h.get('authorization'), /Access=AKEMU/);
    // Wrong keys: the emulator refuses (401), as it would the real thing.
    env({ HUAWEICLOUD_SDK_AK: 'AKEMU', HUAWEICLOUD_SDK_SK: 'wrong' });
    await rejects(new ImsClient({ endpoint: emu.url, credentials: fromEnv(), maxRetries: 0 }).listImages({ limit: 1 }), (e) => assert.equal(e.status, 401));
    // Temporary keys from the metadata service carry their security token.
    env();
    meta.key = () => ({ status: 200, body: keyBody('AKEMU', 'SKEMU', 'STS-TEMP', Date.now() + 3 * 3600_000) });
    const sent = [];
    const c2 = new ImsClient({ endpoint: emu.url, credentials: fromMetadata({ endpoint: metaUrl }), fetch: (url, init) => (sent.push(new Headers(init.headers)), fetch(url, init)) });
    await c2.listImages({ limit: 1 });
    assert.equal(sent[0].get('x-security-token'), 'STS-TEMP');
    // No place has keys: the call fails with the chain's error, before anything is sent.
    const port = await closedPort();
    const none = new ImsClient({ endpoint: emu.url, credentials: defaultCredentials({ metadataEndpoint: `http://127.0.0.1:${port}` }) });
    await rejects(none.listImages(), (e) => {
      assert.equal(e.kind, 'invalid-argument');
      assert.equal(e.key, 'credentials');
    });
  } finally {
    await emu.close();
  }
});
