// @ts-check
// How the demo shows an image's typed values, and the CSV and JSON it downloads. No DOM here:
// Node's tests import it too. The client has already typed every value (booleans, numbers, lists);
// this only chooses words and units for people.
import { csvRow } from './generated/csv.js';

/** Units of the numeric fields that have one: disk in GB, memory in MB, sizes in bytes. */
const UNITS = /** @type {Record<string, 'GB' | 'MB' | 'bytes'>} */ ({ minDisk: 'GB', minRam: 'MB', maxRam: 'MB', imageSize: 'bytes', size: 'bytes', virtualSize: 'bytes' });

const number = new Intl.NumberFormat('en');

/**
 * Bytes as the largest binary unit that keeps them at or above 1 (`1.5 GB`).
 * @param {number} n
 */
export function bytes(n) {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return u === 0 ? `${number.format(n)} bytes` : `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

/**
 * An ISO time as local time, with the ISO text as sent kept beside it.
 * @param {string} iso
 */
export function time(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toLocaleString()} (${iso})`;
}

/**
 * One field for people: booleans yes/no, sizes and memory with units, times local and ISO,
 * lists comma-separated, anything else (an `extra` value included) as text or JSON.
 * @param {string} key the field's JS name
 * @param {unknown} value
 */
export function formatValue(key, value) {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    const unit = UNITS[key];
    if (unit === 'bytes') return value === 0 ? '0 bytes' : `${bytes(value)} (${number.format(value)} bytes)`;
    return unit ? `${number.format(value)} ${unit}` : number.format(value);
  }
  if (typeof value === 'string') return /At$/.test(key) && value ? time(value) : value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length ? value.join(', ') : '(none)';
  return JSON.stringify(value);
}

/**
 * The fields of an image in the order the client gives them, `extra` left out (it is its own section).
 * @param {object} image
 */
export function fields(image) {
  return Object.entries(image).filter(([k]) => k !== 'extra');
}

/**
 * Images as CSV: one column per field any image has (first seen first), `extra` last; each cell by the
 * core's rule (generated/csv.js: lists joined by `;`, objects as JSON, formulas defused), as the `ims`
 * bin writes it.
 * @param {object[]} images
 */
export function toCsv(images) {
  /** @type {Set<string>} */
  const columns = new Set();
  for (const img of images) for (const k of Object.keys(img)) columns.add(k);
  const cols = [...columns].sort((a, b) => Number(a === 'extra') - Number(b === 'extra'));
  let out = csvRow(cols);
  for (const img of images) out += csvRow(cols.map((c) => /** @type {Record<string, unknown>} */ (img)[c]));
  return out;
}

/**
 * Images as JSON, one image per line inside the array: readable, and diff-friendly.
 * @param {object[]} images
 */
export function toJson(images) {
  return `[\n${images.map((img) => JSON.stringify(img)).join(',\n')}\n]\n`;
}
