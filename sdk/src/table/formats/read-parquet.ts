import type { Table, Vector } from 'apache-arrow';
import { type AsyncBuffer, type Compressors, type FileMetaData, parquetMetadata, parquetRead, snappyUncompress } from 'hyparquet';
import { UserError } from '../../errors/errors';
import type { Issue, Result } from '../../errors/issue';
import { defaultInputLimits } from '../../node/input-limits';
import { float64Vector, int32Vector } from '../build-vector';
import { tableFromColumns } from '../table-from-columns';
import { defaultValuesOptions, type ValuesOptions, valuesToVector } from './values-to-vector';

/**
 * How to read a Parquet file.
 *
 * @example
 * await readParquet(bytes, { columns: ['age', 'city'] });
 */
export interface ParquetOptions extends Partial<ValuesOptions> {
  /** Top-level columns to read, in this order (default: all). */
  columns?: readonly string[];
  signal?: AbortSignal;
  /** The most schema elements (columns, nested ones included) the footer may declare; default 10,000. */
  maxColumns?: number;
  /** The deepest schema nesting; default 64. */
  maxDepth?: number;
}

type Chunk = { rowStart: number; data: ArrayLike<unknown> };

function invalid(message: string): Result<Table> {
  const issue: Issue = { code: 'INPUT_INVALID', path: [], message };
  return { ok: false, issues: [issue] };
}

function bufferOf(bytes: Uint8Array): AsyncBuffer {
  return {
    byteLength: bytes.byteLength,
    slice: (start, end) => bytes.slice(start, end ?? bytes.byteLength).buffer,
  };
}

function hasMagic(bytes: Uint8Array): boolean {
  const n = bytes.byteLength;
  const magic = [0x50, 0x41, 0x52, 0x31]; // PAR1
  return n >= 12 && magic.every((b, i) => bytes[i] === b && bytes[n - 4 + i] === b);
}

function limitPassed(message: string): Result<Table> {
  return { ok: false, issues: [{ code: 'INPUT_LIMIT', path: [], message }] };
}

/** A schema wider or deeper than the limits, found without building its tree (whose recursion a deep one would exhaust). */
function schemaProblem(metadata: FileMetaData, maxColumns: number, maxDepth: number): string | undefined {
  const columns = metadata.schema.length - 1;
  if (columns > maxColumns)
    return `The Parquet file declares ${columns} columns (nested ones included), more than the limit of ${maxColumns} (input limit parquetColumns).`;
  // Children still expected at each open level: its length is the depth of the next element.
  const pending: number[] = [];
  for (const element of metadata.schema) {
    if (pending.length > maxDepth)
      return `The Parquet schema is nested deeper than the limit of ${maxDepth} levels (input limit parquetDepth).`;
    if (pending.length > 0) pending[pending.length - 1] = (pending.at(-1) as number) - 1;
    const children = Number(element.num_children ?? 0);
    if (children > 0) pending.push(children);
    while (pending.length > 0 && (pending.at(-1) as number) <= 0) pending.pop();
  }
  return undefined;
}

/** Rows a row group may claim per byte of its column data: run-length encoding packs many rows in a byte, not unboundedly many. */
const maxRowsPerByte = 65_536;

/** Sizes a corrupt footer could claim; checked before any page is decoded, so they cannot drive huge allocations. */
function boundsProblem(metadata: FileMetaData, fileBytes: number): string | undefined {
  const rows = Number(metadata.num_rows);
  if (!Number.isSafeInteger(rows) || rows < 0 || rows > 2 ** 31 - 1) return `it claims ${metadata.num_rows} rows`;
  const grouped = metadata.row_groups.reduce((sum, group) => sum + Number(group.num_rows), 0);
  if (grouped !== rows) return `it claims ${rows} rows but its row groups hold ${grouped}`;
  for (const [index, group] of metadata.row_groups.entries()) {
    const bytes = group.columns.reduce((sum, chunk) => sum + Number(chunk.meta_data?.total_compressed_size ?? 0), 0);
    if (Number(group.num_rows) > bytes * maxRowsPerByte)
      return `row group ${index} claims ${group.num_rows} rows in ${bytes} bytes of column data`;
  }
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta) continue;
      const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
      const size = Number(meta.total_compressed_size);
      if (start < 0 || size < 0 || start + size > fileBytes) return `column "${meta.path_in_schema.join('.')}" lies outside the file`;
      if (Number(meta.total_uncompressed_size) > size * 1024 + 2 ** 20)
        return `column "${meta.path_in_schema.join('.')}" claims an implausible size`;
    }
  }
  return undefined;
}

/**
 * Snappy's densest element (a 3-byte copy) writes 64 bytes, so no page decompresses to more than
 * ~22 times its size: a header claiming more is corrupt, and is refused before its buffer is allocated.
 */
const snappyMaxRatio = 32;

const boundedSnappy: Compressors = {
  SNAPPY: (input, outputLength) => {
    if (outputLength > input.length * snappyMaxRatio + 64)
      throw new UserError(
        'INPUT_INVALID',
        `The Parquet file is corrupt: a page claims ${outputLength} bytes from ${input.length} compressed with Snappy.`,
      );
    const output = new Uint8Array(outputLength);
    snappyUncompress(input, output);
    return output;
  },
};

/** One column's chunks (one per row group) as one vector: typed arrays stay typed, the rest is inferred. */
function vectorOf(name: string, chunks: Chunk[], rows: number, options: ValuesOptions): Vector {
  chunks.sort((a, b) => a.rowStart - b.rowStart);
  const only = chunks.length === 1 ? chunks[0] : undefined;
  if (only && only.data.length === rows) {
    if (only.data instanceof Float64Array) return float64Vector(only.data);
    if (only.data instanceof Float32Array) return float64Vector(Float64Array.from(only.data));
    if (only.data instanceof Int32Array) return int32Vector(only.data);
  }
  if (chunks.every((c) => c.data instanceof Float64Array || c.data instanceof Float32Array)) {
    const out = new Float64Array(rows);
    for (const c of chunks) out.set(c.data as Float64Array, c.rowStart);
    return float64Vector(out);
  }
  if (chunks.every((c) => c.data instanceof Int32Array)) {
    const out = new Int32Array(rows);
    for (const c of chunks) out.set(c.data as Int32Array, c.rowStart);
    return int32Vector(out);
  }
  const values = new Array<unknown>(rows).fill(null);
  for (const c of chunks) for (let i = 0; i < c.data.length && c.rowStart + i < rows; i++) values[c.rowStart + i] = c.data[i];
  return valuesToVector(values, name, options);
}

/**
 * Reads a Parquet file (pure JS through hyparquet, so it runs in browsers, workers and Node) into
 * a table, column by column. Doubles and 32-bit integers without nulls keep their typed arrays;
 * other columns (INT64, strings, dates and timestamps, nullable columns) go through
 * {@link valuesToVector}: 64-bit integers fit for Int32 become Int32, else Float64; nested values
 * become JSON text or an error (`nested: 'fail'`). A truncated or non-Parquet file is an INPUT_INVALID issue.
 *
 * @example
 * const r = await readParquet(bytes);
 * if (!r.ok) console.error(r.issues[0]?.message);
 */
export async function readParquet(bytes: Uint8Array, options: ParquetOptions = {}): Promise<Result<Table>> {
  if (!hasMagic(bytes)) return invalid('The file is not Parquet, or it is truncated (the PAR1 markers at its start and end are missing).');
  const valueOptions: ValuesOptions = {
    ...defaultValuesOptions,
    ...(options.nested === undefined ? {} : { nested: options.nested }),
    ...(options.categoryMaxDistinct === undefined ? {} : { categoryMaxDistinct: options.categoryMaxDistinct }),
    ...(options.categoryMaxRatio === undefined ? {} : { categoryMaxRatio: options.categoryMaxRatio }),
  };
  try {
    const file = bufferOf(bytes);
    const metadata = parquetMetadata(bytes);
    const rows = Number(metadata.num_rows);
    const tooBig = schemaProblem(
      metadata,
      options.maxColumns ?? defaultInputLimits.parquetColumns,
      options.maxDepth ?? defaultInputLimits.parquetDepth,
    );
    if (tooBig) return limitPassed(tooBig);
    const bad = boundsProblem(metadata, bytes.byteLength);
    if (bad) return invalid(`The Parquet file is corrupt: ${bad}.`);
    const root = metadata.schema[0];
    const topLevel: string[] = [];
    // Top-level names: children of the root, skipping the nested elements under each.
    let i = 1;
    for (let child = 0; child < (root?.num_children ?? 0); child++) {
      const element = metadata.schema[i];
      if (!element) break;
      topLevel.push(element.name);
      let pending = element.num_children ?? 0;
      i++;
      while (pending > 0) {
        pending += (metadata.schema[i]?.num_children ?? 0) - 1;
        i++;
      }
    }
    const names = options.columns ? [...options.columns] : topLevel;
    const known = new Set(topLevel);
    const missing = names.filter((n) => !known.has(n));
    if (missing.length > 0)
      return invalid(`The file has no column ${missing.map((n) => `"${n}"`).join(', ')}; it has ${topLevel.join(', ')}.`);
    const chunks = new Map<string, Chunk[]>(names.map((n) => [n, []]));
    options.signal?.throwIfAborted();
    await parquetRead({
      file,
      metadata,
      columns: names,
      compressors: boundedSnappy,
      onChunk: (chunk) => chunks.get(chunk.columnName)?.push({ rowStart: chunk.rowStart, data: chunk.columnData }),
    });
    options.signal?.throwIfAborted();
    for (const name of names) {
      const values = (chunks.get(name) ?? []).reduce((sum, chunk) => sum + chunk.data.length, 0);
      if (values !== rows)
        return invalid(`The Parquet file is corrupt: column "${name}" holds ${values} values, the footer claims ${rows} rows.`);
    }
    const vectors = names.map((name) => vectorOf(name, chunks.get(name) ?? [], rows, valueOptions));
    return { ok: true, value: tableFromColumns(names, vectors) };
  } catch (error) {
    if (error instanceof UserError) return invalid(error.message);
    if (options.signal?.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return invalid(`The Parquet file cannot be read (truncated or corrupt?): ${reason}`);
  }
}
