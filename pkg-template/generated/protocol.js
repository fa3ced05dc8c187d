// @ts-check
// Generated from the protocol table (wasm/src/protocol.rs). Do not edit.
// The JSON forms the JS driver and the core's loop exchange; each action lists the events that answer it.

/**
 * What a page says about paging.
 * @typedef {{ count: number, lastId?: string, hasPageInfo: boolean, pageInfoMarker?: string, hasLinks: boolean, next?: string }} PageFacts
 */

/**
 * One attempt, as `onAttempt` receives it.
 * @typedef {{ operation: 'listImages' | 'glanceListImages' | 'glanceShowImage', attempt: number, method: 'GET', url: string, status?: number, requestId?: string, errorKind?: 'http' | 'network' | 'timeout' | 'aborted' | 'parse', durationMs: number, retryInMs?: number }} AttemptRecord
 */

/**
 * An event, told to the core.
 * - `start`: Begin a call.
 * - `next-page`: Begin a pager's next page.
 * - `credentials`: The credentials provider answered.
 * - `credentials-failed`: The credentials provider threw or rejected.
 * - `credentials-timeout`: The credentials provider did not answer in time.
 * - `response`: A response's status and headers arrived; its body is unread.
 * - `transport-failed`: No complete response.
 * - `slept`: The wait is over.
 * - `page-parsed`: The good body is a page.
 * - `image-parsed`: The good body is an image.
 * - `parse-failed`: The good body is not the documented JSON.
 * - `aborted`: The caller's signal fired.
 * @typedef {{ ev: 'start' }
 *   | { ev: 'next-page' }
 *   | { ev: 'credentials', value: unknown }
 *   | { ev: 'credentials-failed', threw: string }
 *   | { ev: 'credentials-timeout' }
 *   | { ev: 'response', status: number, headers: [string, string][] }
 *   | { ev: 'transport-failed', failure: 'network' | 'timeout' | 'redirect', message: string }
 *   | { ev: 'slept' }
 *   | { ev: 'page-parsed', facts: PageFacts }
 *   | { ev: 'image-parsed' }
 *   | { ev: 'parse-failed', message: string }
 *   | { ev: 'aborted', reason?: string }} Event
 */

/**
 * An action, asked by the core (with `attempt` when the step ended an attempt).
 * - `credentials`: Call the credentials provider. Answered by: credentials, credentials-failed, credentials-timeout, aborted.
 * - `send`: Send this request; report its status and headers as soon as they arrive. Answered by: response, transport-failed, aborted.
 * - `read-error-body`: Hand over the error response's body (`Job.errorBody`). Answered by: errorBody, transport-failed, aborted.
 * - `parse`: Read the whole good body and parse it. Answered by: page-parsed, image-parsed, parse-failed, transport-failed, aborted.
 * - `sleep`: Wait (abortable). Answered by: slept, aborted.
 * - `done`: The call succeeded (a pager: `next-page` begins the next page). Answered by: next-page.
 * - `fail`: The call failed; cancel any body left unread. Answered by: nothing.
 * - `end`: A pager has no more pages. Answered by: nothing.
 * @typedef {{ do: 'credentials', attempt?: AttemptRecord, timeoutMs: number }
 *   | { do: 'send', attempt?: AttemptRecord, method: string, url: string, headers: Record<string, string>, redirect: 'manual', timeoutMs: number }
 *   | { do: 'read-error-body', attempt?: AttemptRecord, maxBytes: number }
 *   | { do: 'parse', attempt?: AttemptRecord, as: 'page' | 'image' }
 *   | { do: 'sleep', attempt?: AttemptRecord, ms: number }
 *   | { do: 'done', attempt?: AttemptRecord, nextMarker?: string, images: number, attempts: number }
 *   | { do: 'fail', attempt?: AttemptRecord, error: import('./errors.js').ErrorInit }
 *   | { do: 'end', attempt?: AttemptRecord }} Action
 */

export {};
