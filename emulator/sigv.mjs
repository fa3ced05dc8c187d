// An independent SDK-HMAC-SHA256 verifier (node:crypto, written from the algorithm, sharing no
// code with the Rust signer), so the test server re-computes every signature it receives.
import crypto from 'node:crypto';

const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const dec = (s) => { try { return decodeURIComponent(s); } catch { return s; } };
const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');

export function verify(req, secretKeyFor) {
  const auth = req.headers.authorization ?? '';
  const m = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { ok: false, why: 'no SDK-HMAC-SHA256 Authorization header' };
  const [, ak, signedHeaders, signature] = m;
  const sk = secretKeyFor(ak);
  if (!sk) return { ok: false, why: `unknown access key ${ak}` };
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
  const canonical = [req.method, uri, canonicalQuery, canonicalHeaders, signedHeaders, sha256('')].join('\n');
  const date = req.headers['x-sdk-date'];
  const sts = `SDK-HMAC-SHA256\n${date}\n${sha256(canonical)}`;
  const expected = crypto.createHmac('sha256', sk).update(sts).digest('hex');
  return expected === signature ? { ok: true, ak, signedHeaders: names } : { ok: false, why: 'signature mismatch' };
}
