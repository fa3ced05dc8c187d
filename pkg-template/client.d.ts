
// ---- The client (hand-written; the data shapes above are generated from the Rust tables) ----

export type Credentials =
  | { token: string }
  | { accessKey: string; secretKey: string; securityToken?: string };

export interface ImsClientOptions {
  /** 'cn-north-4' -> https://ims.cn-north-4.myhuaweicloud.com */
  region?: string;
  /** Base URL, may carry a path prefix; wins over region. One of the two is required. */
  endpoint?: string;
  /** Sent as X-Project-Id. */
  projectId?: string;
  /** Absent: no auth header (a proxy adds it). A function is asked before each request. */
  credentials?: Credentials | (() => Promise<Credentials>);
  /** Per attempt, default 30000. */
  timeoutMs?: number;
  /** Retries after the first attempt, default 3. */
  maxRetries?: number;
  /** Transport, default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Default false: credentials never go over plain http except to loopback. */
  allowInsecureHttp?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface ImagePage {
  images: Image[];
  /** Absent on the last page. */
  nextMarker?: string;
  next?: string;
  first?: string;
  schema?: string;
}

export type ImageIterator = AsyncIterableIterator<Image> & {
  byPage(opts?: { marker?: string; pageSize?: number }): AsyncIterableIterator<ImagePage>;
};

export type Operation = 'listImages' | 'glanceListImages' | 'glanceShowImage';

export interface BuiltRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export declare class ImsError extends Error {
  readonly name: 'ImsError';
  readonly kind: ImsErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  /** For invalid-argument: the offending key. */
  readonly key?: string;
  readonly retryable: boolean;
  readonly attempts: number;
  static is(x: unknown): x is ImsError;
}

export declare class ImsClient {
  constructor(options: ImsClientOptions);
  listImages(query?: ListImagesQuery, opts?: CallOptions): Promise<ImagePage>;
  glanceListImages(query?: GlanceListImagesQuery, opts?: CallOptions): Promise<ImagePage>;
  glanceShowImage(imageId: string, opts?: CallOptions): Promise<Image>;
  listImagesAll(query?: ListImagesQuery, opts?: CallOptions): ImageIterator;
  glanceListImagesAll(query?: GlanceListImagesQuery, opts?: CallOptions): ImageIterator;
  buildRequest(operation: 'listImages', arg?: ListImagesQuery, opts?: { date?: Date | string }): Promise<BuiltRequest>;
  buildRequest(operation: 'glanceListImages', arg?: GlanceListImagesQuery, opts?: { date?: Date | string }): Promise<BuiltRequest>;
  buildRequest(operation: 'glanceShowImage', arg: string, opts?: { date?: Date | string }): Promise<BuiltRequest>;
}

export declare function parseImage(json: string | Uint8Array | object): Image;
export declare function parseImagePage(json: string | Uint8Array | object): ImagePage;
export declare function signRequest(req: {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  accessKey: string;
  secretKey: string;
  /** A Date, or 'YYYYMMDDTHHMMSSZ'. Default: now. */
  date?: Date | string;
}): Record<string, string>;
/** The IMS region ids. */
export declare const regions: string[];
