// @ts-check
// Generated from the error field table (src/error.rs) by src/codegen/mod.rs. Do not edit.

/** The fields of an ImsError, as the core writes them. */
export const ERROR_FIELDS = /** @type {const} */ (["kind", "message", "status", "code", "requestId", "retryable", "attempts", "key", "encodedAuthorizationMessage"]);

/**
 * An error as the core reports it.
 * @typedef {{ kind: import('../index').ImsErrorKind, message: string, status?: number, code?: string, requestId?: string, retryable: boolean, attempts: number, key?: string, encodedAuthorizationMessage?: string }} ErrorInit
 */
