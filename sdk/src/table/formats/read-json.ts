import type { Table } from 'apache-arrow';
import type { Result } from '../../errors/issue';
import { Columns, issue, type JsonOptions, readArray, readNdjson, tableOfColumns } from './json-records';

export type { JsonOptions } from './json-records';

/**
 * Reads JSON records into a table: an array of objects or NDJSON (one object per line), detected
 * from the first character unless `format` says. Columns appear in the order their keys are first
 * seen; a missing key is null. Types are inferred like the CSV reader's (see {@link valuesToVector});
 * nested objects and arrays become JSON text, or an error with `nested: 'fail'`. Syntax errors name
 * the line and column.
 *
 * @example
 * const r = readJson(new TextEncoder().encode('{"age":31}\n{"age":40,"city":"NL"}\n'));
 * if (r.ok) r.value.numRows; // 2
 */
export function readJson(bytes: Uint8Array, options: JsonOptions = {}): Result<Table> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, issues: [issue('The file is not valid UTF-8 text.')] };
  }
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) return { ok: false, issues: [issue('The file is empty.')] };
  const format = options.format === undefined || options.format === 'auto' ? (first === '[' ? 'array' : 'ndjson') : options.format;
  const columns = new Columns(options.maxColumns ?? 10_000);
  const problem = format === 'array' ? readArray(text, columns) : readNdjson(text, columns);
  if (problem) return { ok: false, issues: [problem] };
  return tableOfColumns(columns, options);
}
