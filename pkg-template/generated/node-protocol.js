// @ts-check
// Generated from the protocol table (wasm/src/protocol.rs). Do not edit.
// The JSON forms of the Node module: the credential search the providers step, and the command line's plan.

/**
 * What `ims` is to do.
 * @typedef {{ command: 'list' | 'glance-list' | 'show' | 'regions' | 'request' | 'help', topic?: string, operation?: import('../index').Operation, imageId?: string, query?: Record<string, unknown>, regions?: { id: string, endpoint: string }[], client: { region?: string, endpoint?: string, projectId?: string, timeoutMs?: number, maxRetries?: number }, credentials: 'token-variable' | 'chain' | 'profile', profile?: string, output: 'table' | 'json' | 'ndjson' | 'csv', fields: string[], all: boolean, showSecrets: boolean }} Plan
 */

/**
 * An event, told to the credential search.
 * - `start`: Begin the search.
 * - `env`: The environment variables were read.
 * - `file`: The file was read, or could not be.
 * - `answer`: The metadata service answered.
 * - `failed`: The metadata service did not answer.
 * @typedef {{ ev: 'start' }
 *   | { ev: 'env', values: (string | null)[] }
 *   | { ev: 'file', text?: string, missing?: 'not-found' | 'unreadable' }
 *   | { ev: 'answer', status: number, body: string }
 *   | { ev: 'failed', message: string }} ChainEvent
 */

/**
 * An action, asked by the credential search.
 * - `read-env`: Read these environment variables. Answered by: env.
 * - `read-file`: Read this file as UTF-8 text. Answered by: file.
 * - `send`: Send this request (no redirects) and read its body. Answered by: answer, failed.
 * - `done`: Found. Answered by: nothing.
 * - `fail`: Not found. Answered by: nothing.
 * @typedef {{ do: 'read-env', names: string[] }
 *   | { do: 'read-file', path: string }
 *   | { do: 'send', method: 'PUT' | 'GET', url: string, headers: Record<string, string>, timeoutMs: number }
 *   | { do: 'done', source: 'env' | 'profile' | 'metadata', credentials: import('../index').Credentials & { projectId?: string }, expiresAtMs?: number, metadataToken?: string }
 *   | { do: 'fail', error: import('./errors.js').ErrorInit }} ChainAction
 */

export {};
