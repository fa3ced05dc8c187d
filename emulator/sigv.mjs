// An independent SDK-HMAC-SHA256 verifier (Web Crypto, written from the algorithm, sharing no
// code with the Rust signer), so the emulator re-computes every signature it receives, in a page
// as in Node. The tests use it too.

const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const dec = (s) => { try { return decodeURIComponent(s); } catch { return s; } };
const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (s) => new TextEncoder().encode(s);

/**
 * Checks `req` (`{ method, url: path?query, headers: lower-case names }`) against the key pair
 * `secretKeyFor(ak)` names. Resolves `{ ok: true, ak, signedHeaders }` or `{ ok: false, why }`.
 */
export async function verify(req, secretKeyFor, subtle = globalThis.crypto.subtle) {
  const auth = req.headers.authorization ?? '';
  const m = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { ok: false, why: 'no SDK-HMAC-SHA256 Authorization header' };
  const [, ak, signedHeaders, signature] = m;
  const sk = secretKeyFor(ak);
  if (!sk) return { ok: false, why: `unknown access key ${ak}` };
  const sha256 = async (s) => hex(await subtle.digest('SHA-256', utf8(s)));
  const [path, query = ''] = req.url.split('?');
  const uri = dec(path).split('/').map(enc).join('/').replace(/\/?$/, '/');
  const pairs = query.split('&').filter(Boolean).map((p) => {
    const i = p.indexOf('=');
    return i < 0 ? [dec(p), ''] : [dec(p.slice(0, i)), dec(p.slice(i + 1))];
  });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const canonicalQuery = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  const names = signedHeaders.split(';');
  const canonicalHeaders = names.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
  const canonical = [req.method, uri, canonicalQuery, canonicalHeaders, signedHeaders, await sha256('')].join('\n');
  const date = req.headers['x-sdk-date'];
  const sts = `SDK-HMAC-SHA256\n${date}\n${await sha256(canonical)}`;
  const key = await subtle.importKey('raw', utf8(sk), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const expected = hex(await subtle.sign('HMAC', key, utf8(sts)));
  return expected === signature ? { ok: true, ak, signedHeaders: names } : { ok: false, why: 'signature mismatch' };
}
