// @ts-check
// The package's JS layer. It makes no decision: the Rust core (through the wasm module) validates
// every argument, builds and signs every request, decides every retry, sleep and page, and says
// what each response means. This layer only
//   - describes JS values to the core as JSON (`describe`),
//   - carries out the core's actions with fetch, timers and AbortSignals (`drive`),
//   - parses good bodies with the converter generated from the core's field table (convert.js),
//   - and turns the core's error objects into `ImsError`s.
import './load.js';
import * as core from './core.js';
import { ParseError, imageBody, pageBody } from './convert.js';

/** @typedef {import('./index').ImsErrorKind} ImsErrorKind */
/** @typedef {import('./index').Image} Image */
/** @typedef {import('./index').ImagePage} ImagePage */
/**
 * An error as the core describes it.
 * @typedef {{ kind: ImsErrorKind, message: string, status?: number | null, code?: string, requestId?: string, key?: string, retryable?: boolean, attempts?: number }} ErrorInit
 */

/** Every failure of the package. */
export class ImsError extends Error {
  // The class's own name, whatever a minifier calls the binding.
  static name = 'ImsError';

  /** @param {ErrorInit} init */
  constructor(init) {
    super(init.message);
    /** @type {'ImsError'} */
    this.name = 'ImsError';
    /** @type {ImsErrorKind} */
    this.kind = init.kind;
    /** @type {number | undefined} */
    this.status = undefined;
    /** @type {string | undefined} */
    this.code = undefined;
    /** @type {string | undefined} */
    this.requestId = undefined;
    /** @type {string | undefined} */
    this.key = undefined;
    if (init.status != null) this.status = init.status;
    else delete this.status;
    for (const f of /** @type {const} */ (['code', 'requestId', 'key'])) {
      if (init[f] != null) this[f] = init[f];
      else delete this[f];
    }
    /** @type {boolean} */
    this.retryable = Boolean(init.retryable);
    /** @type {number} */
    this.attempts = init.attempts ?? 0;
  }

  /**
   * Whether `x` is an ImsError (also one from another copy of the package).
   * @param {unknown} x
   * @returns {x is ImsError}
   */
  static is(x) {
    return x instanceof ImsError || (x instanceof Error && x.name === 'ImsError' && typeof (/** @type {any} */ (x).kind) === 'string');
  }
}

/** @param {string} key @param {string} message */
const invalid = (key, message) => new ImsError({ kind: 'invalid-argument', key, message: `${key}: ${message}`, retryable: false, attempts: 0 });

/**
 * Calls into the core; an error it throws (its JSON text) becomes an ImsError.
 * @template T
 * @param {() => T} f
 * @returns {T}
 */
function fromCore(f) {
  try {
    return f();
  } catch (e) {
    if (typeof e === 'string') throw new ImsError(JSON.parse(e));
    throw e;
  }
}

// ---------- describing JS values to the core (see Input in src/query/input.rs) ----------

const MAX_DEPTH = 32;
const MAX_ITEMS = 100_000;

/** @param {string} tag @param {unknown} value */
const special = (tag, value) => ({ '\u0000': [tag, value] });

/** @param {any} v */
const isSignal = (v) => typeof v.aborted === 'boolean' && typeof v.addEventListener === 'function';

/**
 * A JS value in the core's JSON form. Functions and AbortSignals met at `path` go to `found`
 * (the core only learns that they are there). A throwing getter or proxy trap becomes an
 * `invalid-argument` error naming the key it was reading.
 * @param {unknown} value
 * @param {string} root the name of the whole value in errors
 * @param {(path: string, v: unknown) => void} [found]
 * @returns {string}
 */
function describe(value, root, found) {
  // Paths are only spelled out when an error or `found` needs one: a chain of (parent, key) links.
  /** @typedef {{ up: Path, key: string | number } | null} Path */
  /** @param {Path} p @returns {string} */
  const spell = (p) => (p === null ? '' : typeof p.key === 'number' ? `${spell(p.up)}[${p.key}]` : p.up === null ? p.key : `${spell(p.up)}.${p.key}`);
  /** @param {unknown} v @param {Path} path @param {number} depth @returns {unknown} */
  const walk = (v, path, depth) => {
    switch (typeof v) {
      case 'undefined':
        return null;
      case 'boolean':
      case 'string':
        return v;
      case 'number':
        return Number.isFinite(v) ? v : special('num', String(v));
      case 'function':
        found?.(spell(path), v);
        return special('other', 'function');
      case 'bigint':
      case 'symbol':
        return special('other', typeof v);
    }
    if (v === null) return null;
    try {
      if (v instanceof Date) {
        const t = v.getTime();
        return special('date', Number.isFinite(t) ? t : null);
      }
      if (isSignal(v)) {
        found?.(spell(path), v);
        return special('other', 'AbortSignal');
      }
      if (depth >= MAX_DEPTH) return special('other', 'too deeply nested value');
      if (Array.isArray(v)) {
        if (v.length > MAX_ITEMS) return special('other', 'too long an array');
        return Array.from(v, (item, i) => walk(item, { up: path, key: i }, depth + 1));
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== null && proto !== Object.prototype) return special('other', 'a non-plain object');
      /** @type {Record<string, unknown>} */
      const out = Object.create(null);
      for (const k of Object.keys(/** @type {object} */ (v))) {
        let item;
        try {
          item = /** @type {Record<string, unknown>} */ (v)[k];
        } catch (e) {
          throw invalid(spell({ up: path, key: k }), `reading it failed: ${e instanceof Error ? e.message : String(e)}`);
        }
        out[k] = walk(item, { up: path, key: k }, depth + 1);
      }
      return out;
    } catch (e) {
      if (ImsError.is(e)) throw e;
      throw invalid(spell(path) || root, `could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return JSON.stringify(walk(value, null, 0));
}

// ---------- carrying out the core's actions ----------

/**
 * The core's actions (see `json.rs` in the bindings).
 * @typedef {{ do: 'credentials' } | { do: 'send', method: string, url: string, headers: Record<string, string>, timeoutMs: number }
 *   | { do: 'read-error-body' } | { do: 'parse', as: 'page' | 'image' } | { do: 'sleep', ms: number }
 *   | { do: 'done', nextMarker?: string, images: number, attempts: number } | { do: 'fail', error: ErrorInit } | { do: 'end' }} Action
 */

/** @typedef {{ step(event: string, now: number, random: number): string, errorBody(body: string, now: number, random: number): string }} Job */

/** The random draw each step takes (for backoff jitter), as a u32. */
const draw = () => (Math.random() * 4294967296) >>> 0;
/** @param {Job} job @param {object} event @returns {Action} */
const step = (job, event) => JSON.parse(job.step(JSON.stringify(event), Date.now(), draw()));
const START = { ev: 'start' };
const ABORTED = { ev: 'aborted' };
// Bodies are decoded as fetch's text() decodes them (src/text.rs, decode_body): BOM dropped,
// invalid sequences replaced.
const utf8 = new TextDecoder('utf-8');
/** @param {string} s */
const withoutBom = (s) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
const ABORT = Symbol('aborted');
const TIMEOUT = Symbol('timeout');

/**
 * A promise that rejects with ABORT when `signal` fires, and a function that stops listening.
 * @param {AbortSignal | undefined} signal
 * @returns {[Promise<never>, () => void]}
 */
function whenAborted(signal) {
  if (!signal) return [new Promise(() => {}), () => {}];
  /** @type {() => void} */
  let onAbort = () => {};
  const p = new Promise((_, reject) => {
    onAbort = () => reject(ABORT);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  p.catch(() => {});
  return [/** @type {Promise<never>} */ (p), () => signal.removeEventListener('abort', onAbort)];
}

/** @param {unknown} e */
function networkMessage(e) {
  const err = /** @type {any} */ (e);
  const cause = err && err.cause;
  const code = cause && (cause.code || (cause.errors && cause.errors[0] && cause.errors[0].code));
  const base = err && err.message ? String(err.message) : String(e);
  return code ? `${base} (${code})` : base;
}

/**
 * One request, with its own AbortController for the per-attempt timeout and the caller's signal.
 * Reads the whole body, as text, under the same timeout.
 * @param {typeof fetch} fetchFn
 * @param {Extract<Action, { do: 'send' }>} act
 * @param {AbortSignal | undefined} signal
 * @returns {Promise<{ event: object, body?: string }>}
 */
async function attempt(fetchFn, act, signal) {
  const controller = new AbortController();
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timedOut = new Promise((_, reject) => {
    timer = setTimeout(() => reject(TIMEOUT), act.timeoutMs);
  });
  timedOut.catch(() => {});
  const [aborted, stop] = whenAborted(signal);
  try {
    const race = /** @template T @param {Promise<T>} p @returns {Promise<T>} */ (p) => Promise.race([p, timedOut, aborted]);
    const res = await race(Promise.resolve().then(() => fetchFn(act.url, { method: act.method, headers: act.headers, signal: controller.signal, redirect: 'error' })));
    const body = await race(res.text());
    /** @type {[string, string][]} */
    const headers = [];
    res.headers.forEach((value, name) => headers.push([name, value]));
    return { event: { ev: 'response', status: res.status, headers }, body };
  } catch (e) {
    controller.abort();
    if (e === ABORT || signal?.aborted) return { event: ABORTED };
    if (e === TIMEOUT) return { event: { ev: 'transport-failed', kind: 'timeout', message: `no response within ${act.timeoutMs} ms` } };
    return { event: { ev: 'transport-failed', kind: 'network', message: networkMessage(e) } };
  } finally {
    clearTimeout(timer);
    stop();
  }
}

/** @param {number} ms @param {AbortSignal | undefined} signal */
async function sleep(ms, signal) {
  const [aborted, stop] = whenAborted(signal);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  try {
    await Promise.race([new Promise((resolve) => { timer = setTimeout(resolve, ms); }), aborted]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    stop();
  }
}

/**
 * A good body, parsed with the generated converter.
 * @param {string} body
 * @param {'page' | 'image'} as
 */
function parseBody(body, as) {
  const what = as === 'page' ? 'image list' : 'image';
  let value;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new ParseError(`malformed ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return as === 'page' ? pageBody(value) : { image: imageBody(value) };
}

/**
 * @typedef {{ fetch: typeof fetch, provider?: () => unknown }} Io
 * @typedef {{ request?: { method: string, url: string, headers: Record<string, string> }, page?: ImagePage, image?: Image }} Outcome
 */

/**
 * Runs a job of the core until it is done, fails, ends, or (`stopAtSend`) has a request ready.
 * @param {Job} job
 * @param {Io} io
 * @param {AbortSignal | undefined} signal
 * @param {boolean} [stopAtSend]
 * @returns {Promise<Outcome | undefined>} undefined when an iteration has no more pages
 */
async function drive(job, io, signal, stopAtSend = false) {
  let act = step(job, signal?.aborted ? ABORTED : START);
  let body = '';
  /** @type {ReturnType<typeof pageBody> | { image: Image } | undefined} */
  let parsed;
  for (;;) {
    if (signal?.aborted && act.do !== 'fail' && act.do !== 'done' && act.do !== 'end') act = step(job, ABORTED);
    switch (act.do) {
      case 'credentials': {
        const [aborted, stop] = whenAborted(signal);
        try {
          const value = await Promise.race([Promise.resolve().then(() => /** @type {() => unknown} */ (io.provider)()), aborted]);
          act = step(job, { ev: 'credentials', value: JSON.parse(describe(value, 'credentials')) });
        } catch (e) {
          if (e === ABORT) act = step(job, ABORTED);
          else if (ImsError.is(e)) throw e;
          // Only the name of what was thrown: its message could hold a secret no one can scrub.
          else act = step(job, { ev: 'credentials-failed', message: e instanceof Error ? e.name : typeof e });
        } finally {
          stop();
        }
        break;
      }
      case 'send': {
        if (stopAtSend) return { request: { method: act.method, url: act.url, headers: act.headers } };
        const r = await attempt(io.fetch, act, signal);
        body = r.body ?? '';
        act = step(job, r.event);
        break;
      }
      case 'read-error-body':
        act = JSON.parse(job.errorBody(body, Date.now(), draw()));
        break;
      case 'parse':
        try {
          parsed = parseBody(body, act.as);
          body = '';
          act = step(job, { ev: 'parsed', facts: 'facts' in parsed ? parsed.facts : null });
        } catch (e) {
          act = step(job, { ev: 'parse-failed', message: e instanceof Error ? e.message : String(e) });
        }
        break;
      case 'sleep':
        act = step(job, (await sleep(act.ms, signal)) ? { ev: 'slept' } : ABORTED);
        break;
      case 'done':
        if (parsed && 'image' in parsed) return { image: parsed.image };
        return { page: parsed ? toPage(parsed, act.nextMarker) : { images: [] } };
      case 'fail':
        throw new ImsError(act.error);
      case 'end':
        return undefined;
      default:
        throw new ImsError({ kind: 'parse', message: `unexpected action ${JSON.stringify(act)}` });
    }
  }
}

/**
 * The page object: keys only for what is there.
 * @param {ReturnType<typeof pageBody>} p
 * @param {string | undefined} nextMarker
 * @returns {ImagePage}
 */
function toPage(p, nextMarker) {
  /** @type {ImagePage} */
  const page = { images: p.images };
  if (nextMarker !== undefined) page.nextMarker = nextMarker;
  if (p.next !== undefined) page.next = p.next;
  if (p.first !== undefined) page.first = p.first;
  if (p.schema !== undefined) page.schema = p.schema;
  return page;
}

// ---------- pure helpers ----------

/**
 * The JSON value of a body given as text, bytes (decoded as fetch decodes text) or an object (an
 * object is copied as the server would have sent it).
 * @param {unknown} json
 * @param {string} what
 */
function jsonValue(json, what) {
  if (typeof json === 'string' || json instanceof Uint8Array) {
    try {
      return JSON.parse(typeof json === 'string' ? withoutBom(json) : utf8.decode(json));
    } catch (e) {
      throw new ImsError({ kind: 'parse', message: `malformed ${what}: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  if (json !== null && typeof json === 'object') {
    try {
      return JSON.parse(JSON.stringify(json));
    } catch (e) {
      throw invalid('json', `could not be read as JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw invalid('json', `expected a string, bytes or an object, got ${json === null ? 'null' : typeof json}`);
}

/** @param {unknown} e */
function asImsError(e) {
  if (e instanceof ParseError) return new ImsError({ kind: 'parse', message: e.message });
  return e;
}

/**
 * One image from a `GET /v2/images/{image_id}` body.
 * @param {string | Uint8Array | object} json
 * @returns {Image}
 */
export function parseImage(json) {
  try {
    return imageBody(jsonValue(json, 'image'));
  } catch (e) {
    throw asImsError(e);
  }
}

/**
 * A list page from a `/v2/cloudimages` or `/v2/images` body.
 * @param {string | Uint8Array | object} json
 * @returns {ImagePage}
 */
export function parseImagePage(json) {
  try {
    const p = pageBody(jsonValue(json, 'image list'));
    return toPage(p, core.nextMarker(JSON.stringify(p.facts)));
  } catch (e) {
    throw asImsError(e);
  }
}

/**
 * The headers to send for a request signed with SDK-HMAC-SHA256.
 * @param {Parameters<typeof import('./index').signRequest>[0]} req
 * @returns {Record<string, string>}
 */
export function signRequest(req) {
  const json = describe(req, 'request');
  return JSON.parse(fromCore(() => core.signRequest(json, Date.now())));
}

export { regions } from './regions.js';

// ---------- the client ----------

/**
 * @param {unknown} opts
 * @returns {{ json: string, signal: AbortSignal | undefined }}
 */
function callOptions(opts) {
  /** @type {AbortSignal | undefined} */
  let signal;
  const json = describe(opts, 'options', (path, v) => {
    if (path === 'signal' && typeof v === 'object') signal = /** @type {AbortSignal} */ (v);
  });
  return { json, signal };
}

/**
 * Every image of an iteration, one page in memory at a time. An image of the current page is
 * handed out at once (an async generator's `yield*` would cost several promise turns per image);
 * calls that need the next page wait their turn, as an async generator's would.
 * @implements {AsyncIterableIterator<Image>}
 */
class ImageIterator {
  /** @type {AsyncGenerator<ImagePage, void, undefined>} */
  #pages;
  /** @type {Image[]} */
  #buffer = [];
  #index = 0;
  /** @type {Promise<IteratorResult<Image, undefined>> | null} */
  #tail = null;

  /**
   * @param {AsyncGenerator<ImagePage, void, undefined>} pages
   * @param {(opts?: { marker?: string, pageSize?: number }) => AsyncGenerator<ImagePage, void, undefined>} byPage
   */
  constructor(pages, byPage) {
    this.#pages = pages;
    /** Every page of the same query, one at a time (each call starts its own iteration). */
    this.byPage = byPage;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** @returns {Promise<IteratorResult<Image, undefined>>} */
  next() {
    if (this.#tail === null && this.#index < this.#buffer.length) return Promise.resolve({ value: this.#buffer[this.#index++], done: false });
    /** @returns {Promise<IteratorResult<Image, undefined>>} */
    const pull = async () => {
      while (this.#index >= this.#buffer.length) {
        // Let the page just read go before the next one is fetched: one page in memory at a time.
        this.#buffer = [];
        this.#index = 0;
        const r = await this.#pages.next();
        if (r.done) return { value: undefined, done: true };
        this.#buffer = r.value.images;
        this.#index = 0;
      }
      return { value: this.#buffer[this.#index++], done: false };
    };
    const p = (this.#tail ?? Promise.resolve()).then(pull, pull);
    this.#tail = p;
    const settle = () => {
      if (this.#tail === p) this.#tail = null;
    };
    p.then(settle, settle);
    return p;
  }

  /** Stops the iteration: no further request; the page in hand is dropped. */
  async return() {
    this.#buffer = [];
    this.#index = 0;
    await this.#pages.return();
    return /** @type {IteratorResult<Image, undefined>} */ ({ value: undefined, done: true });
  }
}

/** A client for the three IMS read operations. See index.d.ts for the options. */
export class ImsClient {
  static name = 'ImsClient';

  /** @type {core.Client} */
  #core;
  /** @type {Io} */
  #io;

  /** @param {import('./index').ImsClientOptions} options */
  constructor(options) {
    /** @type {Record<string, unknown>} */
    const functions = {};
    const json = describe(options, 'options', (path, v) => {
      if (typeof v === 'function') functions[path] = v;
    });
    this.#core = fromCore(() => new core.Client(json));
    const fetchFn = this.#core.customFetch ? functions.fetch : globalThis.fetch;
    if (typeof fetchFn !== 'function') throw invalid('fetch', 'no fetch function: pass options.fetch or use Node >= 18');
    this.#io = {
      fetch: this.#core.customFetch ? /** @type {typeof fetch} */ (fetchFn) : globalThis.fetch.bind(globalThis),
      provider: /** @type {(() => unknown) | undefined} */ (functions.credentials),
    };
  }

  /**
   * @param {'listImages' | 'glanceListImages' | 'glanceShowImage'} operation
   * @param {unknown} arg
   * @param {unknown} opts
   */
  async #call(operation, arg, opts) {
    const argJson = describe(arg, operation === 'glanceShowImage' ? 'imageId' : 'query');
    const { json, signal } = callOptions(opts);
    const job = fromCore(() => this.#core.call(operation, argJson, json));
    try {
      return /** @type {Outcome} */ (await drive(job, this.#io, signal));
    } finally {
      job.free();
    }
  }

  /** @param {import('./index').ListImagesQuery} [query] @param {import('./index').CallOptions} [opts] */
  async listImages(query, opts) {
    return /** @type {ImagePage} */ ((await this.#call('listImages', query, opts)).page);
  }

  /** @param {import('./index').GlanceListImagesQuery} [query] @param {import('./index').CallOptions} [opts] */
  async glanceListImages(query, opts) {
    return /** @type {ImagePage} */ ((await this.#call('glanceListImages', query, opts)).page);
  }

  /** @param {string} imageId @param {import('./index').CallOptions} [opts] */
  async glanceShowImage(imageId, opts) {
    return /** @type {Image} */ ((await this.#call('glanceShowImage', imageId, opts)).image);
  }

  /**
   * An iteration's pages. The query is validated now, so a bad one throws before anything is sent.
   * @param {'listImages' | 'glanceListImages'} operation
   * @param {unknown} query
   * @param {unknown} opts
   * @param {unknown} pageOpts
   * @returns {AsyncGenerator<ImagePage, void, undefined>}
   */
  #pages(operation, query, opts, pageOpts) {
    const queryJson = describe(query, 'query');
    const { json, signal } = callOptions(opts);
    const pageJson = describe(pageOpts, 'byPage');
    const job = fromCore(() => this.#core.pages(operation, queryJson, json, pageJson));
    const io = this.#io;
    return (async function* () {
      try {
        for (;;) {
          let outcome = await drive(job, io, signal);
          if (outcome === undefined) return;
          const page = /** @type {ImagePage} */ (outcome.page);
          outcome = undefined;
          yield page;
        }
      } finally {
        job.free(); // releases the job now, not at the next GC
      }
    })();
  }

  /**
   * @param {'listImages' | 'glanceListImages'} operation
   * @param {unknown} query
   * @param {unknown} opts
   * @returns {import('./index').ImageIterator}
   */
  #iterate(operation, query, opts) {
    return new ImageIterator(this.#pages(operation, query, opts, undefined), (pageOpts) => this.#pages(operation, query, opts, pageOpts));
  }

  /** @param {import('./index').ListImagesQuery} [query] @param {import('./index').CallOptions} [opts] */
  listImagesAll(query, opts) {
    return this.#iterate('listImages', query, opts);
  }

  /** @param {import('./index').GlanceListImagesQuery} [query] @param {import('./index').CallOptions} [opts] */
  glanceListImagesAll(query, opts) {
    return this.#iterate('glanceListImages', query, opts);
  }

  /**
   * Exactly what would be sent, signed if AK/SK (a credentials provider is asked).
   * @param {'listImages' | 'glanceListImages' | 'glanceShowImage'} operation
   * @param {unknown} [arg]
   * @param {{ date?: Date | string }} [opts]
   */
  async buildRequest(operation, arg, opts) {
    const argJson = describe(arg, operation === 'glanceShowImage' ? 'imageId' : 'query');
    const optsJson = describe(opts, 'options');
    const job = fromCore(() => this.#core.buildRequest(String(operation), argJson, optsJson));
    try {
      return /** @type {NonNullable<Outcome['request']>} */ ((await drive(job, this.#io, undefined, true))?.request);
    } finally {
      job.free();
    }
  }
}
