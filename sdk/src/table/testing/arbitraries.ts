/**
 * Random tables for the kernels' property tests: nullable columns of every kind, values drawn from small
 * domains so keys repeat, split into several record batches so multi-chunk inputs are exercised.
 */
import { type DataType, Field, makeData, RecordBatch, Schema, Struct, Table } from 'apache-arrow';
import fc from 'fast-check';
import type { ColumnType } from '../../ports/table-schema';
import { tableOf } from '../../testkit/table-of';

export type Cell = number | string | boolean | null;
export interface RawTable {
  names: ColumnName[];
  columns: Cell[][];
  chunks: number[];
}

const words = ['a', 'b', 'c', 'dé', 'e', ''];
const cellArbs = {
  x: fc.option(fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constantFrom(0, 1, 2, -0)), { nil: null, freq: 5 }),
  i: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null, freq: 5 }),
  s: fc.option(fc.constantFrom(...words), { nil: null, freq: 5 }),
  c: fc.option(fc.constantFrom(...words), { nil: null, freq: 5 }),
  b: fc.option(fc.boolean(), { nil: null, freq: 5 }),
  d: fc.option(
    fc.integer({ min: 0, max: 5 }).map((k) => Date.UTC(2024, 0, 1 + k)),
    { nil: null, freq: 5 },
  ),
} as const;

/** The generated columns: a float, an int32, a string, a category, a boolean and a date. */
export type ColumnName = keyof typeof cellArbs;

/** The column type each generated column is built as (by the testkit's `tableOf`). */
const columnTypes: Record<ColumnName, ColumnType> = {
  x: 'number',
  i: 'integer',
  s: 'string',
  c: 'category',
  b: 'boolean',
  d: 'date',
};

/** The Arrow type a generated column is built with. */
export const typeOf = (name: ColumnName): DataType =>
  tableOf({ [name]: [] }, { [name]: columnTypes[name] }).schema.fields[0]?.type as DataType;

/** A random raw table with the given columns (default all kinds) and 0..maxRows rows. */
export function rawTableArb(names: readonly ColumnName[] = ['x', 'i', 's', 'c', 'b', 'd'], maxRows = 40): fc.Arbitrary<RawTable> {
  return fc
    .integer({ min: 0, max: maxRows })
    .chain((n) =>
      fc.record({
        columns: fc.tuple(...names.map((name) => fc.array(cellArbs[name] as fc.Arbitrary<Cell>, { minLength: n, maxLength: n }))),
        cut: fc.integer({ min: 0, max: n }),
        split: fc.boolean(),
      }),
    )
    .map(({ columns, cut, split }) => {
      const n = columns[0]?.length ?? 0;
      return {
        names: [...names],
        columns: columns as Cell[][],
        chunks: split && cut > 0 && cut < n ? [cut, n - cut] : [n],
      };
    });
}

/** Builds the Arrow table of a raw table, one record batch per chunk, each built by the testkit's `tableOf`. */
export function toArrow(raw: RawTable): Table {
  const types = Object.fromEntries(raw.names.map((name) => [name, columnTypes[name]]));
  const fields = raw.names.map((name) => new Field(name, typeOf(name), true));
  const schema = new Schema(fields);
  const batches: RecordBatch[] = [];
  let start = 0;
  for (const size of raw.chunks) {
    const chunk = tableOf(Object.fromEntries(raw.names.map((name, k) => [name, (raw.columns[k] ?? []).slice(start, start + size)])), types);
    const children = chunk.batches[0]?.data.children ?? [];
    batches.push(new RecordBatch(schema, makeData({ type: new Struct(fields), length: size, nullCount: 0, children })));
    start += size;
  }
  return new Table(schema, batches);
}

/** Reads a table back to plain cells with Arrow's getters (dates as epoch ms, booleans as booleans). */
export function fromArrow(table: Table): Cell[][] {
  return table.schema.fields.map((_, k) => {
    const vector = table.getChildAt(k);
    const out: Cell[] = [];
    for (let i = 0; i < table.numRows; i++) {
      const v = vector?.get(i) as unknown;
      out.push(v === undefined || v === null ? null : v instanceof Date ? v.getTime() : typeof v === 'bigint' ? Number(v) : (v as Cell));
    }
    return out;
  });
}

/** The rows of a raw table, row-major. */
export function rowsOf(columns: Cell[][]): Cell[][] {
  const n = columns[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => columns.map((c) => c[i] ?? null));
}
