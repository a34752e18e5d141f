import { type Data, type Field, makeData, RecordBatch, Schema, Struct, Table } from 'apache-arrow';
import type { Result } from '../../errors/issue';
import { reportBadRows } from './bad-row-report';
import { ColumnBuilder, Kind } from './column-builder';
import { columnToArrow } from './column-to-arrow';
import { type BadRow, type CsvOptions, type ResolvedCsvOptions, resolveCsvOptions } from './csv-options';
import { decodeInput } from './decode-input';
import type { CsvDialect } from './detect-csv-dialect';
import { detectDialectBytes } from './detect-csv-dialect';
import { headerNotes } from './header-notes';
import { readRecord } from './read-record';
import { scanRows } from './scan-rows';

/**
 * What {@link parseCsv} returns: the table, the rows it skipped, and the dialect it read.
 *
 * @example
 * const { table, badRows, badRowCount } = output;
 */
export interface CsvParseOutput {
  table: Table;
  /** Skipped rows (with `onBadRow: 'skip'`), at most `maxBadRows` of them. */
  badRows: BadRow[];
  /** How many rows were skipped in all. */
  badRowCount: number;
  dialect: CsvDialect;
  /** What was decided about the first row (detected header or not, renamed columns), for a run log. */
  notes: string[];
}

/** Column names from the first record: blanks become `columnN`, repeats get `_2`, `_3`… */
export function columnNames(fields: string[], header: boolean): string[] {
  const seen = new Set<string>();
  return fields.map((field, i) => {
    const base = header && field.trim() !== '' ? field : `column${i + 1}`;
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base}_${k}`;
    seen.add(name);
    return name;
  });
}

/** Rows expected, from the line length of the first 64 KiB: preallocating avoids most regrowth. */
function estimateRows(bytes: Uint8Array, start: number): number {
  const sampleEnd = Math.min(bytes.length, start + 65536);
  let lines = 0;
  for (let at = bytes.indexOf(10, start); at >= 0 && at < sampleEnd; at = bytes.indexOf(10, at + 1)) lines++;
  if (lines === 0) return 16;
  return Math.ceil(((bytes.length - start) / (sampleEnd - start)) * lines * 1.02) + 16;
}

/** The Arrow table of finished column builders. */
export function buildTable(names: string[], columns: ColumnBuilder[], rows: number, options: ResolvedCsvOptions): Table {
  const fields: Field[] = [];
  const children: Data[] = [];
  names.forEach((name, i) => {
    const { field, data } = columnToArrow(name, columns[i] as ColumnBuilder, rows, options.categoryMaxRatio);
    fields.push(field);
    children.push(data);
  });
  const schema = new Schema(fields);
  return new Table([new RecordBatch(schema, makeData({ type: new Struct(fields), length: rows, children }))]);
}

/** What the first rows tell: the dialect, the column names and where the data rows start. */
export interface CsvHead {
  delimiter: number;
  header: boolean;
  names: string[];
  dataStart: number;
  /** Where the first record ends (it gave the column count). */
  firstRecordEnd: number;
  /** {@link headerNotes} of the first record. */
  notes: string[];
}

/** The offset of the first byte that is not a line break, from `start`. */
export function firstContent(bytes: Uint8Array, start: number): number {
  let first = start;
  while (bytes[first] === 10 || bytes[first] === 13) first++;
  return first;
}

/**
 * Detects the dialect from the 64 KiB from `first` and reads the first record (the header, or the
 * first data row that gives the column count). `bytes` must reach past both, or to the end of the input.
 */
export function readHead(bytes: Uint8Array, first: number, options: ResolvedCsvOptions): Result<CsvHead> {
  if (first >= bytes.length)
    return {
      ok: false,
      issues: [{ code: 'INPUT_INVALID', path: ['line', 1], message: 'The file is empty: it has no header and no rows.' }],
    };
  const detected = detectDialectBytes(bytes, first, options.delimiter, options.locale.decimal);
  const delimiter = detected.delimiter;
  const header = options.header ?? detected.header;
  const record = readRecord(bytes, first, delimiter);
  if (record.fields.length > options.maxColumns) {
    return {
      ok: false,
      issues: [
        {
          code: 'INPUT_INVALID',
          path: ['line', 1],
          message: `The file has ${record.fields.length} columns, more than the limit of ${options.maxColumns}.`,
        },
      ],
    };
  }
  const names = columnNames(record.fields, header);
  const missing = Object.keys(options.types).filter((name) => !names.includes(name));
  if (missing.length > 0) {
    return {
      ok: false,
      issues: missing.map((name) => ({
        code: 'CONFIG_INVALID' as const,
        path: ['types', name],
        message: `The file has no column named "${name}".`,
      })),
    };
  }
  const notes = headerNotes(record.fields, names, header, options.header === undefined);
  return { ok: true, value: { delimiter, header, names, dataStart: header ? record.next : first, firstRecordEnd: record.next, notes } };
}

function parseDecoded(bytes: Uint8Array, start: number, options: ResolvedCsvOptions): Result<CsvParseOutput> {
  const head = readHead(bytes, firstContent(bytes, start), options);
  if (!head.ok) return head;
  const { delimiter, header, names, dataStart } = head.value;
  const capacity = estimateRows(bytes, dataStart);
  let columns = names.map((name) => new ColumnBuilder(options.types[name], capacity, options.categoryMaxDistinct, options.locale));
  const first = scanRows(bytes, dataStart, delimiter, columns, options);
  let scan = first;
  // A dropped row never decides a type: when one did, the columns are read again passing over the bad rows.
  const skip = first.tainted && options.onBadRow === 'skip' ? first.badLines : undefined;
  if (skip !== undefined) {
    columns = names.map((name) => new ColumnBuilder(options.types[name], capacity, options.categoryMaxDistinct, options.locale));
    scan = scanRows(bytes, dataStart, delimiter, columns, options, undefined, { lines: skip, next: 0 });
  }
  if (columns.some((c) => c.kind === Kind.retry)) {
    // A second pass reads the columns that turned out to be text as text; the rest are re-inferred alike.
    const retry = columns.map((c) => c.kind === Kind.retry);
    columns = names.map(
      (name, i) => new ColumnBuilder(retry[i] ? 'text' : options.types[name], capacity, options.categoryMaxDistinct, options.locale),
    );
    scan = scanRows(bytes, dataStart, delimiter, columns, options, undefined, skip && { lines: skip, next: 0 });
  }
  const badRows = reportBadRows(bytes, first.badRows, names, options.types, options.maxFieldBytes);
  const firstBad = badRows[0];
  if (options.onBadRow === 'fail' && firstBad !== undefined) {
    return { ok: false, issues: [{ code: 'INPUT_INVALID', path: ['line', firstBad.line], message: firstBad.message }] };
  }
  return {
    ok: true,
    value: {
      table: buildTable(names, columns, scan.rows, options),
      badRows: badRows.slice(0, options.maxBadRows),
      badRowCount: first.badRowCount,
      dialect: { delimiter: String.fromCharCode(delimiter), header },
      notes: head.value.notes,
    },
  };
}

/**
 * Reads CSV/TSV bytes into one Arrow table, column at a time from typed arrays. Detects the
 * delimiter and header, infers column types (integer → Int32, else Float64, and Int64 for integers
 * beyond ±2^53, which a double would round; boolean: true/false, yes/no, 1/0; ISO date →
 * DateMillisecond, date-time (Z, an offset or UTC) → Timestamp ms UTC; text with few distinct values → Dictionary, else
 * Utf8; a later value that does not fit widens the column: integer → number → string). Handles
 * RFC 4180 quoting, a UTF-8 BOM, UTF-16 LE/BE with a BOM (transcoded), a declared `encoding`
 * (Latin-1, Windows-1252, UTF-16 LE/BE: transcoded), CRLF, LF or both; a file of
 * lone CRs is read as lines. Decisions: invalid UTF-8 fails naming its line (no replacement
 * characters); an empty file fails; a header-only file gives a table with columns and no rows;
 * blank lines are skipped; "-0" is a number, not an integer. Bad rows (wrong field count, a value
 * that does not convert under `types`, an unclosed quote, text after a closing quote, a field over
 * `maxFieldBytes`) fail the parse with `INPUT_INVALID` at `['line', n]`, or with `onBadRow: 'skip'`
 * are dropped and listed. Never throws: an unexpected failure is an `INTERNAL` issue.
 *
 * @example
 * const r = parseCsv(new TextEncoder().encode('name,age\nAda,36\n'));
 * if (r.ok) r.value.table.getChild('age')?.get(0); // 36
 */
export function parseCsv(bytes: Uint8Array, options?: CsvOptions): Result<CsvParseOutput> {
  try {
    const resolved = resolveCsvOptions(options);
    if (!resolved.ok) return resolved;
    const decoded = decodeInput(bytes, options?.encoding);
    if (!decoded.ok) return decoded;
    return parseDecoded(decoded.value.bytes, decoded.value.start, resolved.value);
  } catch (error) {
    // Out of memory on a huge input is the expected case here; anything else is a bug.
    return {
      ok: false,
      issues: [
        { code: 'INTERNAL', path: [], message: `The CSV could not be read: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }
}
