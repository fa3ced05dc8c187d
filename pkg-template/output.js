// @ts-check
// How the `ims` bin writes results: as the core's plan says (format and fields), a page at a time,
// to a sink that waits when the pipe is full. Presentation only: the CSV rule is the core's
// (generated/csv.js), the fields and the default format are the plan's.
import { csvRow } from './generated/csv.js';

/** @typedef {'table' | 'json' | 'ndjson' | 'csv'} Format */
/** @typedef {(text: string) => Promise<void> | void} Sink */

/** The widest a table column grows; longer cells are cut with `…`. */
const MAX_COLUMN = 48;

/**
 * An object with only `fields`, in their order (all of it when `fields` is empty).
 * @param {Record<string, unknown>} obj
 * @param {string[]} fields
 */
export function pick(obj, fields) {
  if (fields.length === 0) return obj;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const f of fields) if (obj[f] !== undefined) out[f] = obj[f];
  return out;
}

/** @param {unknown} v */
function tableText(v) {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.replace(/[\r\n\t]+/g, ' ');
}

/** @param {string} s @param {number} width */
const cut = (s, width) => ([...s].length <= width ? s.padEnd(width) : `${[...s].slice(0, width - 1).join('')}…`);

/**
 * A writer of many records (a list): `rows` per page, then `end`.
 * @param {Format} format
 * @param {string[]} fields the columns; empty: every field of each record (json, ndjson)
 * @param {Sink} sink
 */
export function listWriter(format, fields, sink) {
  let count = 0;
  /** @type {number[] | undefined} */
  let widths;
  return {
    /** @param {Record<string, unknown>[]} records */
    async rows(records) {
      let text = '';
      switch (format) {
        case 'ndjson':
          for (const r of records) text += `${JSON.stringify(pick(r, fields))}\n`;
          break;
        case 'json':
          for (const r of records) text += `${count++ === 0 ? '[\n' : ',\n'}${JSON.stringify(pick(r, fields))}`;
          break;
        case 'csv':
          if (count === 0) text += csvRow(fields);
          for (const r of records) text += csvRow(fields.map((f) => r[f]));
          count += records.length;
          break;
        case 'table': {
          const cells = records.map((r) => fields.map((f) => tableText(r[f])));
          // The first page sets the widths; later pages keep them, so the columns stay aligned.
          if (!widths) {
            widths = fields.map((f, i) => Math.min(MAX_COLUMN, Math.max(f.length, ...cells.map((c) => [...(c[i] ?? '')].length))));
            text += `${fields.map((f, i) => cut(f, widths?.[i] ?? f.length)).join('  ').trimEnd()}\n`;
          }
          const w = widths;
          for (const c of cells) text += `${c.map((s, i) => cut(s, w[i] ?? MAX_COLUMN)).join('  ').trimEnd()}\n`;
          count += records.length;
          break;
        }
      }
      if (text) await sink(text);
    },
    async end() {
      if (format === 'json') await sink(count === 0 ? '[]\n' : '\n]\n');
    },
  };
}

/**
 * One record (`show`): a table of field and value, a JSON document, one NDJSON line, or a CSV
 * header and record.
 * @param {Format} format
 * @param {string[]} fields
 * @param {Record<string, unknown>} record
 */
export function oneRecord(format, fields, record) {
  const picked = pick(record, fields);
  switch (format) {
    case 'json':
      return `${JSON.stringify(picked, null, 2)}\n`;
    case 'ndjson':
      return `${JSON.stringify(picked)}\n`;
    case 'csv':
      return csvRow(fields) + csvRow(fields.map((f) => record[f]));
    case 'table': {
      const keys = Object.keys(picked);
      const width = Math.max(0, ...keys.map((k) => k.length));
      return keys.map((k) => `${k.padEnd(width)}  ${tableText(picked[k])}`.trimEnd()).join('\n') + '\n';
    }
  }
}
