// @ts-check
// The package's public JS: ImsClient, its iterators, and the pure helpers. It makes no decision:
// the Rust core (through the wasm module) validates every argument, builds and signs every
// request, decides every retry, sleep and page, and says what each response means. This file
// describes the caller's values to the core (describe.js), runs the core's jobs (drive.js), and
// parses good bodies with the converter generated from the core's field table.
import './load.js';
import * as core from './core.js';
import { describe } from './describe.js';
import { drive, toPage } from './drive.js';
import { ImsError, fromCore, invalid, said } from './errors.js';
import { ParseError, imageBody, pageBody } from './generated/convert.js';

export { ImsError } from './errors.js';
export { regions } from './generated/regions.js';

/** @typedef {import('./index').Image} Image */
/** @typedef {import('./index').ImagePage} ImagePage */
/** @typedef {import('./drive.js').Io} Io */
/** @typedef {import('./drive.js').Outcome} Outcome */
/** @typedef {import('./drive.js').AttemptRecord} AttemptRecord */
/** @typedef {(a: AttemptRecord) => unknown} Hook */

// ---------- pure helpers ----------

const utf8 = new TextDecoder('utf-8');
/** @param {string} s */
const withoutBom = (s) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/**
 * The JSON value of a body given as text, bytes (an ArrayBuffer or a view of one, decoded as
 * fetch decodes text) or a plain object (copied as the server would have sent it).
 * @param {unknown} json
 * @param {string} what
 */
function jsonValue(json, what) {
  /** @type {string | undefined} */
  let text;
  /** @type {string | undefined} */
  let other;
  let copy;
  try {
    if (typeof json === 'string') text = withoutBom(json);
    else if (json === null || typeof json !== 'object') other = json === null ? 'null' : typeof json;
    else if (json instanceof ArrayBuffer || ArrayBuffer.isView(json)) text = utf8.decode(json);
    else {
      const proto = Object.getPrototypeOf(json);
      if (proto === Object.prototype || proto === null || Array.isArray(json)) copy = JSON.parse(JSON.stringify(json));
      else other = said(proto?.constructor, 'name') ?? 'an object';
    }
  } catch (e) {
    throw invalid('json', `could not be read: ${said(e, 'message') ?? 'it threw'}`);
  }
  if (other !== undefined) throw invalid('json', `expected a string, bytes or a plain object, got ${other}`);
  if (text === undefined) return copy;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ImsError({ kind: 'parse', message: `malformed ${what}: ${said(e, 'message') ?? 'unreadable'}` });
  }
}

/** @param {unknown} e */
function asImsError(e) {
  if (e instanceof ParseError) return new ImsError({ kind: 'parse', message: e.message });
  return e;
}

/**
 * One image from a `GET /v2/images/{image_id}` body.
 * @param {string | Uint8Array | ArrayBuffer | object} json
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
 * @param {string | Uint8Array | ArrayBuffer | object} json
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

// ---------- the client ----------

/**
 * A call's options in the core's form, and what the driver holds of them.
 * @param {unknown} opts
 * @returns {{ json: string, signal: AbortSignal | undefined, hook: Hook | undefined }}
 */
function callOptions(opts) {
  /** @type {AbortSignal | undefined} */
  let signal;
  /** @type {Hook | undefined} */
  let hook;
  const json = describe(opts, 'options', (path, v) => {
    if (path === 'signal' && typeof v === 'object') signal = /** @type {AbortSignal} */ (v);
    if (path === 'onAttempt' && typeof v === 'function') hook = /** @type {Hook} */ (v);
  });
  return { json, signal, hook };
}

/** The page's origin, when the client runs in a page or a worker (a path-absolute endpoint resolves against it). */
function pageOrigin() {
  try {
    const origin = /** @type {{ location?: { origin?: unknown } }} */ (globalThis).location?.origin;
    return typeof origin === 'string' && /^https?:\/\//.test(origin) ? origin : undefined;
  } catch {
    return undefined;
  }
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
  /** @type {Hook[]} */
  #hooks;

  /** @param {import('./index').ImsClientOptions} options */
  constructor(options) {
    /** @type {Record<string, unknown>} */
    const functions = {};
    const json = describe(options, 'options', (path, v) => {
      if (typeof v === 'function') functions[path] = v;
    });
    this.#core = fromCore(() => new core.Client(json, pageOrigin()));
    const custom = this.#core.customFetch;
    const fetchFn = custom ? functions.fetch : globalThis.fetch;
    if (typeof fetchFn !== 'function') throw invalid('fetch', 'no fetch function: pass options.fetch or use Node >= 18');
    this.#io = {
      fetch: custom ? /** @type {typeof fetch} */ (fetchFn) : globalThis.fetch.bind(globalThis),
      custom,
      provider: /** @type {(() => unknown) | undefined} */ (functions.credentials),
    };
    this.#hooks = typeof functions.onAttempt === 'function' ? [/** @type {Hook} */ (functions.onAttempt)] : [];
  }

  /** @param {Hook | undefined} hook */
  #hooksWith(hook) {
    return hook ? [...this.#hooks, hook] : this.#hooks;
  }

  /**
   * @param {'listImages' | 'glanceListImages' | 'glanceShowImage'} operation
   * @param {unknown} arg
   * @param {unknown} opts
   */
  async #call(operation, arg, opts) {
    const argJson = describe(arg, operation === 'glanceShowImage' ? 'imageId' : 'query');
    const { json, signal, hook } = callOptions(opts);
    const job = fromCore(() => this.#core.call(JSON.stringify(operation), argJson, json));
    try {
      return /** @type {Outcome} */ (await drive(job, this.#io, signal, 'start', this.#hooksWith(hook)));
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
    const { json, signal, hook } = callOptions(opts);
    const pageJson = describe(pageOpts, 'byPage');
    const make = () => fromCore(() => this.#core.pages(JSON.stringify(operation), queryJson, json, pageJson));
    // Validated now, so a bad query throws before anything is sent; the walk's own job is made
    // when it starts, so an iteration never started (an iterator used only through byPage())
    // holds nothing of the module.
    make().free();
    const io = this.#io;
    const hooks = this.#hooksWith(hook);
    return (async function* () {
      const job = make();
      try {
        for (;;) {
          let outcome = await drive(job, io, signal, 'next-page', hooks);
          if (outcome === undefined) return;
          const page = /** @type {ImagePage} */ (outcome.page);
          outcome = undefined;
          yield page;
        }
      } finally {
        job.finish();
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
    const opJson = describe(operation, 'operation');
    const argJson = describe(arg, operation === 'glanceShowImage' ? 'imageId' : 'query');
    const optsJson = describe(opts, 'options');
    const job = fromCore(() => this.#core.buildRequest(opJson, argJson, optsJson));
    try {
      return /** @type {NonNullable<Outcome['request']>} */ ((await drive(job, this.#io, undefined, 'start', [], true))?.request);
    } finally {
      job.free();
    }
  }
}
