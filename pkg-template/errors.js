// @ts-check
// ImsError, the one error of the package. Its fields are the core's error table's
// (generated/errors.js): it takes exactly those from what the core reports, so a field the core
// adds reaches JS without a change here.
import { ERROR_FIELDS } from './generated/errors.js';

/** @typedef {import('./generated/errors.js').ErrorInit} ErrorInit */

/** Every failure of the package. */
export class ImsError extends Error {
  // The class's own name, whatever a minifier calls the binding.
  static name = 'ImsError';

  /** @param {Partial<ErrorInit> & Pick<ErrorInit, 'kind' | 'message'>} init */
  constructor(init) {
    super(init.message);
    /** @type {'ImsError'} */
    this.name = 'ImsError';
    /** @type {import('./index').ImsErrorKind} */
    this.kind = init.kind;
    const self = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (this));
    for (const k of ERROR_FIELDS) if (k !== 'message' && init[k] != null) self[k] = init[k];
    /** @type {boolean} */
    this.retryable = Boolean(init.retryable);
    /** @type {number} */
    this.attempts = init.attempts ?? 0;
  }

  /**
   * Whether `x` is an ImsError (also one from another copy of the package).
   * @param {unknown} x
   * @returns {x is ImsError}
   */
  static is(x) {
    return x instanceof ImsError || (x instanceof Error && x.name === 'ImsError' && typeof (/** @type {any} */ (x).kind) === 'string');
  }
}

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
 * @param {'message' | 'name'} part
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
