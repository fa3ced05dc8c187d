// @ts-check
// Describing a JS value to the core: its JSON form (see src/input.rs). Functions and AbortSignals
// met on the way go to a callback (the core only learns that they are there). A throwing getter
// or proxy trap becomes an `invalid-argument` error naming the key it was reading. No rule about
// the values is applied here: the core checks them.
import { ImsError, invalid, said } from './errors.js';

const MAX_DEPTH = 32;
const MAX_ITEMS = 100_000;

/** @param {string} tag @param {unknown} value */
const special = (tag, value) => ({ '\u0000': [tag, value] });

/**
 * An AbortSignal, or something that acts like one all the way (a signal-like object without
 * `removeEventListener` is not one: the driver could not stop listening).
 * @param {any} v
 */
export const isSignal = (v) => typeof v.aborted === 'boolean' && typeof v.addEventListener === 'function' && typeof v.removeEventListener === 'function';

/**
 * A JS value in the core's JSON form.
 * @param {unknown} value
 * @param {string} root the name of the whole value in errors
 * @param {(path: string, v: unknown) => void} [found] told of each function and signal, by path
 * @returns {string}
 */
export function describe(value, root, found) {
  // Paths are only spelled out when an error or `found` needs one: a chain of (parent, key) links.
  /** @typedef {{ up: Path, key: string | number } | null} Path */
  /** @param {Path} p @returns {string} */
  const spell = (p) => (p === null ? '' : typeof p.key === 'number' ? `${spell(p.up)}[${p.key}]` : p.up === null ? p.key : `${spell(p.up)}.${p.key}`);
  /** @param {unknown} v @param {Path} path @param {number} depth @returns {unknown} */
  const walk = (v, path, depth) => {
    switch (typeof v) {
      case 'undefined':
        return null;
      case 'boolean':
      case 'string':
        return v;
      case 'number':
        return Number.isFinite(v) ? v : special('num', String(v));
      case 'function':
        found?.(spell(path), v);
        return special('other', 'function');
      case 'bigint':
      case 'symbol':
        return special('other', typeof v);
    }
    if (v === null) return null;
    try {
      if (v instanceof Date) {
        const t = v.getTime();
        return special('date', Number.isFinite(t) ? t : null);
      }
      if (isSignal(v)) {
        found?.(spell(path), v);
        return special('other', 'AbortSignal');
      }
      if (depth >= MAX_DEPTH) return special('other', 'too deeply nested value');
      if (Array.isArray(v)) {
        if (v.length > MAX_ITEMS) return special('other', 'too long an array');
        return Array.from(v, (item, i) => walk(item, { up: path, key: i }, depth + 1));
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== null && proto !== Object.prototype) return special('other', 'a non-plain object');
      /** @type {Record<string, unknown>} */
      const out = Object.create(null);
      for (const k of Object.keys(/** @type {object} */ (v))) {
        let item;
        try {
          item = /** @type {Record<string, unknown>} */ (v)[k];
        } catch (e) {
          throw invalid(spell({ up: path, key: k }), `reading it failed: ${said(e, 'message') ?? 'it threw'}`);
        }
        out[k] = walk(item, { up: path, key: k }, depth + 1);
      }
      return out;
    } catch (e) {
      if (ImsError.is(e)) throw e;
      throw invalid(spell(path) || root, `could not be read: ${said(e, 'message') ?? 'it threw'}`);
    }
  };
  return JSON.stringify(walk(value, null, 0));
}
