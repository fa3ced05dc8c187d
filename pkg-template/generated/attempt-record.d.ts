
/**
 * One attempt, as `onAttempt` receives it after the attempt ends. Never a header, a token, a key or a signature.
 * @example new ImsClient({ endpoint, onAttempt: (a) => log(a.operation, a.status, a.requestId, a.durationMs) });
 */
export interface AttemptRecord {
  /** The operation. */
  operation: 'listImages' | 'glanceListImages' | 'glanceShowImage';
  /** 1 for the first request of a call (of each page, for an iterator). */
  attempt: number;
  /** The HTTP method. */
  method: 'GET';
  /** Exactly as sent (it never holds a credential). */
  url: string;
  /** Absent when no response arrived. */
  status?: number;
  /** By the same rule as `ImsError.requestId`. */
  requestId?: string;
  /** Absent on success. */
  errorKind?: 'http' | 'network' | 'timeout' | 'aborted' | 'parse';
  /** From sending to the end of reading the body. */
  durationMs: number;
  /** Present when another attempt follows: the wait before it. */
  retryInMs?: number;
}
