import { type DataType, type Table, Type, type Vector } from 'apache-arrow';
import { formatDate } from '../format-value';
import { defaultNullTokens } from './csv-options';

/**
 * How {@link writeCsv} writes.
 *
 * @example
 * writeCsv(table, { delimiter: ';', lineEnding: '\r\n' });
 */
export interface WriteCsvOptions {
  /** One character; default `,`. */
  delimiter?: string;
  /** Write the column names first; default true. */
  header?: boolean;
  /** Default `\n`. */
  lineEnding?: '\n' | '\r\n';
}

const nullLike = new Set(defaultNullTokens);
// Spreadsheets run a cell that starts with one of these as a formula.
const formulaStart = /^[=+\-@\t\r]/;

function textCell(value: string, delimiter: string): string {
  const text = formulaStart.test(value) ? `'${value}` : value;
  if (nullLike.has(text) || text.includes(delimiter) || /["\n\r]/.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

function formatterOf(type: DataType, delimiter: string): (value: unknown) => string {
  switch (type.typeId) {
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
      return (v) => String(v);
    case Type.Bool:
      return (v) => (v ? 'true' : 'false');
    // A date column may hold a time of day: it is written whenever it is there.
    case Type.Date:
    case Type.Timestamp:
      return (v) => formatDate(Number(v));
    default:
      return (v) => textCell(typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)), delimiter);
  }
}

/**
 * Writes a table as CSV text in pieces of `rowsPerChunk` rows, for big tables (stream the pieces).
 *
 * @example
 * for (const piece of writeCsvChunks(table)) stream.write(piece);
 */
export function* writeCsvChunks(table: Table, options: WriteCsvOptions = {}, rowsPerChunk = 10_000): Generator<string> {
  const delimiter = options.delimiter ?? ',';
  const eol = options.lineEnding ?? '\n';
  const fields = table.schema.fields;
  const columns = fields.map((_, i) => table.getChildAt(i) as Vector);
  const formats = fields.map((field) => formatterOf(field.type, delimiter));
  if (options.header !== false) yield fields.map((f) => textCell(f.name, delimiter)).join(delimiter) + eol;
  for (let from = 0; from < table.numRows; from += rowsPerChunk) {
    let out = '';
    const to = Math.min(table.numRows, from + rowsPerChunk);
    for (let r = from; r < to; r++) {
      for (let c = 0; c < columns.length; c++) {
        if (c > 0) out += delimiter;
        const value = columns[c]?.get(r);
        if (value !== null && value !== undefined) out += (formats[c] as (v: unknown) => string)(value);
      }
      out += eol;
    }
    yield out;
  }
}

/**
 * Writes a table as RFC 4180 CSV: fields with the delimiter, quotes or line breaks are quoted,
 * nulls are empty, an empty string or a text equal to a null token (`NA`, `null`, …) is quoted so it
 * reads back as text, dates are ISO (`2024-05-01`, `2024-05-01T10:00:00Z`) and numbers are written
 * so they read back to the same double. Formula-injection safe: a text cell starting with `=`, `+`,
 * `-`, `@`, tab or CR gets a leading `'`, so a spreadsheet shows it instead of running it (the `'`
 * is kept when the file is read back).
 *
 * @example
 * writeCsv(table) // 'name,age\nAda,36\n'
 */
export function writeCsv(table: Table, options: WriteCsvOptions = {}): string {
  let out = '';
  for (const piece of writeCsvChunks(table, options)) out += piece;
  return out;
}
