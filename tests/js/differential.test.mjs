// The package's parse path (JSON.parse plus the JS converter generated from the field table)
// against the native core (its scanner and JS-shaped writer, scripts/oracle.rs): the same objects
// from every fixture, from thousands of generated pages and images (every kind of field, every odd
// value family, repeated and unknown keys, paging variants), and the same error kind from
// malformed bodies. Seeded: a failure names its case and reproduces.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';

import { ImsError, parseImage, parseImagePage } from 'ims-client';

import { generator } from './bodies.mjs';

const root = new URL('../..', import.meta.url).pathname;
const SEED = Number(process.env.DIFF_SEED ?? 20261124);
const CASES = Number(process.env.DIFF_CASES ?? 3000);

// ---- the oracle ----
let oracle;
let lines;
let fields;
const pending = [];
before(() => {
  execFileSync('cargo', ['build', '--quiet', '--example', 'oracle'], { cwd: root, stdio: 'inherit' });
  oracle = spawn(`${root}target/debug/examples/oracle`, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  lines = createInterface({ input: oracle.stdout });
  lines.on('line', (line) => pending.shift()(JSON.parse(line)));
});
after(() => oracle.stdin.end());
const ask = (req) => new Promise((resolve) => { pending.push(resolve); oracle.stdin.write(`${JSON.stringify(req)}\n`); });

/** The native core's answer for a body: the object it writes, or the error kind. */
async function native(op, bytes) {
  const r = await ask({ op, b64: Buffer.from(bytes).toString('base64') });
  return 'ok' in r ? { ok: r.ok } : { error: r.error };
}

/** Structural equality without recursion (same keys in any order, same prototypes, Object.is on leaves). */
function sameShape(a, b) {
  const stack = [[a, b]];
  while (stack.length) {
    const [x, y] = stack.pop();
    if (Object.is(x, y)) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y) || Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
    const kx = Object.keys(x);
    if (kx.length !== Object.keys(y).length) return false;
    for (const k of kx) {
      if (!Object.hasOwn(y, k)) return false;
      stack.push([x[k], y[k]]);
    }
  }
  return true;
}

/** deepStrictEqual, except that values too deep for it (it recurses) are compared iteratively. */
function equal(got, want, message) {
  try {
    assert.deepStrictEqual(got, want, message);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    assert.ok(sameShape(got, want), message);
  }
}

/** The package's answer, from bytes and (when they are UTF-8) from a string: they must agree. */
function js(op, bytes) {
  const parse = op === 'image' ? parseImage : parseImagePage;
  const run = (input) => {
    try {
      return { ok: parse(input) };
    } catch (e) {
      assert.ok(ImsError.is(e), `not an ImsError: ${e}`);
      return { error: e.kind };
    }
  };
  const fromBytes = run(bytes);
  let text;
  try { text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes); } catch { return fromBytes; }
  equal(run(text), fromBytes, 'text and bytes disagree');
  return fromBytes;
}

let compared = 0;
async function same(op, body, label) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const want = await native(op, bytes);
  const got = js(op, bytes);
  const show = String(typeof body === 'string' ? body : Buffer.from(body).toString('latin1')).slice(0, 600);
  equal(got, want, `${label}: the JS path and the native core disagree on\n${show}`);
  compared++;
  return want;
}

// ---- the seeded generator of JSON text (shared with the Rust web client's test) ----
let rnd;
let pick;
let imageText;
let pageText;
const useFields = (f) => {
  fields = f;
  ({ rnd, pick, imageText, pageText } = generator(fields, SEED));
};

test('every fixture gives the same objects', async () => {
  useFields(await ask({ op: 'fields' }));
  assert.ok(fields.length >= 60);
  const dir = `${root}tests/fixtures/`;
  let n = 0;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('sign_') && !f.startsWith('regions'))) {
    const text = readFileSync(dir + f, 'utf8');
    const op = f.startsWith('glance_show') ? 'image' : 'page';
    const r = await same(op, text, f);
    assert.ok('ok' in r, `${f} parses`);
    n++;
  }
  assert.ok(n >= 5, `${n} fixtures`);
});

test(`${CASES} generated pages and ${CASES} generated images give the same objects`, async () => {
  if (!fields) useFields(await ask({ op: 'fields' }));
  let ok = 0;
  for (let i = 0; i < CASES; i++) {
    if ('ok' in (await same('page', pageText(), `page case ${i} (seed ${SEED})`))) ok++;
    await same('image', imageText(), `image case ${i} (seed ${SEED})`);
  }
  // The generator must mostly produce valid pages, or the comparison of objects would be thin.
  assert.ok(ok > CASES * 0.9, `${ok} of ${CASES} pages parsed`);
  // Every field was exercised with a value that fits and one that does not.
  const seen = new Set();
  for (let i = 0; i < 200; i++) {
    const page = parseImagePage(`{"images":[${Array.from({ length: 5 }, imageText).join(',')}]}`);
    for (const img of page.images) for (const k of Object.keys(img)) seen.add(k);
  }
  for (const f of fields) assert.ok(seen.has(f.js), `the generator reaches ${f.js}`);
});

test('malformed bodies give the same error kind', async () => {
  if (!fields) useFields(await ask({ op: 'fields' }));
  const fixed = ['', ' ', '[]', 'null', '1', '"x"', '{}', '{"images":{}}', '{"images":"x"}', '{"images":[1]}', '{"images":[null]}', '{"images":[[]]}',
    '{"images":[]} x', '{"images":[],}', '{"images":[{"a":1,}]}', '\ufeff{"images":[]}', '{"images":[{"name":"a\u0001"}]}', '{"images":[{"a":01}]}',
    `{"images":[{"x":${'['.repeat(5000)}${']'.repeat(5000)}}]}`, `{"images":[{"x":${'['.repeat(5000)}}]}`, '{"images":[{"a":"\\x"}]}', '{"images":[{"a":"\\u12"}]}'];
  for (const [i, body] of fixed.entries()) {
    await same('page', body, `fixed malformed page ${i}`);
    await same('image', body, `fixed malformed image ${i}`);
  }
  // Invalid UTF-8 inside a string (a lone continuation byte, an overlong form, a surrogate's
  // bytes, beyond U+10FFFF): both decode as fetch's text() does, each bad sequence a U+FFFD.
  for (const bad of [[0xff], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]]) {
    const body = Buffer.concat([Buffer.from('{"images":[{"name":"'), Buffer.from(bad), Buffer.from('"}]}')]);
    const r = await same('page', body, `invalid UTF-8 ${bad}`);
    assert.ok('ok' in r && r.ok.images[0].name.includes('\ufffd'), `invalid UTF-8 ${bad} decodes to U+FFFD`);
  }
  // Cut, flipped and inserted bytes of generated pages.
  let errors = 0;
  for (let i = 0; i < CASES / 3; i++) {
    const bytes = Buffer.from(pageText(), 'utf8');
    const at = Math.floor(rnd() * bytes.length);
    const variant = pick(['cut', 'flip', 'insert']);
    const body = variant === 'cut' ? bytes.subarray(0, at)
      : variant === 'flip' ? Buffer.concat([bytes.subarray(0, at), Buffer.from([Math.floor(rnd() * 256)]), bytes.subarray(at + 1)])
        : Buffer.concat([bytes.subarray(0, at), Buffer.from(pick(['"', ',', '}', ']', '\\', '{', '\u0000', 'x'])), bytes.subarray(at)]);
    if ('error' in (await same('page', body, `${variant} at ${at} (case ${i}, seed ${SEED})`))) errors++;
  }
  assert.ok(errors > CASES / 6, `${errors} mutated bodies were errors (the mutations must bite)`);
  console.log(`compared ${compared} bodies`);
});
