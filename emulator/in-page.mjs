// `createEmulator`: the emulated API (handler.mjs) as a fetch function, in any JS environment
// (browsers, web workers, Node), with no server: `new ImsClient({ endpoint: emu.url, fetch:
// emu.fetch })` lists with no network at all. Requests to any other origin fail as a network
// error does; a truncated body errors the body's stream halfway, as a cut connection does.
import { createHandler, fetchArgs } from './handler.mjs';

/** The base URL the in-page emulator answers for (`.invalid` never resolves: nothing leaves the page). */
export const IN_PAGE_URL = 'https://ims.emulator.invalid';

const abortError = (signal) => signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

/** Creates an in-page emulator; see index.d.ts. */
export function createEmulator(options = {}) {
  const h = createHandler(options, 'createEmulator');
  const origin = IN_PAGE_URL;
  /** @type {typeof fetch} */
  async function emulatedFetch(input, init = {}) {
    const { url, method, headers, signal } = fetchArgs(input, init);
    if (signal?.aborted) throw abortError(signal);
    if (url.origin !== origin) throw new TypeError(`Failed to fetch: the in-page emulator answers only ${origin}`);
    const a = await h.handle({ method, url: url.pathname + url.search, headers, origin }, signal);
    if (signal?.aborted) throw abortError(signal);
    const bodyless = a.status === 204 || a.status === 304;
    let body = bodyless ? null : a.body;
    if (a.cut && !bodyless) {
      const half = a.body.subarray(0, Math.floor(a.body.length / 2));
      body = new ReadableStream({
        start(c) {
          c.enqueue(half);
          c.error(new TypeError('terminated: the connection was cut halfway through the body'));
        },
      });
    }
    const res = new Response(body, { status: a.status, headers: a.headers });
    return res;
  }
  return {
    fetch: emulatedFetch,
    url: origin,
    images: h.images,
    seed: h.seed,
    project: h.project,
    get requests() { return h.requests; },
  };
}
