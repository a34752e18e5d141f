import type { Table, Vector } from 'apache-arrow';
import { AggregateMemo, type AggregateOp, aggregate } from './aggregate';
import { columnOf, readColumn } from './columns';
import { encodeKeys } from './encode-keys';
import { tableFromColumns } from './table-from-columns';
import { takeVector } from './take-vector';

/**
 * One aggregate of {@link groupBy}: `op` over `column` (count without a column counts rows), named `as`.
 *
 * @example
 * groupBy(sales, ['store'], [{ op: 'count', as: 'n' }, { column: 'amount', op: 'sum', as: 'total' }] satisfies AggregateSpec[])
 */
export interface AggregateSpec {
  column?: string;
  op: AggregateOp;
  as: string;
}

/**
 * Groups rows by the key columns (hash grouping; nulls form their own group, as SQL GROUP BY) and computes
 * aggregates per group (nulls skipped). Groups appear in the order of their first row; key columns keep their type.
 * Without keys, the whole table is one group.
 *
 * @example
 * groupBy(sales, ['region'], [{ op: 'count', as: 'n' }, { column: 'amount', op: 'mean', as: 'avg' }])
 */
export function groupBy(table: Table, keys: readonly string[], aggregates: readonly AggregateSpec[]): Table {
  const keyVectors = keys.map((k) => columnOf(table, k));
  const keyColumns = keyVectors.map((v) => readColumn(v));
  const only = keyColumns.length === 1 ? keyColumns[0] : undefined;
  let codes: Int32Array;
  let groups: number;
  let firstRow: Int32Array;
  let order: Int32Array | null = null;
  if (only?.kind === 'category' && !only.valid && new Set(only.dictionary).size === only.dictionary.length) {
    // A null-free category with distinct labels: its codes already are group ids (zero-copy). They are
    // not in first-seen order and some may be unused, so the groups are put in order at the end.
    codes = only.codes;
    groups = only.dictionary.length;
    firstRow = new Int32Array(groups).fill(-1);
    let seen = 0;
    for (let i = 0; i < codes.length && seen < groups; i++) {
      const c = codes[i] as number;
      if (firstRow[c] === -1) {
        firstRow[c] = i;
        seen++;
      }
    }
    order = Int32Array.from(firstRow.keys())
      .filter((c) => (firstRow[c] as number) >= 0)
      .sort((a, b) => (firstRow[a] as number) - (firstRow[b] as number));
  } else {
    const encoded = encodeKeys(keyColumns, 'group', table.numRows);
    codes = encoded.codes;
    groups = keys.length === 0 ? 1 : encoded.count;
    firstRow = new Int32Array(groups).fill(-1);
    // ids are handed out in row order, so group g starts at the row where id g first shows; stop once all are seen
    let next = 0;
    for (let i = 0; i < codes.length && next < groups; i++) if (codes[i] === next) firstRow[next++] = i;
  }
  const names: string[] = [...keys];
  const vectors: Vector[] = keyVectors.map((v) => takeVector(v, firstRow));
  const memo = new AggregateMemo();
  const read = new Map<string, { vector: Vector; column: ReturnType<typeof readColumn> }>();
  for (const spec of aggregates) {
    let input = spec.column === undefined ? undefined : read.get(spec.column);
    if (spec.column !== undefined && !input) {
      const vector = columnOf(table, spec.column);
      input = { vector, column: readColumn(vector) };
      read.set(spec.column, input);
    }
    names.push(spec.as);
    vectors.push(aggregate(spec.op, input?.column ?? null, input?.vector ?? null, codes, groups, memo));
  }
  return tableFromColumns(names, order ? vectors.map((v) => takeVector(v, order)) : vectors);
}
