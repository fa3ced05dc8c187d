// @ts-check
// Generated from the CSV rule (src/csv.rs) by src/codegen/cli.rs. Do not edit. tests/csv.rs runs it
// against the core's on thousands of values.

const FORMULA = /^[=+\-@\t\r]/;
const QUOTE = /[",\r\n]/;

/** @param {string} s */
const quoted = (s) => (QUOTE.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * One cell: empty for null or absent; a boolean or number as JS writes it; a list of strings joined
 * with ';'; any other list or object as JSON; text that a spreadsheet would run as a formula
 * defused with a leading `'`; quoted when it holds a quote, a comma or a line break.
 * @param {unknown} value
 */
export function csvCell(value) {
  if (value === undefined || value === null) return '';
  let text;
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) text = value.join(';');
  else if (typeof value === 'object') return quoted(JSON.stringify(value));
  else return quoted(String(value));
  return quoted(FORMULA.test(text) ? `'${text}` : text);
}

/**
 * One record: the cells, separated, ended.
 * @param {unknown[]} values
 */
export const csvRow = (values) => values.map(csvCell).join(',') + '\r\n';
