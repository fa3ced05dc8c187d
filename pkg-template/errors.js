// @ts-check
// The helpers around ImsError (error-class.js): errors from the core's JSON, and what a thrown
// value says.
import { ImsError } from './error-class.js';

export { ImsError };

/** @typedef {import('./generated/errors.js').ErrorInit} ErrorInit */

/** @param {string} key @param {string} message */
export const invalid = (key, message) => new ImsError({ kind: 'invalid-argument', key, message: `${key}: ${message}`, retryable: false, attempts: 0 });

/**
 * Calls into the core; an error it throws (its JSON text) becomes an ImsError.
 * @template T
 * @param {() => T} f
 * @returns {T}
 */
export function fromCore(f) {
  try {
    return f();
  } catch (e) {
    if (typeof e === 'string') throw new ImsError(JSON.parse(e));
    throw e;
  }
}

/**
 * What a thrown value says, without ever throwing itself (a revoked proxy, a throwing getter).
 * @param {unknown} e
 * @param {'message' | 'name' | 'code'} part
 * @returns {string | undefined}
 */
export function said(e, part) {
  try {
    if (e === null || (typeof e !== 'object' && typeof e !== 'function')) return part === 'message' && e !== undefined ? String(e) : undefined;
    const v = /** @type {Record<string, unknown>} */ (e)[part];
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
