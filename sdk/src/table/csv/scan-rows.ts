import { type ColumnBuilder, Kind } from './column-builder';
import type { BadRowReason, ResolvedCsvOptions } from './csv-options';

/** A rejected row as the scan sees it: where it starts and what went wrong (lines are counted later). */
export interface RawBadRow {
  offset: number;
  /** The 1-based line the row starts on, counted by the scan (from `ScanWindow.line`). */
  line: number;
  reason: BadRowReason;
  fields: number;
  column: number;
  valueStart: number;
  valueEnd: number;
}

/** What one pass over the rows produced. */
export interface ScanOutcome {
  /** Rows in the columns after the pass (including `ScanWindow.rows`). */
  rows: number;
  badRows: RawBadRow[];
  badRowCount: number;
  /** Where the next window must start: the first row not read (the end of the bytes for a final window). */
  consumed: number;
  /** The line `consumed` is on. */
  line: number;
  /** The first line of every row dropped as bad (all of them, not only the listed ones). */
  badLines: number[];
  /** Whether a dropped row set or changed a column's type: a pass skipping `badLines` must redo the columns. */
  tainted: boolean;
}

/** Rows to pass over unread, by first line, ascending: the bad rows of an earlier pass. `next` moves on. */
export interface SkipRows {
  lines: readonly number[];
  next: number;
}

/**
 * Where a pass starts when the bytes come in windows (a stream). A window that is not `final` may end
 * inside a row: that row is left unread (nothing of it reaches the columns) for the next window.
 */
export interface ScanWindow {
  final: boolean;
  /** Rows already in the columns. */
  rows: number;
  /** The 1-based line of the window's start offset. */
  line: number;
}

const wholeInput: ScanWindow = { final: true, rows: 0, line: 1 };

const LF = 10;
const CR = 13;
const QUOTE = 34;
// Copied into module constants: reading an imported object in the hot loop costs a getter call under some loaders.
const INTEGER = Kind.integer;
const NUMBER = Kind.number;
const TEXT = Kind.text;
const pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Matches unquoted fields against the null tokens, rejecting most fields on their first byte. */
class NullMatcher {
  private static readonly cache = new WeakMap<Uint8Array[], NullMatcher>();

  /** One matcher per set of options, so a stream's windows share it. */
  static of(tokens: Uint8Array[]): NullMatcher {
    let matcher = NullMatcher.cache.get(tokens);
    if (matcher === undefined) {
      matcher = new NullMatcher(tokens);
      NullMatcher.cache.set(tokens, matcher);
    }
    return matcher;
  }

  readonly emptyIsNull: boolean;
  readonly firsts = new Uint8Array(256);
  readonly rest: Uint8Array[];

  constructor(tokens: Uint8Array[]) {
    this.emptyIsNull = tokens.some((t) => t.length === 0);
    this.rest = tokens.filter((t) => t.length > 0);
    for (const t of this.rest) this.firsts[t[0] as number] = 1;
  }

  matches(bytes: Uint8Array, start: number, end: number): boolean {
    if (start === end) return this.emptyIsNull;
    if (this.firsts[bytes[start] as number] === 0) return false;
    for (const t of this.rest) {
      if (t.length !== end - start) continue;
      let k = 0;
      while (k < t.length && t[k] === bytes[start + k]) k++;
      if (k === t.length) return true;
    }
    return false;
  }
}

/**
 * An unquoted field of a dictionary-encoded text column, hashed while it is scanned. Returns the
 * offset that ends the field, or -1 for the general path (a quote, a null token, a big field).
 * A line feed must follow `pos` somewhere in `bytes`: it ends the loop without a bounds test.
 */
function fastText(bytes: Uint8Array, pos: number, delimiter: number, column: ColumnBuilder, nulls: NullMatcher, maxField: number): number {
  let i = pos;
  let h = 0x811c9dc5;
  let b = bytes[i] as number;
  if (b === 34) return -1;
  while (b !== delimiter && b !== LF) {
    h = Math.imul(h ^ b, 0x01000193);
    b = bytes[++i] as number;
  }
  let end = i;
  if (end > pos && bytes[end - 1] === CR && b === LF) {
    // CRLF: the CR is not part of the value, so hash again without it.
    end--;
    h = 0x811c9dc5;
    for (let k = pos; k < end; k++) h = Math.imul(h ^ (bytes[k] as number), 0x01000193);
  }
  if (end - pos > maxField || nulls.matches(bytes, pos, end)) return -1;
  column.pushHashed(bytes, pos, end, h);
  return i;
}

/**
 * One pass over the data rows, pushing each field straight into its column's typed arrays.
 * RFC 4180 quoting; CRLF, LF or both; blank lines skipped. A bad row is rolled back, recorded,
 * and either ends the pass (`onBadRow: 'fail'`) or is skipped. Lines are counted as rows end (one
 * increment per row, plus the line breaks inside quoted fields), so a stream knows bad rows' lines.
 */
export function scanRows(
  bytes: Uint8Array,
  start: number,
  delimiter: number,
  columns: ColumnBuilder[],
  options: ResolvedCsvOptions,
  window: ScanWindow = wholeInput,
  skip?: SkipRows,
): ScanOutcome {
  const n = bytes.length;
  const partial = !window.final;
  const D = delimiter;
  const ncols = columns.length;
  const maxField = options.maxFieldBytes;
  const failFast = options.onBadRow === 'fail';
  const nulls = NullMatcher.of(options.nullTokens);
  // The decimal mark the fast path accepts; a thousands separator or the other mark sends a field to the general path.
  const DECIMAL = options.locale.decimal === D ? -1 : options.locale.decimal;
  // A null token that looks like a number would be read as one by the fast paths.
  const fastPaths = !options.nullTokens.some(
    (t) => t.length > 0 && ((t[0] as number) === 45 || (t[0] as number) === 46 || ((t[0] as number) >= 48 && (t[0] as number) <= 57)),
  );
  // Fields starting at or before the last line feed end at a line feed at the latest: the fast paths
  // scan them without bounds tests (reading past the end would also slow every later typed-array read).
  const safe = fastPaths ? bytes.lastIndexOf(LF) : -1;
  const badRows: RawBadRow[] = [];
  const badLines: number[] = [];
  let tainted = false;
  let badRowCount = 0;
  let skipLine = skip === undefined ? -1 : (skip.lines[skip.next] ?? -1);
  let rows = window.rows;
  let line = window.line;
  let pos = start;
  while (pos < n) {
    const rowStart = pos;
    const rowLine = line;
    let c = bytes[pos] as number;
    if (c === LF) {
      pos++;
      line++;
      continue;
    }
    if (c === CR && pos + 1 < n && bytes[pos + 1] === LF) {
      pos += 2;
      line++;
      continue;
    }
    let incomplete = false;
    let col = 0;
    // A row an earlier pass dropped is read to its end but stores nothing (a set reason stops every push).
    const skipped = rowLine === skipLine;
    let reason: BadRowReason | null = skipped ? 'ragged' : null;
    let badColumn = -1;
    let badStart = 0;
    let badEnd = 0;
    for (;;) {
      if (pos <= safe && col < ncols && reason === null) {
        // Fast paths: numbers parsed and text hashed while scanned, no second look at the bytes.
        const column = columns[col] as ColumnBuilder;
        const kind = column.kind;
        if (kind === INTEGER || kind === NUMBER) {
          let i = pos;
          let b = bytes[i] as number;
          const negative = b === 45;
          if (negative) b = bytes[++i] as number;
          let mantissa = 0;
          let scale = -1;
          while (b >= 48 && b <= 57) {
            mantissa = mantissa * 10 + (b - 48);
            b = bytes[++i] as number;
          }
          let digits = i - pos - (negative ? 1 : 0);
          if (b === DECIMAL) {
            const dot = i;
            b = bytes[++i] as number;
            while (b >= 48 && b <= 57) {
              mantissa = mantissa * 10 + (b - 48);
              b = bytes[++i] as number;
            }
            scale = i - dot - 1;
            digits += scale;
          }
          if (b === CR && bytes[i + 1] === LF) b = bytes[++i] as number;
          if (
            digits > 0 &&
            digits <= 15 &&
            (b === D || b === LF) &&
            (kind === NUMBER || (scale < 0 && mantissa <= 2147483647 && !(negative && mantissa === 0)))
          ) {
            const row = column.length;
            if (row >= column.capacity) column.reserve();
            if (kind === INTEGER) column.ints[row] = negative ? -mantissa : mantissa;
            else {
              const value = scale > 0 ? mantissa / (pow10[scale] as number) : mantissa;
              column.floats[row] = negative ? -value : value;
            }
            if (column.validity === null) column.length = row + 1;
            else column.commit();
            col++;
            pos = i + 1;
            if (b !== D) {
              line++;
              break;
            }
            continue;
          }
        } else if (kind === TEXT && column.text?.dictionary) {
          const end = fastText(bytes, pos, D, column, nulls, maxField);
          if (end >= 0) {
            col++;
            pos = end + 1;
            if (bytes[end] !== D) {
              line++;
              break;
            }
            continue;
          }
        }
      }
      let fs: number;
      let fe: number;
      let quoted = false;
      let escaped = false;
      if (pos < n && bytes[pos] === QUOTE) {
        quoted = true;
        fs = pos + 1;
        fe = -1;
        let from = fs;
        for (;;) {
          const q = bytes.indexOf(QUOTE, from);
          if (q < 0) break;
          if (q + 1 < n && bytes[q + 1] === QUOTE) {
            escaped = true;
            from = q + 2;
            continue;
          }
          fe = q;
          break;
        }
        if (fe < 0) {
          if (partial) {
            incomplete = true;
            break;
          }
          // Resume at the line after the opening quote, so one stray quote costs one row.
          reason = 'unterminated-quote';
          const lf = bytes.indexOf(LF, fs);
          pos = lf < 0 ? n : lf + 1;
          if (lf >= 0) line++;
          break;
        }
        for (let at = bytes.indexOf(LF, fs); at >= 0 && at < fe; at = bytes.indexOf(LF, at + 1)) line++;
        pos = fe + 1;
        c = pos < n ? (bytes[pos] as number) : -1;
        if (pos < n && c !== D && c !== LF) {
          if (c === CR && (pos + 1 >= n || bytes[pos + 1] === LF)) c = ++pos < n ? (bytes[pos] as number) : -1;
          else {
            const lf = bytes.indexOf(LF, pos);
            if (partial && lf < 0) {
              incomplete = true;
              break;
            }
            if (reason === null) reason = 'malformed-quote';
            pos = lf < 0 ? n : lf + 1;
            if (lf >= 0) line++;
            break;
          }
        }
      } else {
        fs = pos;
        while (pos < n) {
          c = bytes[pos] as number;
          if (c === D || c === LF) break;
          pos++;
        }
        fe = pos;
        if (fe > fs && bytes[fe - 1] === CR && (pos >= n || c === LF)) fe--;
      }
      if (partial && pos >= n) {
        incomplete = true;
        break;
      }
      if (reason === null) {
        if (fe - fs > maxField) reason = 'field-too-large';
        else if (col < ncols) {
          const column = columns[col] as ColumnBuilder;
          if (!quoted && nulls.matches(bytes, fs, fe)) column.pushNull();
          else if (!column.push(bytes, fs, fe, escaped)) {
            reason = 'unconvertible';
            badColumn = col;
            badStart = fs;
            badEnd = fe;
          }
        }
      }
      col++;
      if (pos >= n) break;
      pos++;
      if (c !== D) {
        line++;
        break;
      }
    }
    if (incomplete) {
      // The rest of this row is in the next window: read it again from its start then.
      for (const column of columns) column.truncate(rows);
      return { rows, badRows, badRowCount, consumed: rowStart, line: rowLine, badLines, tainted };
    }
    if (skipped && skip !== undefined) {
      skip.next++;
      skipLine = skip.lines[skip.next] ?? -1;
      continue;
    }
    if (reason === null && col !== ncols) reason = 'ragged';
    if (reason === null) {
      rows++;
      continue;
    }
    for (const column of columns) {
      if (column.kindChangedAt === rows) tainted = true;
      column.truncate(rows);
    }
    badLines.push(rowLine);
    badRowCount++;
    if (badRows.length < Math.max(1, options.maxBadRows)) {
      badRows.push({ offset: rowStart, line: rowLine, reason, fields: col, column: badColumn, valueStart: badStart, valueEnd: badEnd });
    }
    if (failFast) break;
  }
  return { rows, badRows, badRowCount, consumed: Math.min(pos, n), line, badLines, tainted };
}
