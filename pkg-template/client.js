// The package's JS layer: ImsError, the I/O primitives the core drives (one fetch attempt, an
// abortable sleep), and thin wrappers that turn the core's JSON text into objects with the
// engine's own JSON.parse. Every decision lives in the Rust core. Composed by
// scripts/build-pkg.mjs into index.mjs (ESM) and index.cjs (CommonJS), with `glue` in scope.

const ERROR_FIELDS = ['status', 'code', 'requestId', 'key'];

class ImsError extends Error {
  constructor(init) {
    super(init.message);
    this.name = 'ImsError';
    this.kind = init.kind;
    for (const f of ERROR_FIELDS) if (init[f] !== undefined) this[f] = init[f];
    this.retryable = Boolean(init.retryable);
    this.attempts = init.attempts ?? 0;
  }

  static is(x) {
    return x instanceof ImsError || (x instanceof Error && x.name === 'ImsError' && typeof x.kind === 'string');
  }
}

function toImsError(e) {
  if (e instanceof ImsError) return e;
  if (e && typeof e === 'object' && e.__ims === true) return new ImsError(e);
  // Not expected: the core reports every failure itself. Kept typed all the same.
  return new ImsError({ kind: 'network', message: `unexpected failure: ${e && e.message ? e.message : String(e)}` });
}

function describeNetworkError(e) {
  const cause = e && e.cause;
  const code = cause && (cause.code || (cause.errors && cause.errors[0] && cause.errors[0].code));
  const base = e && e.message ? e.message : String(e);
  return code ? `${base} (${code})` : base;
}

// One request with its own AbortController: the per-attempt timeout and the caller's signal
// both abort it. Resolves { status, body, requestId, retryAfter }; rejects { kind, message }.
async function attempt(fetchFn, url, headers, timeoutMs, signal) {
  if (signal && signal.aborted) throw { kind: 'aborted', message: 'the call was aborted' };
  const controller = new AbortController();
  let timedOut = false;
  let rejectAbort;
  const abortPromise = new Promise((_, reject) => { rejectAbort = reject; });
  abortPromise.catch(() => {});
  const onAbort = () => {
    controller.abort();
    rejectAbort({ kind: 'aborted', message: 'the call was aborted' });
  };
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    rejectAbort({ kind: 'timeout', message: `no response within ${timeoutMs} ms` });
  }, timeoutMs);
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
  try {
    const work = (async () => {
      const res = await fetchFn(url, { method: 'GET', headers, signal: controller.signal, redirect: 'error' });
      const body = new Uint8Array(await res.arrayBuffer());
      return {
        status: res.status,
        body,
        requestId: res.headers.get('x-request-id') || res.headers.get('x-openstack-request-id') || undefined,
        retryAfter: res.headers.get('retry-after') || undefined,
      };
    })();
    return await Promise.race([work, abortPromise]);
  } catch (e) {
    if (e && typeof e.kind === 'string') throw e;
    if (signal && signal.aborted) throw { kind: 'aborted', message: 'the call was aborted' };
    if (timedOut) throw { kind: 'timeout', message: `no response within ${timeoutMs} ms` };
    throw { kind: 'network', message: describeNetworkError(e) };
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener('abort', onAbort);
  }
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject({ kind: 'aborted' });
    const onAbort = () => { clearTimeout(timer); reject({ kind: 'aborted' }); };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
}

const IO = {
  attempt,
  sleep,
  get fetch() { return typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined; },
};

const encoder = new TextEncoder();

function jsonBytes(json) {
  if (typeof json === 'string') return encoder.encode(json);
  if (json instanceof Uint8Array) return json;
  if (json !== null && typeof json === 'object') return encoder.encode(JSON.stringify(json));
  throw new ImsError({ kind: 'invalid-argument', key: 'json', message: 'json: expected a string or an object' });
}

function parseImage(json) {
  try { return JSON.parse(glue.parseImageJson(jsonBytes(json))); } catch (e) { throw toImsError(e); }
}

function parseImagePage(json) {
  try { return JSON.parse(glue.parseImagePageJson(jsonBytes(json))); } catch (e) { throw toImsError(e); }
}

function signRequest(req) {
  try { return glue.signRequest(req); } catch (e) { throw toImsError(e); }
}

const regions = glue.regions();

function pages(core, operation, query, opts, pageOpts) {
  let pager;
  try { pager = core.pager(operation, query, opts, pageOpts); } catch (e) { throw toImsError(e); }
  return (async function* () {
    try {
      for (;;) {
        let text;
        try { text = await pager.next(); } catch (e) { throw toImsError(e); }
        if (text === undefined) return;
        yield JSON.parse(text);
      }
    } finally {
      pager.free(); // ends the loop and releases its wasm memory now, not at the next GC
    }
  })();
}

function iterate(core, operation, query, opts) {
  // Validate now, so a bad query throws before anything is sent.
  core.pager(operation, query, opts, undefined).free();
  const images = (async function* () {
    for await (const page of pages(core, operation, query, opts, undefined)) yield* page.images;
  })();
  images.byPage = (pageOpts) => pages(core, operation, query, opts, pageOpts);
  return images;
}

class ImsClient {
  #core;

  constructor(options) {
    try { this.#core = new glue.CoreClient(options, IO); } catch (e) { throw toImsError(e); }
  }

  async #call(operation, arg, opts) {
    try { return JSON.parse(await this.#core.call(operation, arg, opts)); } catch (e) { throw toImsError(e); }
  }

  listImages(query, opts) { return this.#call('listImages', query, opts); }
  glanceListImages(query, opts) { return this.#call('glanceListImages', query, opts); }
  glanceShowImage(imageId, opts) { return this.#call('glanceShowImage', imageId, opts); }

  listImagesAll(query, opts) {
    try { return iterate(this.#core, 'listImages', query, opts); } catch (e) { throw toImsError(e); }
  }

  glanceListImagesAll(query, opts) {
    try { return iterate(this.#core, 'glanceListImages', query, opts); } catch (e) { throw toImsError(e); }
  }

  async buildRequest(operation, arg, opts) {
    try { return await this.#core.buildRequest(operation, arg, opts); } catch (e) { throw toImsError(e); }
  }
}
