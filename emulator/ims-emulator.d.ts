// The IMS emulator (`ims-client/emulator`, Node): the emulated API as an HTTP server on loopback
// (`startEmulator`), and in the page (`createEmulator`, in-page.d.ts), for a console's own tests.

import type { InPageEmulatorOptions } from './in-page.js';

export * from './in-page.js';

/** How to start an emulator: `createEmulator`'s options, and where to listen. */
export interface EmulatorOptions extends InPageEmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on, default `127.0.0.1`. */
  host?: string;
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
  /** How many requests it has answered. */
  readonly requests: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts an IMS emulator: `GET /v2/cloudimages` (every parameter of "Querying Images"),
 * `GET /v2/images` (Glance-shaped: `first`, `next`, `schema`), `GET /v2/images/{image_id}`, the
 * schemas those link to, and version discovery.
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
