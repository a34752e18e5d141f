import { UserError } from '../../errors';
import type { Issue, Result } from '../../errors/issue';
import { defaultInputLimits } from '../../node/input-limits';
import { reportBadRows } from './bad-row-report';
import { ColumnBuilder, Kind } from './column-builder';
import { type BadRow, type CsvOptions, type ResolvedCsvOptions, resolveCsvOptions } from './csv-options';
import { findInvalidUtf8 } from './decode-input';
import { lineNumberAt } from './line-number';
import { buildTable, type CsvHead, type CsvParseOutput, firstContent, parseCsv, readHead } from './parse-csv';
import { scanRows } from './scan-rows';

/**
 * Bytes arriving in chunks of any size. A function that opens the stream lets the reader start it again.
 * Each chunk is copied before the next is asked for, so a source may read into one reused buffer.
 *
 * @example
 * const source: CsvSource = () => createReadStream('churn.csv');
 */
export type CsvSource = AsyncIterable<Uint8Array> | (() => AsyncIterable<Uint8Array>);

/**
 * {@link CsvOptions}, plus what helps a stream.
 *
 * @example
 * const options: CsvStreamOptions = { expectedBytes: (await stat('churn.csv')).size };
 */
export interface CsvStreamOptions extends CsvOptions {
  /** The input's size in bytes when known (a file's): columns are then allocated once. */
  expectedBytes?: number;
  /** Rows are scanned once at least this many bytes are buffered (default 1 MiB): fewer, longer scans. */
  windowBytes?: number;
  /**
   * The longest line (one record) read, in bytes (default 64 MiB): a longer one fails with
   * `INPUT_LIMIT` as soon as this much of it is buffered, so memory stays bounded.
   */
  maxLineBytes?: number;
}

const headBytes = 65536;

/** Stops the pass with issues to return (a stream error, invalid UTF-8, a bad row under 'fail'). */
class Stop {
  constructor(readonly issues: Issue[]) {}
}

function lineTooLong(line: number, maxLineBytes: number): Stop {
  return new Stop([
    {
      code: 'INPUT_LIMIT',
      path: ['line', line],
      message: `Line ${line} is longer than the limit of ${maxLineBytes} bytes (input limit csvLineBytes); it was refused before it was read whole.`,
    },
  ]);
}

/** An error of the source itself that is the user's to see as it is (a missing file, a cancelled read). */
class SourceError {
  constructor(readonly cause: unknown) {}
}

function passesThrough(error: unknown): boolean {
  return error instanceof UserError || (error instanceof Error && error.name === 'AbortError');
}

/** The unread tail of the input: `bytes[0, length)`, of which `[0, valid)` is checked UTF-8. */
class Window {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  valid = 0;
  ended = false;
  /** The line `bytes[0]` is on. */
  line = 1;
  readonly #chunks: AsyncIterator<Uint8Array>;
  #checkFrom = -1;

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.#chunks = chunks[Symbol.asyncIterator]();
  }

  /** Reads one more chunk; false at the end of the input. */
  async pull(): Promise<boolean> {
    if (this.ended) return false;
    let next: IteratorResult<Uint8Array>;
    try {
      next = await this.#chunks.next();
    } catch (error) {
      if (passesThrough(error)) throw new SourceError(error);
      throw new Stop([
        { code: 'INPUT_INVALID', path: [], message: `The CSV stream failed: ${error instanceof Error ? error.message : String(error)}` },
      ]);
    }
    if (next.done) {
      this.ended = true;
      this.#check();
      return false;
    }
    const chunk = next.value;
    if (this.length + chunk.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.length + chunk.length, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
    this.#check();
    return true;
  }

  /** Ends the stream early (a file reader closes its handle); a finished stream ignores it. */
  async close(): Promise<void> {
    await this.#chunks.return?.();
  }

  /** Reads until at least `bytes` are buffered or the input ends. */
  async fill(bytes: number): Promise<void> {
    while (this.length < bytes && (await this.pull()));
  }

  /** Checks UTF-8 from `from` on as bytes arrive (once the byte-order mark is known). */
  checkUtf8(from: number): void {
    this.#checkFrom = from;
    this.valid = from;
    this.#check();
  }

  #check(): void {
    if (this.#checkFrom < 0) return;
    const view = this.bytes.subarray(0, this.length);
    const at = findInvalidUtf8(view, this.valid);
    if (at < 0) {
      this.valid = this.length;
      return;
    }
    // A character cut by the chunk's end is checked whole with the next chunk.
    if (!this.ended && at > this.length - 4) {
      this.valid = at;
      return;
    }
    const line = this.line + lineNumberAt(view, at) - 1;
    throw new Stop([
      {
        code: 'INPUT_INVALID',
        path: ['line', line],
        message: `Line ${line} is not valid UTF-8 (byte ${at}); save the file as UTF-8 or UTF-16 with a byte-order mark.`,
      },
    ]);
  }

  /** Forgets the bytes before `offset`, which is on `line`. */
  drop(offset: number, line: number): void {
    this.bytes.copyWithin(0, offset, this.length);
    this.length -= offset;
    this.valid -= offset;
    this.line = line;
  }

  /** Reads to the end, only checking UTF-8 (and counting lines for its message). */
  async drain(): Promise<void> {
    do {
      let line = this.line;
      for (let at = this.bytes.indexOf(10); at >= 0 && at < this.valid; at = this.bytes.indexOf(10, at + 1)) line++;
      this.drop(this.valid, line);
    } while (await this.pull());
  }
}

interface Pass {
  head: CsvHead;
  columns: ColumnBuilder[];
  rows: number;
  badRows: BadRow[];
  badRowCount: number;
  /** The first line of every bad row, and whether one of them set or changed a column's type. */
  badLines: number[];
  tainted: boolean;
}

/** Rows expected: the line length of the first 64 KiB against the input's size when known. */
function capacityOf(window: Window, dataStart: number, expectedBytes: number | undefined): number {
  if (expectedBytes === undefined) return 1 << 16;
  const sampleEnd = Math.min(window.length, dataStart + headBytes);
  let lines = 0;
  for (let at = window.bytes.indexOf(10, dataStart); at >= 0 && at < sampleEnd; at = window.bytes.indexOf(10, at + 1)) lines++;
  if (lines === 0) return 16;
  return Math.ceil(((expectedBytes - dataStart) / (sampleEnd - dataStart)) * lines * 1.02) + 16;
}

/**
 * One pass over the stream. Returns 'whole' for inputs only a whole-buffer parse reads (UTF-16, or
 * old Mac line ends), which the caller then gathers.
 */
async function streamPass(
  chunks: AsyncIterable<Uint8Array>,
  options: ResolvedCsvOptions,
  stream: CsvStreamOptions,
  asText: readonly boolean[] | null,
  skipLines?: readonly number[],
): Promise<Pass | 'whole'> {
  return withWindow(chunks, (window) => scanPass(window, options, stream, asText, skipLines));
}

/** Runs `read` on a window over `chunks`, and ends the stream however `read` ends: a pass that stops early must not keep a file open. */
async function withWindow<T>(chunks: AsyncIterable<Uint8Array>, read: (window: Window) => Promise<T>): Promise<T> {
  const window = new Window(chunks);
  try {
    return await read(window);
  } finally {
    await window.close();
  }
}

async function scanPass(
  window: Window,
  options: ResolvedCsvOptions,
  stream: CsvStreamOptions,
  asText: readonly boolean[] | null,
  skipLines?: readonly number[],
): Promise<Pass | 'whole'> {
  const windowBytes = Math.max(1, stream.windowBytes ?? 1 << 20);
  const maxLineBytes = Math.max(1, stream.maxLineBytes ?? defaultInputLimits.csvLineBytes);
  await window.fill(4);
  const b = window.bytes;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return 'whole';
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  window.checkUtf8(start);
  let first = firstContent(window.bytes.subarray(0, window.valid), start);
  while (first >= window.valid && (await window.pull())) first = firstContent(window.bytes.subarray(0, window.valid), start);
  // The dialect is detected on the same 64 KiB, and told the same "more follows", as a whole-buffer parse.
  await window.fill(first + headBytes + 1);
  const sample = window.bytes.subarray(start, Math.min(window.valid, start + headBytes));
  if (sample.indexOf(13) >= 0 && sample.indexOf(10) < 0) return 'whole';
  let head = readHead(window.bytes.subarray(0, window.valid), first, options);
  // A first record longer than the sample (quoted line breaks) is read once it is whole.
  while (head.ok && head.value.firstRecordEnd >= window.valid && !window.ended) {
    if (window.length - first > maxLineBytes) throw lineTooLong(lineNumberAt(window.bytes.subarray(0, first), first), maxLineBytes);
    await window.pull();
    head = readHead(window.bytes.subarray(0, window.valid), first, options);
  }
  if (!head.ok) throw new Stop(head.issues);
  const { names, delimiter, dataStart } = head.value;
  const capacity = capacityOf(window, dataStart, stream.expectedBytes);
  const columns = names.map(
    (name, i) => new ColumnBuilder(asText?.[i] ? 'text' : options.types[name], capacity, options.categoryMaxDistinct, options.locale),
  );
  const line = lineNumberAt(window.bytes.subarray(0, dataStart), dataStart);
  window.drop(dataStart, line);
  const badRows: BadRow[] = [];
  let badRowCount = 0;
  const badLines: number[] = [];
  let tainted = false;
  const skip = skipLines && { lines: skipLines, next: 0 };
  let rows = 0;
  for (;;) {
    while (!window.ended && window.valid < windowBytes) await window.pull();
    const final = window.ended && window.valid === window.length;
    const view = window.bytes.subarray(0, window.valid);
    const scan = scanRows(view, 0, delimiter, columns, options, { final, rows, line: window.line }, skip);
    rows = scan.rows;
    badRowCount += scan.badRowCount;
    badLines.push(...scan.badLines);
    tainted ||= scan.tainted;
    if (scan.badRows.length > 0 && badRows.length < Math.max(1, options.maxBadRows)) {
      badRows.push(...reportBadRows(view, scan.badRows, names, options.types, options.maxFieldBytes, 'scanned'));
    }
    const firstBad = badRows[0];
    if (options.onBadRow === 'fail' && firstBad !== undefined) {
      // A whole-buffer parse reports invalid UTF-8 anywhere first: read on to find it, if any.
      await window.drain();
      throw new Stop([{ code: 'INPUT_INVALID', path: ['line', firstBad.line], message: firstBad.message }]);
    }
    if (final) break;
    window.drop(scan.consumed, scan.line);
    // A row longer than the window: read on until the window has doubled, so long rows cost linear time.
    if (scan.consumed === 0) {
      if (window.length > maxLineBytes) throw lineTooLong(window.line, maxLineBytes);
      await window.fill(Math.min(window.length * 2, maxLineBytes + 1));
    }
  }
  return { head: head.value, columns, rows, badRows: badRows.slice(0, options.maxBadRows), badRowCount, badLines, tainted };
}

async function gather(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  return withWindow(chunks, async (window) => {
    while (await window.pull());
    return window.bytes.subarray(0, window.length);
  });
}

/**
 * Reads a CSV arriving in chunks (a file stream, a fetch body) with the same result as
 * {@link parseCsv} on the whole input, for every way of cutting it into chunks: quoted fields, line
 * breaks and multi-byte characters may span chunks, and bad rows keep their line numbers. Given a
 * function that opens the stream, memory stays at about one window (≥ 1 MiB, or the longest row)
 * plus the columns; the stream is opened again only when a column turns out to be text after
 * numbers, booleans or dates were stored, or a skipped bad row set a column's type. A plain iterable, and UTF-16, another declared encoding or lone-CR input, are read whole.
 *
 * @example
 * const r = await parseCsvStream(() => files.stream('sales.csv'), { onBadRow: 'skip' });
 */
export async function parseCsvStream(source: CsvSource, options: CsvStreamOptions = {}): Promise<Result<CsvParseOutput>> {
  try {
    // A declared encoding other than UTF-8 is transcoded whole, as UTF-16 with a byte-order mark is.
    const transcoded = options.encoding !== undefined && options.encoding !== 'utf-8';
    if (typeof source !== 'function' || transcoded)
      return parseCsv(await gather(typeof source === 'function' ? source() : source), options);
    const resolved = resolveCsvOptions(options);
    if (!resolved.ok) return resolved;
    const first = await streamPass(source(), resolved.value, options, null);
    if (first === 'whole') return parseCsv(await gather(source()), options);
    let pass = first;
    // A dropped row never decides a type: as parseCsv, read again passing over the bad rows.
    const skip = first.tainted && resolved.value.onBadRow === 'skip' ? first.badLines : undefined;
    if (skip !== undefined) {
      const again = await streamPass(source(), resolved.value, options, null, skip);
      if (again === 'whole') return parseCsv(await gather(source()), options);
      pass = again;
    }
    if (pass.columns.some((c) => c.kind === Kind.retry)) {
      const retry = pass.columns.map((c) => c.kind === Kind.retry);
      const again = await streamPass(source(), resolved.value, options, retry, skip);
      if (again === 'whole') return parseCsv(await gather(source()), options);
      pass = again;
    }
    const { head, columns, rows } = pass;
    const { badRows, badRowCount } = first;
    return {
      ok: true,
      value: {
        table: buildTable(head.names, columns, rows, resolved.value),
        badRows,
        badRowCount,
        dialect: { delimiter: String.fromCharCode(head.delimiter), header: head.header },
        notes: head.notes,
      },
    };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, issues: error.issues };
    if (error instanceof SourceError) throw error.cause;
    return {
      ok: false,
      issues: [
        { code: 'INTERNAL', path: [], message: `The CSV could not be read: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }
}
