// @ts-check
// The credential providers of `ims-client/node`: each one is a function the client asks before
// each request. The search itself is the core's (src/credential_chain.rs, stepped through the
// Node module's `CredentialSearch`): where to look, in which order, what the profile file and the
// metadata service's answer mean, when temporary keys want refreshing, and the error when no place
// has any. This file only reads what it is told to (variables, a file, a URL) and keeps what was
// found.
import { readFile } from 'node:fs/promises';

import { describe } from './describe.js';
import { ImsError, fromCore, said } from './errors.js';
import { instance } from './node-load.js';
import { CredentialSearch, needsRefresh, stillUsable } from './node-core.js';

void instance; // instantiated on import

/** @typedef {import('./generated/node-protocol.js').ChainAction} ChainAction */
/** @typedef {import('./generated/node-protocol.js').ChainEvent} ChainEvent */
/** @typedef {Extract<ChainAction, { do: 'done' }>} Found */
/** @typedef {'env' | 'profile' | 'metadata' | 'default'} Kind */

/**
 * Carries out one action.
 * @param {Exclude<ChainAction, { do: 'done' } | { do: 'fail' }>} a
 * @returns {Promise<ChainEvent>}
 */
async function carryOut(a) {
  switch (a.do) {
    case 'read-env':
      return { ev: 'env', values: a.names.map((n) => process.env[n] ?? null) };
    case 'read-file':
      try {
        return { ev: 'file', text: await readFile(a.path, 'utf8') };
      } catch (e) {
        return { ev: 'file', missing: /** @type {any} */ (e)?.code === 'ENOENT' ? 'not-found' : 'unreadable' };
      }
    case 'send':
      try {
        const res = await fetch(a.url, { method: a.method, headers: a.headers, redirect: 'manual', signal: AbortSignal.timeout(a.timeoutMs) });
        return { ev: 'answer', status: res.status, body: await res.text() };
      } catch (e) {
        const cause = /** @type {any} */ (e)?.cause;
        const why = said(e, 'name') === 'TimeoutError' ? `no answer within ${a.timeoutMs} ms` : (said(cause, 'code') ?? said(cause, 'message') ?? said(e, 'message') ?? 'no answer');
        return { ev: 'failed', message: why };
      }
  }
}

/**
 * One search, to its end.
 * @param {Kind} kind
 * @param {string} options the options' JSON form
 * @param {string | undefined} metadataToken kept from the search before
 * @returns {Promise<Found>}
 */
async function search(kind, options, metadataToken) {
  const s = fromCore(() => new CredentialSearch(kind, options, metadataToken));
  try {
    /** @type {ChainAction} */
    let action = JSON.parse(s.step('{"ev":"start"}'));
    for (;;) {
      if (action.do === 'done') return action;
      if (action.do === 'fail') throw new ImsError(action.error);
      action = JSON.parse(s.step(JSON.stringify(await carryOut(action))));
    }
  } finally {
    s.free();
  }
}

/**
 * A provider: it searches when first asked, keeps what it found, and searches again only when
 * temporary keys near their expiry (keeping them while they last if that search fails).
 * Concurrent requests share one search.
 * @param {Kind} kind
 * @param {unknown} options
 * @returns {() => Promise<import('./index').Credentials & { projectId?: string }>}
 */
export function provider(kind, options) {
  const json = describe(options ?? {}, 'options');
  // Checked now, so a bad option throws where it was written.
  fromCore(() => new CredentialSearch(kind, json, undefined)).free();
  /** @type {Found | undefined} */
  let found;
  /** @type {Promise<Found> | undefined} */
  let pending;
  return async function credentials() {
    const now = Date.now();
    if (found && !needsRefresh(found.expiresAtMs ?? -1, now)) return { ...found.credentials };
    pending ??= search(kind, json, found?.metadataToken).finally(() => {
      pending = undefined;
    });
    try {
      found = await pending;
    } catch (e) {
      if (found && stillUsable(found.expiresAtMs ?? -1, Date.now())) return { ...found.credentials };
      throw e;
    }
    return { ...found.credentials };
  };
}
