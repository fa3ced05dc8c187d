// The IMS emulator (`ims-client/emulator`, Node only): a local server that answers the three IMS
// read APIs over a deterministic seeded catalogue, with faults on demand, for a console's own tests.

/** How to start an emulator. Every option is optional; unknown ones are an error. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on, default `127.0.0.1`. */
  host?: string;
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
  /** Fraction of good answers whose connection drops halfway through the body (default 0). */
  truncateRate?: number;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, for `new ImsClient({ endpoint: emu.url })`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The catalogue, as wire objects (the IMS field names and string-typed values). */
  readonly images: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** The seed the catalogue was made from. */
  readonly seed: number;
  /** The project the emulator answers for (`owner` of its private images). */
  readonly project: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts an IMS emulator: `GET /v2/cloudimages` (every parameter of "Querying Images"),
 * `GET /v2/images` (Glance-shaped: `first`, `next`, `schema`) and `GET /v2/images/{image_id}`.
 * @example
 * import { ImsClient } from 'ims-client';
 * import { startEmulator } from 'ims-client/emulator';
 *
 * const emu = await startEmulator({ count: 500, errorRate: 0.2 });
 * const client = new ImsClient({ endpoint: emu.url, maxRetries: 8 });
 * for await (const image of client.listImagesAll({ imagetype: 'gold' })) console.log(image.name);
 * await emu.close();
 */
export declare function startEmulator(options?: EmulatorOptions): Promise<Emulator>;
