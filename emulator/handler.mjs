// The emulated IMS API, one implementation for both forms of the emulator: in the page
// (`createEmulator`, in-page.mjs: a fetch function) and as an HTTP server (`startEmulator`,
// ims-emulator.mjs). GET /v2/cloudimages (every parameter of "Querying Images"), GET /v2/images
// (the OpenStack-native list, Glance-shaped), GET /v2/images/{id}, the JSON Schemas their answers
// link to (/v2/schemas/images, /v2/schemas/image, generated from the core's field table) and
// version discovery (GET /, GET /versions), over a deterministic seeded catalogue. No `node:`
// import: it runs in browsers, web workers and Node.
//
// Faults, each a fraction of requests drawn from the seeded generator: errorRate answers 500 or
// 503, throttleRate 429 with Retry-After: 1, truncateRate a 200 whose body stops halfway (the full
// length was promised, as when a link fails mid-transfer).
import { catalogue, ENTERPRISE_PROJECTS, FLAVORS, prng, SELF, wire } from './catalogue.mjs';
import { IMAGE_SCHEMA, IMAGES_SCHEMA } from './generated/schemas.mjs';
import { verify } from './sigv.mjs';

const CLOUDIMAGES_DEFAULT_LIMIT = 500;
const GLANCE_DEFAULT_LIMIT = 25;
const MAX_LIMIT = 1000;
const SORT_KEYS = ['name', 'container_format', 'disk_format', 'status', 'id', 'size', 'created_at'];
const GLANCE_SORT_KEYS = [...SORT_KEYS, 'updated_at', 'min_ram', 'min_disk', 'visibility', 'owner'];
const OPS = { gt: (a, b) => a > b, gte: (a, b) => a >= b, lt: (a, b) => a < b, lte: (a, b) => a <= b, eq: (a, b) => a === b, neq: (a, b) => a !== b };
const ALLOW_HEADERS = 'Accept, Authorization, Content-Type, X-Auth-Token, X-Project-Id, X-Sdk-Date, X-Security-Token, X-Language';
const STALE_MS = 15 * 60 * 1000;

class BadRequest extends Error {}

/** `yyyy-MM-ddThh:mm:ssZ` or `yyyy-MM-dd hh:mm:ss` (UTC) as ms, or undefined. */
export function parseTime(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z| (\d{2}):(\d{2}):(\d{2}))$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [m[1], m[2], m[3]].map(Number);
  const [h, mi, se] = (m[4] ? [m[4], m[5], m[6]] : [m[7], m[8], m[9]]).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) return undefined;
  return ms;
}

function timeFilter(key, value) {
  const i = value.indexOf(':');
  const op = value.slice(0, i);
  const t = parseTime(value.slice(i + 1));
  if (i < 0 || !OPS[op] || t === undefined) throw new BadRequest(`invalid ${key}: ${value} (expected op:time, op one of gt gte lt lte eq neq)`);
  return (img) => OPS[op](Date.parse(img[key]), t);
}

const bool = (key, v) => {
  const l = v.toLowerCase();
  if (l !== 'true' && l !== 'false') throw new BadRequest(`invalid ${key}: ${v} (expected true or false)`);
  return l === 'true';
};
const int = (key, v) => {
  if (!/^\d+$/.test(v)) throw new BadRequest(`invalid ${key}: ${v} (expected a non-negative integer)`);
  return Number(v);
};
const oneOf = (key, v, allowed) => {
  if (!allowed.includes(v)) throw new BadRequest(`invalid ${key}: ${v} (expected one of ${allowed.join(', ')})`);
  return v;
};
/** A tag filter: `Key=Value` also matches the older `Key.Value` form. */
const hasTag = (img, t) => img.tags.includes(t) || (t.includes('=') && img.tags.includes(t.replace('=', '.')));
const isTrue = (v) => typeof v === 'string' && v.toLowerCase() === 'true';

/**
 * The filter for one list request. `native` is `/v2/images`: unknown parameters are property
 * filters there, as in Glance; on `/v2/cloudimages` they are ignored.
 */
export function buildFilter(params, { native }) {
  const single = (k) => {
    const vs = params.get(k);
    if (vs.length > 1) throw new BadRequest(`parameter ${k} given ${vs.length} times`);
    return vs[0];
  };
  const tests = [];
  const exact = (k) => tests.push((img) => String(img[k] ?? '') === single(k));
  for (const k of params.keys()) {
    const v = () => single(k);
    switch (k) {
      case 'marker': case 'limit': case 'sort_key': case 'sort_dir': case 'sort': break;
      case 'tag': { const ts = params.get(k); tests.push((img) => ts.every((t) => hasTag(img, t))); break; }
      case 'id': case 'name': case 'owner': case 'status': case 'container_format': case 'disk_format': case '__os_type':
      case '__platform': case '__os_version': case '__system__cmkid': case '__support_xen_gpu_type': case '__support_kvm_gpu_type':
        exact(k); break;
      case '__imagetype': { const t = oneOf(k, v(), ['gold', 'private', 'shared', 'market']); tests.push((img) => img.__imagetype === t); break; }
      case 'visibility': { const t = oneOf(k, v(), ['public', 'private', 'shared', 'community']); tests.push((img) => img.visibility === t); break; }
      case 'member_status': {
        const t = oneOf(k, v(), ['accepted', 'rejected', 'pending']);
        if (params.get('visibility')?.[0] !== 'shared') throw new BadRequest('member_status requires visibility=shared');
        tests.push((img) => img.$member === t);
        break;
      }
      case 'protected': { const b = bool(k, v()); tests.push((img) => img.protected === b); break; }
      case 'min_ram': { const n = int(k, v()); tests.push((img) => img.min_ram === n); break; }
      case 'min_disk': { const n = int(k, v()); tests.push((img) => img.min_disk === n); break; }
      case '__os_bit': { const b = oneOf(k, v(), ['32', '64']); tests.push((img) => img.__os_bit === b); break; }
      case 'virtual_env_type': { const t = oneOf(k, v(), ['FusionCompute', 'Ironic', 'DataImage', 'IsoImage']); tests.push((img) => img.virtual_env_type === t); break; }
      case '__isregistered': case '__whole_image': case '__support_kvm': case '__support_xen': case '__support_largememory':
      case '__support_diskintensive': case '__support_highperformance': case '__support_xen_hana': case '__support_kvm_infiniband': {
        const b = bool(k, v());
        tests.push((img) => isTrue(img[k]) === b);
        break;
      }
      case 'enterprise_project_id': {
        const e = v();
        if (e === 'all_granted_eps') {
          tests.push((img) => ENTERPRISE_PROJECTS.includes(img.enterprise_project_id ?? '0'));
          break;
        }
        tests.push(e === '0' ? (img) => (img.enterprise_project_id ?? '0') === '0' : (img) => img.enterprise_project_id === e);
        break;
      }
      case 'flavor_id': {
        const f = FLAVORS[v()];
        if (!f) throw new BadRequest(`unknown flavor_id: ${v()}`);
        tests.push((img) => img.virtual_env_type === 'FusionCompute' && img.min_ram <= f.ram && img.$arch === f.arch);
        break;
      }
      case 'architecture': { const a = oneOf(k, v(), ['x86', 'arm']); tests.push((img) => img.$arch === a); break; }
      case 'created_at': case 'updated_at': tests.push(timeFilter(k, v())); break;
      default:
        if (native) exact(k);
    }
  }
  // Native lists show images visible to this project: public, its own, and shared with it
  // (accepted ones by default), as Glance does.
  if (native && !params.has('visibility')) tests.push((img) => img.visibility !== 'shared' || img.$member === 'accepted' || params.has('member_status'));
  return (img) => tests.every((t) => t(img));
}

function sorter(params, { native }) {
  const key = params.get('sort_key')?.[0] ?? 'created_at';
  const dir = params.get('sort_dir')?.[0] ?? 'desc';
  if (!(native ? GLANCE_SORT_KEYS : SORT_KEYS).includes(key)) throw new BadRequest(`invalid sort_key: ${key}`);
  if (dir !== 'asc' && dir !== 'desc') throw new BadRequest(`invalid sort_dir: ${dir}`);
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  // Ties are broken by created_at then id, as Glance does, so marker paging is stable.
  return (a, b) => sign * (cmp(a[key], b[key]) || cmp(a.created_at, b.created_at) || cmp(a.id, b.id));
}

/** One page: filter, sort, start after the marker, cut at the limit. */
export function listPage(images, params, { native }) {
  const filter = buildFilter(params, { native });
  const sort = sorter(params, { native });
  const limitRaw = params.get('limit')?.[0];
  let limit = limitRaw === undefined ? (native ? GLANCE_DEFAULT_LIMIT : CLOUDIMAGES_DEFAULT_LIMIT) : int('limit', limitRaw);
  if (limit < 1) throw new BadRequest('invalid limit: must be at least 1');
  limit = Math.min(limit, MAX_LIMIT);
  const all = images.filter(filter).sort(sort);
  let start = 0;
  const marker = params.get('marker')?.[0];
  if (marker !== undefined) {
    const i = all.findIndex((img) => img.id === marker);
    if (i < 0) throw new BadRequest(`marker not found: ${marker}`);
    start = i + 1;
  }
  return { page: all.slice(start, start + limit), limit };
}

/** Query parameters in order, decoded as Glance (webob) decodes them: `+` is a space. */
export function parseParams(query) {
  const params = new Map();
  for (const part of query.split('&').filter(Boolean)) {
    const i = part.indexOf('=');
    const [k, v] = i < 0 ? [part, ''] : [part.slice(0, i), part.slice(i + 1)];
    let key, value;
    const dec = (x) => decodeURIComponent(x.replace(/\+/g, ' '));
    try { key = dec(k); value = dec(v); } catch { throw new BadRequest(`malformed query: ${part}`); }
    if (!params.has(key)) params.set(key, []);
    params.get(key).push(value);
  }
  return params;
}

/** A Glance-style link: like real Glance, only the last value of a repeated parameter survives. */
function link(params, marker) {
  const q = new URLSearchParams();
  for (const [k, vs] of params) if (k !== 'marker') q.set(k, vs[vs.length - 1]);
  if (marker) q.set('marker', marker);
  const s = q.toString();
  return `/v2/images${s ? `?${s}` : ''}`;
}

const DEFAULTS = { seed: 42, count: 2000, token: undefined, aksk: undefined, latencyMs: 0, errorRate: 0, throttleRate: 0, truncateRate: 0 };
const SERVER_DEFAULTS = { port: 0, host: '127.0.0.1' };

/**
 * The options, checked: unknown keys and out-of-range values are errors, not silently ignored.
 * `who` names the function in messages; `startEmulator` also takes `port` and `host`.
 */
export function emulatorOptions(options = {}, who = 'createEmulator') {
  const defaults = who === 'startEmulator' ? { ...SERVER_DEFAULTS, ...DEFAULTS } : DEFAULTS;
  if (options === null || typeof options !== 'object') throw new TypeError(`${who}: options must be an object`);
  for (const k of Object.keys(options)) if (!(k in defaults)) throw new TypeError(`${who}: unknown option ${k} (known: ${Object.keys(defaults).join(', ')})`);
  const o = { ...defaults };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) o[k] = v;
  const int = (k, min, max) => { if (!Number.isInteger(o[k]) || o[k] < min || o[k] > max) throw new RangeError(`${who}: ${k} must be an integer from ${min} to ${max}`); };
  if (who === 'startEmulator') int('port', 0, 65535);
  int('seed', 0, 2 ** 32 - 1);
  int('count', 0, 1_000_000);
  int('latencyMs', 0, 600_000);
  for (const k of ['errorRate', 'throttleRate', 'truncateRate']) if (typeof o[k] !== 'number' || !(o[k] >= 0 && o[k] <= 1)) throw new RangeError(`${who}: ${k} must be a number from 0 to 1`);
  if (who === 'startEmulator' && (typeof o.host !== 'string' || !o.host)) throw new TypeError('startEmulator: host must be a string');
  if (o.token !== undefined && (typeof o.token !== 'string' || !o.token)) throw new TypeError(`${who}: token must be a non-empty string`);
  if (o.aksk !== undefined && (typeof o.aksk?.accessKey !== 'string' || typeof o.aksk?.secretKey !== 'string')) throw new TypeError(`${who}: aksk must be { accessKey, secretKey }`);
  if (o.token !== undefined && o.aksk !== undefined) throw new TypeError(`${who}: give token or aksk, not both`);
  return o;
}

/**
 * An answer: status, headers, the body's bytes, and whether the body is cut halfway.
 * @typedef {{ status: number, headers: Record<string, string>, body: Uint8Array, cut: boolean }} Answer
 */

const sleep = (ms, signal) => new Promise((resolve, reject) => {
  if (signal?.aborted) return reject(signal.reason);
  const t = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); }, { once: true });
});

/**
 * A fetch call's arguments as the handler reads a request: the URL, the method, the headers
 * (lower-case names, `host` from the URL, as an HTTP server would see it) and the signal.
 */
export function fetchArgs(input, init = {}) {
  const request = typeof input === 'object' && input !== null && 'url' in input && !(input instanceof URL) ? input : undefined;
  const url = new URL(request ? request.url : String(input));
  const headers = {};
  new Headers(init.headers ?? request?.headers).forEach((v, k) => { headers[k] = v; });
  headers.host = url.host;
  return { url, method: (init.method ?? request?.method ?? 'GET').toUpperCase(), headers, signal: init.signal ?? request?.signal ?? undefined };
}

/**
 * The emulated API over one catalogue. `handle({ method, url, headers, origin }, signal)` answers
 * one request: `url` is the path and query as sent, `headers` lower-case names, `origin` where the
 * client reached it (for the links version discovery gives). `subtle` is the Web Crypto that
 * checks AK/SK signatures (globalThis.crypto.subtle unless given).
 */
export function createHandler(options, who, subtle = globalThis.crypto?.subtle) {
  const opts = emulatorOptions(options, who);
  const images = catalogue({ seed: opts.seed, count: opts.count });
  const byId = new Map(images.map((img) => [img.id, img]));
  const faults = prng(opts.seed ^ 0x5eed);
  const encoder = new TextEncoder();
  let requestCount = 0;
  const { accessKey: ak, secretKey: sk } = opts.aksk ?? {};
  if (ak !== undefined && !subtle) throw new TypeError(`${who}: aksk needs Web Crypto (globalThis.crypto.subtle), which this runtime lacks`);

  /** @returns {Promise<Answer>} */
  async function handle(req, signal) {
    const requestId = `emu-${(++requestCount).toString(16).padStart(8, '0')}`;
    const base = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'X-Request-Id, X-Openstack-Request-Id, Retry-After',
      'X-Request-Id': requestId,
    };
    const send = (status, body, extra = {}) => {
      const bytes = encoder.encode(JSON.stringify(body));
      const cut = status === 200 && opts.truncateRate > 0 && faults() < opts.truncateRate;
      return { status, headers: { ...base, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length), ...extra }, body: bytes, cut };
    };
    const imsError = (status, code, message) => send(status, { error: { code, message } });
    if (opts.latencyMs) await sleep(opts.latencyMs, signal);
    if (req.method === 'OPTIONS') {
      return { status: 204, headers: { ...base, 'Access-Control-Allow-Methods': 'GET, OPTIONS', 'Access-Control-Allow-Headers': ALLOW_HEADERS, 'Access-Control-Max-Age': '600' }, body: new Uint8Array(0), cut: false };
    }
    if (req.method !== 'GET') return imsError(405, 'IMG.0405', `method ${req.method} not allowed`);
    const [path, query = ''] = req.url.split('?');
    // Version discovery answers without credentials, as Glance's does.
    if (path === '/' || path === '/versions') {
      const versions = { versions: [{ id: 'v2.16', status: 'CURRENT', links: [{ rel: 'self', href: `${req.origin}/v2/` }] }] };
      return send(path === '/' ? 300 : 200, versions);
    }
    if (opts.token && req.headers['x-auth-token'] !== opts.token) {
      return send(401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: token missing or wrong', request_id: requestId });
    }
    if (opts.aksk) {
      const v = await verify(req, (key) => (key === ak ? sk : undefined), subtle);
      if (!v.ok) return send(401, { error_code: 'APIGW.0301', error_msg: `Incorrect IAM authentication information: ${v.why}`, request_id: requestId });
      const date = req.headers['x-sdk-date'];
      const t = date && Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +date.slice(9, 11), +date.slice(11, 13), +date.slice(13, 15));
      if (!t || Math.abs(Date.now() - t) > STALE_MS) return send(401, { error_code: 'APIGW.0303', error_msg: 'Incorrect IAM authentication information: request expired', request_id: requestId });
    }
    if (opts.throttleRate && faults() < opts.throttleRate) return send(429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached', request_id: requestId }, { 'Retry-After': '1' });
    if (opts.errorRate && faults() < opts.errorRate) {
      const status = faults() < 0.5 ? 500 : 503;
      return imsError(status, status === 500 ? 'IMG.0500' : 'IMG.0503', 'injected fault');
    }
    try {
      const params = parseParams(query);
      if (path === '/v2/schemas/image') return send(200, IMAGE_SCHEMA);
      if (path === '/v2/schemas/images') return send(200, IMAGES_SCHEMA);
      if (path === '/v2/cloudimages') {
        const { page } = listPage(images, params, { native: false });
        return send(200, { images: page.map(wire) });
      }
      if (path === '/v2/images') {
        const { page, limit } = listPage(images, params, { native: true });
        const body = { images: page.map(wire), schema: '/v2/schemas/images', first: link(params) };
        if (page.length === limit) body.next = link(params, page[page.length - 1].id);
        return send(200, body);
      }
      const m = /^\/v2\/images\/([^/]+)$/.exec(path);
      if (m) {
        const id = decodeURIComponent(m[1]);
        const img = byId.get(id);
        return img ? send(200, wire(img)) : imsError(404, 'IMG.0404', `image ${id} does not exist`);
      }
      return imsError(404, 'IMG.0404', `no route for ${path}`);
    } catch (e) {
      if (e instanceof BadRequest) return imsError(400, 'IMG.0001', e.message);
      return imsError(500, 'IMG.0500', 'internal error');
    }
  }

  return {
    opts,
    handle,
    // The catalogue as the API sends it (the contract's "wire objects"): internal `$` fields left out.
    images: images.map(wire),
    seed: opts.seed,
    project: SELF,
    get requests() { return requestCount; },
  };
}
