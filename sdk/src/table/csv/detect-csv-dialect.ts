import { parseBoolean, parseDate, parseNumber } from './parse-values';
import { readRecord } from './read-record';

/**
 * What {@link detectCsvDialect} found: the delimiter and whether the first row is a header.
 *
 * @example
 * const dialect: CsvDialect = { delimiter: ';', header: true };
 */
export interface CsvDialect {
  delimiter: string;
  header: boolean;
}

const candidates = [44, 59, 9, 124];
const sampleBytes = 65536;
const sampleRows = 100;
const encoder = new TextEncoder();

function sampleRecords(bytes: Uint8Array, start: number, delimiter: number): string[][] {
  const end = Math.min(bytes.length, start + sampleBytes);
  const records: string[][] = [];
  let pos = start;
  while (pos < end && records.length < sampleRows) {
    if (bytes[pos] === 10 || (bytes[pos] === 13 && bytes[pos + 1] === 10)) {
      pos += bytes[pos] === 10 ? 1 : 2;
      continue;
    }
    const record = readRecord(bytes, pos, delimiter, end);
    // A record cut by the end of the sample would skew the counts.
    if (!record.complete || (record.next >= end && end < bytes.length)) break;
    records.push(record.fields);
    pos = record.next;
  }
  return records;
}

/** How well a delimiter splits the sample: rows with the modal field count, and that count. */
function score(records: string[][]): { consistent: number; fields: number } {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let fields = 1;
  let consistent = 0;
  for (const [n, seen] of counts) {
    if (seen > consistent || (seen === consistent && n > fields)) {
      fields = n;
      consistent = seen;
    }
  }
  return { consistent: records.length === 0 ? 0 : consistent / records.length, fields };
}

function parses(parse: (b: Uint8Array, s: number, e: number) => number, text: string): boolean {
  const b = encoder.encode(text);
  return !Number.isNaN(parse(b, 0, b.length));
}

function isTyped(text: string): boolean {
  return parses(parseNumber, text) || parses(parseBoolean, text) || parses(parseDate, text);
}

/** Whether a first-row cell reads as a value: a number or a date, or a boolean word over a column of booleans. */
function isValue(cell: string, below: readonly string[]): boolean {
  if (parses(parseNumber, cell) || parses(parseDate, cell)) return true;
  return parses(parseBoolean, cell) && below.length > 0 && below.every((v) => parses(parseBoolean, v));
}

/**
 * A first row is a header when none of its named cells is a value and either some column below it
 * holds numbers, booleans or dates only, or its cells are distinct and non-empty (a trailing
 * delimiter's empty cells aside). Empty and repeated names do not stop a header over typed columns:
 * they are renamed as with `header: true`.
 */
function looksLikeHeader(records: string[][]): boolean {
  const [first, ...rest] = records;
  if (first === undefined) return false;
  const below = first.map((_, c) => rest.map((r) => r[c] ?? '').filter((v) => v.trim() !== ''));
  const named = first.filter((cell) => cell.trim() !== '');
  if (named.length === 0) return false;
  if (first.some((cell, c) => cell.trim() !== '' && isValue(cell, below[c] ?? []))) return false;
  if (rest.length === 0) return true;
  if (below.some((values) => values.length > 0 && values.every(isTyped))) return true;
  let end = first.length;
  while (end > 0 && (first[end - 1] ?? '').trim() === '') end--;
  const names = first.slice(0, end);
  return names.every((cell) => cell.trim() !== '') && new Set(names).size === names.length;
}

/**
 * Detection on already-decoded UTF-8 bytes from `start`; delimiter as a byte. `decimal` (a decimal
 * comma) is never a candidate: `1,5;2,5` is two fields.
 */
export function detectDialectBytes(
  bytes: Uint8Array,
  start: number,
  delimiter?: number,
  decimal = 46,
): { delimiter: number; header: boolean } {
  let best = delimiter ?? (decimal === 44 ? 59 : 44);
  if (delimiter === undefined) {
    let bestScore = { consistent: 0, fields: 1 };
    for (const candidate of candidates) {
      if (candidate === decimal) continue;
      const s = score(sampleRecords(bytes, start, candidate));
      if (s.fields < 2) continue;
      if (s.consistent > bestScore.consistent || (s.consistent === bestScore.consistent && s.fields > bestScore.fields)) {
        best = candidate;
        bestScore = s;
      }
    }
  }
  return { delimiter: best, header: looksLikeHeader(sampleRecords(bytes, start, best)) };
}

/**
 * Guesses the delimiter (comma, semicolon, tab or pipe: the one that splits the sample's rows most
 * consistently into more than one field) and whether the first row is a header.
 *
 * @example
 * detectCsvDialect('name;age\nAda;36\n') // { delimiter: ';', header: true }
 */
export function detectCsvDialect(sample: Uint8Array | string): CsvDialect {
  const bytes = typeof sample === 'string' ? encoder.encode(sample) : sample;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const found = detectDialectBytes(bytes, start);
  return { delimiter: String.fromCharCode(found.delimiter), header: found.header };
}
