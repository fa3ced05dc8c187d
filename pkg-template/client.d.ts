
// ---- The client (hand-written; the data shapes above are generated from the Rust tables) ----

/**
 * How requests are authenticated: an IAM token (`X-Auth-Token`), or an access key pair that signs
 * each request with SDK-HMAC-SHA256 (plus `X-Security-Token` for temporary keys).
 * @example const credentials: Credentials = { token: await getIamToken() };
 * @example const credentials: Credentials = { accessKey: 'AK…', secretKey: 'SK…', securityToken: 'optional' };
 */
export type Credentials =
  | { token: string }
  | { accessKey: string; secretKey: string; securityToken?: string };

/**
 * Options of `new ImsClient(...)`. Bad options throw `ImsError` kind `invalid-argument` naming the key.
 * @example new ImsClient({ region: 'cn-north-4', projectId, credentials: { token } });
 * @example new ImsClient({ endpoint: '/api/ims' }); // a console's proxy adds the credentials
 */
export interface ImsClientOptions {
  /**
   * A region id (see `regions`): `'cn-north-4'` means `https://ims.cn-north-4.myhuaweicloud.com`.
   * @example { region: 'ap-southeast-1' }
   */
  region?: string;
  /**
   * Base URL, may carry a path prefix (a console's proxy); wins over `region`. One of the two is required.
   * In a page, a path-absolute endpoint (`/api/ims`) resolves against the page's origin.
   * @example { endpoint: 'https://console.example.com/proxy/ims' }
   */
  endpoint?: string;
  /**
   * Sent as `X-Project-Id`.
   * @example { projectId: '0123456789abcdef0123456789abcdef' }
   */
  projectId?: string;
  /**
   * Absent: no auth header (a proxy adds it). A function is asked before each request (refresh tokens
   * there); a `projectId` it returns is sent when the client has none (`ims-client/node`'s providers).
   * @example { credentials: async () => ({ token: await tokens.current() }) }
   */
  credentials?: Credentials | (() => Promise<Credentials & { projectId?: string }>);
  /**
   * Per attempt, in milliseconds; default 30000.
   * @example { timeoutMs: 5000 }
   */
  timeoutMs?: number;
  /**
   * Retries after the first attempt (429, 500, 502, 503, 504, network errors, timeouts); default 3.
   * @example { maxRetries: 0 } // fail fast
   */
  maxRetries?: number;
  /**
   * The transport; default `globalThis.fetch`. Wrap it to log, trace or add cookies.
   * @example { fetch: (url, init) => fetch(url, { ...init, credentials: 'include' }) }
   */
  fetch?: typeof fetch;
  /**
   * Extra headers on every request (names must be HTTP tokens; no control characters in values).
   * @example { headers: { 'X-Language': 'en-us' } }
   */
  headers?: Record<string, string>;
  /**
   * Default false: credentials never go over plain `http:` except to loopback. True allows it.
   * @example { endpoint: 'http://ims.lab.internal', credentials, allowInsecureHttp: true }
   */
  allowInsecureHttp?: boolean;
  /**
   * Telemetry: called once per attempt, after it ends (retries included). A hook that throws is ignored.
   * @example { onAttempt: (a) => metrics.record(a.operation, a.status, a.durationMs, a.requestId) }
   */
  onAttempt?: (attempt: AttemptRecord) => void;
}

/**
 * Options of one call.
 * @example const ac = new AbortController(); await client.listImages({}, { signal: ac.signal, timeoutMs: 2000 });
 */
export interface CallOptions {
  /** Aborts the call at once (kind `aborted`), also during a retry's backoff. */
  signal?: AbortSignal;
  /** This call's per-attempt timeout, instead of the client's. */
  timeoutMs?: number;
  /** Telemetry for this call's attempts; the client's `onAttempt` runs too. */
  onAttempt?: (attempt: AttemptRecord) => void;
}

/**
 * One page of a list.
 * @example const { images, nextMarker } = await client.listImages({ limit: 100 });
 */
export interface ImagePage {
  /** The images, typed. */
  images: Image[];
  /** The marker for the next page: absent on the last page. */
  nextMarker?: string;
  /** `/v2/images` only, as the server sent it (the iterators never follow it verbatim). */
  next?: string;
  /** `/v2/images` only, as the server sent it. */
  first?: string;
  /** `/v2/images` only, as the server sent it. */
  schema?: string;
}

/**
 * Every image of a listing, fetched a page at a time as you iterate; `break` stops it with no further
 * request. `byPage()` gives the pages instead (with `nextMarker`, to resume later).
 * @example for await (const image of client.listImagesAll({ imagetype: 'gold' })) console.log(image.name);
 * @example for await (const page of client.listImagesAll({}).byPage({ pageSize: 1000 })) save(page.images);
 */
export type ImageIterator = AsyncIterableIterator<Image> & {
  /**
   * The pages: start after `marker`, `pageSize` images per request (the query's `limit` otherwise).
   * @example for await (const page of iterator.byPage({ marker: saved, pageSize: 500 })) saved = page.nextMarker;
   */
  byPage(opts?: { marker?: string; pageSize?: number }): AsyncIterableIterator<ImagePage>;
};

/**
 * The operations `buildRequest` knows.
 * @example const op: Operation = 'glanceShowImage';
 */
export type Operation = 'listImages' | 'glanceListImages' | 'glanceShowImage';

/**
 * Exactly what would be sent: method, URL and headers (signed for AK/SK).
 * @example const { url, headers } = await client.buildRequest('listImages', { limit: 10 });
 */
export interface BuiltRequest {
  /** Always `GET` for the three read operations. */
  method: string;
  /** The full URL, query sorted and encoded as signed. */
  url: string;
  /** Every header, `Authorization` and `X-Sdk-Date` included when signing. */
  headers: Record<string, string>;
}

/**
 * A client for the three IMS read APIs. Cheap to create; holds no connection.
 * @example
 * import { ImsClient } from 'ims-client';
 * const client = new ImsClient({ region: 'cn-north-4', credentials: { accessKey, secretKey } });
 * const { images } = await client.listImages({ imagetype: 'gold', limit: 20 });
 */
export declare class ImsClient {
  /**
   * Checks the options (throws `ImsError` kind `invalid-argument` naming the key); sends nothing.
   * @example const client = new ImsClient({ endpoint: 'http://127.0.0.1:8081' });
   */
  constructor(options: ImsClientOptions);
  /**
   * One page of `GET /v2/cloudimages`, the IMS list with every filter.
   * @example const page = await client.listImages({ osType: 'Linux', supportKvm: true, sortKey: 'name', sortDir: 'asc', limit: 50 });
   */
  listImages(query?: ListImagesQuery, opts?: CallOptions): Promise<ImagePage>;
  /**
   * One page of `GET /v2/images`, the OpenStack-native list.
   * @example const page = await client.glanceListImages({ visibility: 'public', limit: 25 });
   */
  glanceListImages(query?: GlanceListImagesQuery, opts?: CallOptions): Promise<ImagePage>;
  /**
   * One image, `GET /v2/images/{image_id}` (the id is sent as one percent-encoded path segment).
   * @example const image = await client.glanceShowImage('5f1b…'); image.minDisk; // 40
   */
  glanceShowImage(imageId: string, opts?: CallOptions): Promise<Image>;
  /**
   * Every page of `GET /v2/cloudimages`, as images (or pages, with `byPage()`).
   * @example for await (const image of client.listImagesAll({ platform: 'Ubuntu' }, { signal })) rows.push(image);
   */
  listImagesAll(query?: ListImagesQuery, opts?: CallOptions): ImageIterator;
  /**
   * Every page of `GET /v2/images`, as images (or pages, with `byPage()`).
   * @example for await (const image of client.glanceListImagesAll({ tag: 'env=prod' })) console.log(image.id);
   */
  glanceListImagesAll(query?: GlanceListImagesQuery, opts?: CallOptions): ImageIterator;
  /**
   * The request a call would send, signed if the client has AK/SK (for curl, a proxy, or a test).
   * @example const req = await client.buildRequest('listImages', { limit: 1 }, { date: new Date() });
   */
  buildRequest(operation: 'listImages', arg?: ListImagesQuery, opts?: { date?: Date | string }): Promise<BuiltRequest>;
  /** @example const req = await client.buildRequest('glanceListImages', { visibility: 'public' }); */
  buildRequest(operation: 'glanceListImages', arg?: GlanceListImagesQuery, opts?: { date?: Date | string }): Promise<BuiltRequest>;
  /** @example const req = await client.buildRequest('glanceShowImage', imageId); */
  buildRequest(operation: 'glanceShowImage', arg: string, opts?: { date?: Date | string }): Promise<BuiltRequest>;
}

/**
 * A detail body (`GET /v2/images/{id}`) as a typed `Image`, without a client: text, UTF-8 bytes (an
 * `ArrayBuffer` or a view of one) or a parsed plain object.
 * @example const image = parseImage(await res.text());
 */
export declare function parseImage(json: string | ArrayBuffer | ArrayBufferView | object): Image;
/**
 * A list body (either list API) as a typed `ImagePage`, without a client.
 * @example const { images, nextMarker } = parseImagePage(await res.arrayBuffer());
 */
export declare function parseImagePage(json: string | ArrayBuffer | ArrayBufferView | object): ImagePage;
/**
 * The headers to send for a request signed with SDK-HMAC-SHA256, exactly as the official SDKs sign
 * it: the given headers plus `X-Sdk-Date` and `Authorization`.
 * @example
 * const headers = signRequest({ method: 'GET', url: 'https://ims.cn-north-4.myhuaweicloud.com/v2/cloudimages?limit=1',
 *   accessKey, secretKey });
 * await fetch(url, { headers });
 */
export declare function signRequest(req: {
  /** The HTTP method. */
  method: string;
  /** The full URL (its host is signed even though `fetch` sets the header). */
  url: string;
  /** Headers to send and sign (names with `_` are sent but not signed, as the SDKs do). */
  headers?: Record<string, string>;
  /** The body, hashed into the signature; default empty. */
  body?: string;
  /** The access key (AK). */
  accessKey: string;
  /** The secret key (SK). */
  secretKey: string;
  /** A Date, or 'YYYYMMDDTHHMMSSZ'. Default: now. */
  date?: Date | string;
}): Record<string, string>;
/**
 * The IMS region ids, as the official SDK lists them.
 * @example regions.includes('cn-north-4'); // true
 */
export declare const regions: string[];
