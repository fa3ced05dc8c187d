// @ts-check
// Carrying out the core's actions (src/call.rs; their JSON forms in generated/protocol.js) with
// fetch, timers, AbortSignals, the credentials provider and the telemetry hooks. No decision is
// made here: what to send, what a response means, whether to retry or wait, how much of an
// error body to read, what an attempt record holds, all come from the core. What this layer
// checks is only what the runtime hands it (a custom fetch's answer, a provider's value), so that
// nothing of the wrong shape crosses into the module, and it cancels every body it leaves unread,
// whatever the fetch function did with the signal.
import { describe } from './describe.js';
import { ImsError, said } from './errors.js';
import { ParseError, imageBody, pageBody } from './generated/convert.js';

/** @typedef {import('./generated/protocol.js').Action} Action */
/** @typedef {import('./generated/protocol.js').Event} Event */
/** @typedef {import('./generated/protocol.js').AttemptRecord} AttemptRecord */
/** @typedef {import('./index').Image} Image */
/** @typedef {import('./index').ImagePage} ImagePage */
/** @typedef {{ step(event: string, now: number, random: number): string, errorBody(body: string, now: number, random: number): string }} Job */
/**
 * @typedef {object} Io
 * @property {typeof fetch} fetch the transport
 * @property {boolean} custom whether it is the caller's own (its bodies are read through our own reader, so they can be cancelled)
 * @property {() => unknown} [provider] the credentials provider
 */
/** @typedef {{ request?: { method: string, url: string, headers: Record<string, string> }, page?: ImagePage, image?: Image }} Outcome */

/** The random draw each step takes (for backoff jitter), as a u32. */
const draw = () => (Math.random() * 4294967296) >>> 0;
/** @param {Job} job @param {Event} event @returns {Action} */
const step = (job, event) => JSON.parse(job.step(JSON.stringify(event), Date.now(), draw()));
// Bodies read through our own reader are decoded as fetch's text() decodes them (src/text.rs,
// decode_body): BOM dropped, invalid sequences replaced.
const utf8 = new TextDecoder('utf-8');
const ABORT = Symbol('aborted');
const TIMEOUT = Symbol('timeout');

/** @param {unknown} v */
const typeName = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

/**
 * The event of a caller's signal that fired: its reason's name only (never its message).
 * @param {AbortSignal | undefined} signal
 * @returns {Event}
 */
function abortedEvent(signal) {
  let reason;
  try {
    reason = said(signal?.reason, 'name');
  } catch {
    reason = undefined;
  }
  return reason === undefined ? { ev: 'aborted' } : { ev: 'aborted', reason };
}

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
    try {
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    } catch {
      onAbort();
    }
  });
  p.catch(() => {});
  return [/** @type {Promise<never>} */ (p), () => { try { signal.removeEventListener('abort', onAbort); } catch { /* a broken signal: nothing to stop */ } }];
}

/**
 * A failed fetch as the core's event: what it said, and the runtime's cause code (ECONNREFUSED,
 * ENOTFOUND, a certificate error) where it gives one. A refused redirect is told apart.
 * @param {unknown} e
 * @returns {Event}
 */
function transportFailure(e) {
  const message = said(e, 'message') ?? 'the request failed';
  let cause;
  let code;
  try {
    cause = e !== null && typeof e === 'object' ? /** @type {any} */ (e).cause : undefined;
    code = cause && (cause.code ?? cause.errors?.[0]?.code);
  } catch {
    cause = undefined;
  }
  const failure = said(cause, 'message') === 'unexpected redirect' ? 'redirect' : 'network';
  return { ev: 'transport-failed', failure, message: typeof code === 'string' && code ? `${message} (${code})` : message };
}

/** @param {string} message @returns {Event} */
const network = (message) => ({ ev: 'transport-failed', failure: 'network', message });

/**
 * Joins chunks and decodes them, at most `max` bytes.
 * @param {Uint8Array[]} chunks @param {number} size @param {number} max
 */
function decode(chunks, size, max) {
  const n = Math.min(size, max);
  const all = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    if (at >= n) break;
    const part = c.length > n - at ? c.subarray(0, n - at) : c;
    all.set(part, at);
    at += part.length;
  }
  return utf8.decode(all);
}

/** One request: its own AbortController and timer (for headers and body alike), and its response. */
class Attempt {
  /**
   * @param {Io} io
   * @param {Extract<Action, { do: 'send' }>} act
   * @param {AbortSignal | undefined} signal
   */
  constructor(io, act, signal) {
    this.io = io;
    this.act = act;
    this.signal = signal;
    this.controller = new AbortController();
    /** @type {any} */
    this.res = undefined;
    /** @type {ReadableStreamDefaultReader<unknown> | undefined} */
    this.reader = undefined;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    this.timedOut = new Promise((_, reject) => {
      this.timer = setTimeout(() => reject(TIMEOUT), act.timeoutMs);
    });
    this.timedOut.catch(() => {});
    const [aborted, stop] = whenAborted(signal);
    this.aborted = aborted;
    this.stopListening = stop;
  }

  /** @template T @param {Promise<T>} p @returns {Promise<T>} */
  race(p) {
    return Promise.race([p, this.timedOut, this.aborted]);
  }

  /** @param {unknown} e @returns {Event} */
  failed(e) {
    if (e === ABORT || this.signal?.aborted) return abortedEvent(this.signal);
    if (e === TIMEOUT) return { ev: 'transport-failed', failure: 'timeout', message: `no response within ${this.act.timeoutMs} ms` };
    return transportFailure(e);
  }

  /** Sends the request; its status and headers as the core's event. @returns {Promise<Event>} */
  async send() {
    const { url, method, headers, redirect } = this.act;
    let res;
    try {
      res = await this.race(Promise.resolve().then(() => this.io.fetch(url, { method, headers, signal: this.controller.signal, redirect })));
    } catch (e) {
      return this.failed(e);
    }
    if (res === null || typeof res !== 'object') return network(`fetch resolved with ${typeName(res)}, not a Response`);
    this.res = res;
    try {
      // A browser hides a redirect it did not follow behind an opaque response.
      if (res.type === 'opaqueredirect') return { ev: 'transport-failed', failure: 'redirect', message: 'the server answered with a redirect' };
      /** @type {[string, string][]} */
      const list = [];
      res.headers.forEach((/** @type {unknown} */ value, /** @type {unknown} */ name) => {
        if (typeof name === 'string' && typeof value === 'string') list.push([name, value]);
      });
      // The core decides whether it is an HTTP status; only a number can cross.
      return { ev: 'response', status: typeof res.status === 'number' ? res.status : -1, headers: list };
    } catch (e) {
      return network(`the response could not be read: ${said(e, 'message') ?? 'it threw'}`);
    }
  }

  /**
   * The body as text: all of it, or at most `max` bytes (the rest cancelled); a failure as the
   * core's event.
   * @param {number} [max]
   * @returns {Promise<{ text: string } | Event>}
   */
  async text(max) {
    try {
      const body = this.res.body;
      // The runtime's own fetch stops reading when its signal aborts: its text() is the fastest
      // reader. A caller's fetch may not, so its stream is read through a reader we can cancel.
      if (max === undefined && !this.io.custom) return this.checked(await this.race(this.res.text()));
      if (body !== null && typeof body === 'object' && typeof body.getReader === 'function') {
        return { text: await this.race(this.readStream(body, max ?? Infinity)) };
      }
      const t = this.checked(await this.race(this.res.text()));
      return max !== undefined && t.text.length > max ? { text: t.text.slice(0, max) } : t;
    } catch (e) {
      return this.failed(e);
    }
  }

  /** @param {unknown} t @returns {{ text: string }} */
  checked(t) {
    if (typeof t !== 'string') throw new TypeError(`the response's text() gave ${typeName(t)}, not a string`);
    return { text: t };
  }

  /** @param {ReadableStream<unknown>} body @param {number} max */
  async readStream(body, max) {
    const reader = body.getReader();
    this.reader = reader;
    /** @type {Uint8Array[]} */
    const chunks = [];
    let size = 0;
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) throw new TypeError(`the body gave ${typeName(value)}, not bytes`);
      chunks.push(value);
      size += value.length;
    }
    if (size >= max) reader.cancel().catch(() => {});
    this.reader = undefined;
    return decode(chunks, size, max);
  }

  /** Ends the attempt: stops its timer and listener, aborts it, and cancels any body left unread. */
  end() {
    clearTimeout(this.timer);
    this.stopListening();
    this.controller.abort();
    try {
      if (this.reader) this.reader.cancel().catch(() => {});
      else if (this.res?.body && typeof this.res.body.cancel === 'function' && !this.res.body.locked) this.res.body.cancel().catch(() => {});
    } catch {
      // a body that cannot be cancelled: nothing more to do
    }
  }
}

/**
 * Asks the credentials provider, within the attempt's timeout.
 * @param {Io} io
 * @param {number} timeoutMs
 * @param {AbortSignal | undefined} signal
 * @returns {Promise<Event>}
 */
async function askProvider(io, timeoutMs, signal) {
  const [aborted, stop] = whenAborted(signal);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timedOut = new Promise((_, reject) => {
    timer = setTimeout(() => reject(TIMEOUT), timeoutMs);
  });
  timedOut.catch(() => {});
  try {
    const value = await Promise.race([Promise.resolve().then(() => /** @type {() => unknown} */ (io.provider)()), timedOut, aborted]);
    return { ev: 'credentials', value: JSON.parse(describe(value, 'credentials')) };
  } catch (e) {
    if (e === ABORT) return abortedEvent(signal);
    if (e === TIMEOUT) return { ev: 'credentials-timeout' };
    if (ImsError.is(e)) throw e;
    // Only the name of what was thrown: its message could hold a secret no one can scrub.
    return { ev: 'credentials-failed', threw: said(e, 'name') ?? typeof e };
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
  let value;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new ParseError(`malformed ${as === 'page' ? 'image list' : 'image'}: ${said(e, 'message') ?? 'unreadable'}`);
  }
  return as === 'page' ? pageBody(value) : { image: imageBody(value) };
}

/**
 * Hands an attempt record to each hook; a hook that throws (or rejects) is ignored.
 * @param {((a: AttemptRecord) => unknown)[]} hooks
 * @param {AttemptRecord} record
 */
function report(hooks, record) {
  for (const hook of hooks) {
    try {
      const r = /** @type {any} */ (hook(record));
      if (r !== null && typeof r === 'object' && typeof r.then === 'function') r.then(undefined, () => {});
    } catch {
      // a telemetry hook never breaks the call
    }
  }
}

/**
 * The page object: keys only for what is there.
 * @param {ReturnType<typeof pageBody>} p
 * @param {string | undefined} nextMarker
 * @returns {ImagePage}
 */
export function toPage(p, nextMarker) {
  /** @type {ImagePage} */
  const page = { images: p.images };
  if (nextMarker !== undefined) page.nextMarker = nextMarker;
  if (p.next !== undefined) page.next = p.next;
  if (p.first !== undefined) page.first = p.first;
  if (p.schema !== undefined) page.schema = p.schema;
  return page;
}

/**
 * Runs a job of the core until it is done, fails, ends, or (`stopAtSend`) has a request ready.
 * @param {Job} job
 * @param {Io} io
 * @param {AbortSignal | undefined} signal
 * @param {'start' | 'next-page'} start
 * @param {((a: AttemptRecord) => unknown)[]} hooks
 * @param {boolean} [stopAtSend]
 * @returns {Promise<Outcome | undefined>} undefined when an iteration has no more pages
 */
export async function drive(job, io, signal, start, hooks, stopAtSend = false) {
  let act = step(job, signal?.aborted ? abortedEvent(signal) : { ev: start });
  /** @type {Attempt | undefined} */
  let at;
  /** @type {ReturnType<typeof pageBody> | { image: Image } | undefined} */
  let parsed;
  try {
    for (;;) {
      if (act.attempt && hooks.length > 0) report(hooks, act.attempt);
      if (signal?.aborted && act.do !== 'fail' && act.do !== 'done' && act.do !== 'end') {
        act = step(job, abortedEvent(signal));
        continue;
      }
      switch (act.do) {
        case 'credentials':
          act = step(job, await askProvider(io, act.timeoutMs, signal));
          break;
        case 'send':
          if (stopAtSend) return { request: { method: act.method, url: act.url, headers: act.headers } };
          at?.end();
          at = new Attempt(io, act, signal);
          act = step(job, await at.send());
          break;
        case 'parse': {
          const r = at ? await at.text() : { text: '' };
          if (!('text' in r)) {
            act = step(job, r);
            break;
          }
          try {
            parsed = parseBody(r.text, act.as);
            act = step(job, 'facts' in parsed ? { ev: 'page-parsed', facts: parsed.facts } : { ev: 'image-parsed' });
          } catch (e) {
            act = step(job, { ev: 'parse-failed', message: said(e, 'message') ?? 'unreadable' });
          }
          break;
        }
        case 'read-error-body': {
          const r = at ? await at.text(act.maxBytes) : { text: '' };
          act = 'text' in r ? JSON.parse(job.errorBody(r.text, Date.now(), draw())) : step(job, r);
          break;
        }
        case 'sleep':
          at?.end();
          at = undefined;
          act = step(job, (await sleep(act.ms, signal)) ? { ev: 'slept' } : abortedEvent(signal));
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
  } finally {
    at?.end();
  }
}
