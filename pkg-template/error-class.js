// @ts-check
// ImsError, the one error of the package. Its fields are the core's error table's
// (generated/errors.js): it takes exactly those from what the core reports, so a field the core
// adds reaches JS without a change here. The Node entry and the bin import this class from the
// main entry (scripts/build-pkg.mjs), so `instanceof ImsError` holds for their errors too.
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

