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

function isTyped(text: string): boolean {
  const b = encoder.encode(text);
  return (
    !Number.isNaN(parseNumber(b, 0, b.length)) || !Number.isNaN(parseBoolean(b, 0, b.length)) || !Number.isNaN(parseDate(b, 0, b.length))
  );
}

/**
 * A first row is a header when none of its cells is a number, boolean or date and either some
 * column below it holds such values or its cells are distinct and non-empty.
 */
function looksLikeHeader(records: string[][]): boolean {
  const [first, ...rest] = records;
  if (first === undefined) return false;
  if (first.some((cell) => cell.trim() === '' || isTyped(cell))) return false;
  if (rest.length === 0) return true;
  for (let c = 0; c < first.length; c++) {
    const values = rest.map((r) => r[c] ?? '').filter((v) => v.trim() !== '');
    if (values.length > 0 && values.every(isTyped)) return true;
  }
  return new Set(first).size === first.length;
}

/** Detection on already-decoded UTF-8 bytes from `start`; delimiter as a byte. */
export function detectDialectBytes(bytes: Uint8Array, start: number, delimiter?: number): { delimiter: number; header: boolean } {
  let best = delimiter ?? 44;
  if (delimiter === undefined) {
    let bestScore = { consistent: 0, fields: 1 };
    for (const candidate of candidates) {
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
