import type { Vector } from 'apache-arrow';
import type { Issue, Result } from '../errors';
import type { ColumnType } from '../ports/table-schema';
import { boolVector, dateVector, dictionaryVector, float64Vector, int32Vector, utf8Vector } from './build-vector';
import { readColumn } from './columns';
import type { ResolvedTextLocale } from './locale/text-locale';
import { parseBooleanText, parseDateText, parseNumberText } from './parse-text';

/**
 * How many failing rows a cast reports before it summarises the rest.
 *
 * @example
 * issues.slice(0, maxCastIssues)
 */
export const maxCastIssues = 10;

/**
 * Converts a column to another design-time type. Strings parse strictly, with the CSV reader's grammar
 * (`parse-text`): numbers in decimal notation only (no `0x10`, `0b11`, `0o17`), booleans from
 * true/false/yes/no/1/0, dates and timestamps as ISO 8601 (UTC unless an offset is given);
 * an empty string is null. With a `locale`, numbers are read with its decimal mark and thousands separator
 * (`1.234,5`), strictly as the CSV reader does, and dates in its `dateFormat` as well as ISO 8601. Integers must be whole and within Int32. A value that does not convert is an
 * issue naming its row (1-based in the message, 0-based in the path); the cast then fails as a whole.
 *
 * @example
 * const r = castColumn(table.getChild('age')!, 'integer');
 * if (!r.ok) console.error(r.issues[0]?.message); // 'row 3: "forty" is not a number'
 */
export function castColumn(vector: Vector, type: ColumnType, locale?: ResolvedTextLocale): Result<Vector> {
  const col = readColumn(vector);
  const n = col.length;
  const valid = new Uint8Array(n);
  const issues: Issue[] = [];
  let failures = 0;
  const fail = (row: number, text: string, what: string) => {
    failures++;
    if (issues.length < maxCastIssues)
      issues.push({ code: 'INPUT_INVALID', path: [row], message: `row ${row + 1}: ${JSON.stringify(text)} is not ${what}` });
  };
  const textAt = (i: number): string =>
    col.kind === 'string' ? col.get(i) : col.kind === 'category' ? (col.dictionary[col.codes[i] as number] ?? '') : String(vector.get(i));
  const isNull = (i: number) => col.valid !== null && col.valid[i] === 0;

  if (type === 'string' || type === 'category') {
    const strings: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      if (isNull(i)) strings[i] = null;
      else if (col.kind === 'number' && col.columnType === 'date') strings[i] = new Date(col.values[i] as number).toISOString();
      else if (col.kind === 'boolean') strings[i] = col.values[i] ? 'true' : 'false';
      else if (col.kind === 'number') strings[i] = String(col.values[i]);
      else strings[i] = textAt(i);
    }
    if (type === 'string') return { ok: true, value: utf8Vector(strings) };
    const index = new Map<string, number>();
    const codes = Int32Array.from(strings, (s, i) => {
      if (s === null) return 0;
      valid[i] = 1;
      let code = index.get(s);
      if (code === undefined) {
        code = index.size;
        index.set(s, code);
      }
      return code;
    });
    return { ok: true, value: dictionaryVector(codes, [...index.keys()], valid) };
  }

  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (isNull(i)) continue;
    let v: number;
    if (col.kind === 'number' || col.kind === 'boolean') {
      v = col.values[i] as number;
    } else {
      const text = textAt(i).trim();
      if (text === '') continue;
      if (type === 'boolean') {
        v = parseBooleanText(text);
        if (Number.isNaN(v)) {
          fail(i, text, 'a boolean');
          continue;
        }
      } else if (type === 'date') {
        v = parseDateText(text, locale?.date);
        if (Number.isNaN(v)) {
          fail(i, text, locale?.date ? `a date in the form ${locale.date.source} or ISO 8601` : 'an ISO 8601 date');
          continue;
        }
      } else {
        v = parseNumberText(text, locale);
        if (Number.isNaN(v)) {
          fail(i, text, 'a number');
          continue;
        }
      }
    }
    if (type === 'integer' && !(Number.isInteger(v) && v >= -2147483648 && v <= 2147483647)) {
      fail(i, String(v), 'a whole number within ±2^31');
      continue;
    }
    if (type === 'boolean' && v !== 0 && v !== 1) {
      fail(i, String(v), 'a boolean (0 or 1)');
      continue;
    }
    values[i] = v;
    valid[i] = 1;
  }
  if (failures > 0) {
    if (failures > issues.length)
      issues.push({ code: 'INPUT_INVALID', path: [], message: `${failures - issues.length} more rows do not convert` });
    return { ok: false, issues };
  }
  if (type === 'integer') return { ok: true, value: int32Vector(Int32Array.from(values), valid) };
  if (type === 'boolean') return { ok: true, value: boolVector(Uint8Array.from(values), valid) };
  if (type === 'date') return { ok: true, value: dateVector(values, valid) };
  return { ok: true, value: float64Vector(values, valid) };
}
