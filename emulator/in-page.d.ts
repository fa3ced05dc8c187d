// `createEmulator` (`ims-client/emulator` in every environment): the IMS emulator as a fetch
// function, with no server. The HTTP form (`startEmulator`, Node) is ims-emulator.d.ts.

/** How to create an emulator. Every option is optional; unknown ones are an error. */
export interface InPageEmulatorOptions {
  /** The catalogue's seed, default 42: the same seed always gives the same images. */
  seed?: number;
  /** How many images the catalogue holds, default 2000. */
  count?: number;
  /** Require this `X-Auth-Token` on every request (401 otherwise). Default: no auth. */
  token?: string;
  /** Require SDK-HMAC-SHA256 signatures by this key pair (401 otherwise, also for a stale `X-Sdk-Date`). */
  aksk?: { accessKey: string; secretKey: string };
  /** Delay before each answer, in milliseconds (default 0). */
  latencyMs?: number;
  /** Fraction of requests answered 500 or 503 (default 0). */
  errorRate?: number;
  /** Fraction of requests answered 429 with `Retry-After: 1` (default 0). */
  throttleRate?: number;
  /** Fraction of good answers whose body stops halfway, as a cut connection's does (default 0). */
  truncateRate?: number;
}

/** An emulator in the page. */
export interface InPageEmulator {
  /**
   * A fetch-compatible function that answers for `url` (any other origin: a failed fetch).
   * @example new ImsClient({ endpoint: emu.url, fetch: emu.fetch })
   */
  readonly fetch: typeof fetch;
  /** `https://ims.emulator.invalid`: the base URL it answers for. */
  readonly url: string;
  /** The catalogue, as wire objects (the IMS field names and string-typed values). */
  readonly images: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** The seed the catalogue was made from. */
  readonly seed: number;
  /** The project the emulator answers for (`owner` of its private images). */
  readonly project: string;
  /** How many requests it has answered. */
  readonly requests: number;
}

/**
 * The IMS emulator in any JS environment (browsers, web workers, Node): the same catalogue,
 * filters, sort, paging, auth checks and faults as `startEmulator`, with no server.
 * @example
 * import { ImsClient } from 'ims-client';
 * import { createEmulator } from 'ims-client/emulator';
 *
 * const emu = createEmulator({ count: 500, errorRate: 0.2 });
 * const client = new ImsClient({ endpoint: emu.url, fetch: emu.fetch, maxRetries: 8 });
 * const { images } = await client.listImages({ imagetype: 'gold', limit: 10 });
 */
export declare function createEmulator(options?: InPageEmulatorOptions): InPageEmulator;
