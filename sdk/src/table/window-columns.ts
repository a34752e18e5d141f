import type { Table, Vector } from 'apache-arrow';
import { UserError } from '../errors';
import { float64Vector, int32Vector } from './build-vector';
import { columnOf, readColumn } from './columns';
import { encodeKeys } from './encode-keys';
import { type SortKey, sortOrder, sortValues } from './sort-table';
import { tableFromColumns } from './table-from-columns';
import { takeVector } from './take-vector';

/**
 * One window function of {@link windowColumns}, written to column `as`.
 *
 * @example
 * const op: WindowOp = { op: 'lag', column: 'amount', offset: 1, as: 'previous_amount' };
 */
export type WindowOp =
  | { op: 'row_number' | 'rank'; as: string }
  | { op: 'lag' | 'lead'; column: string; offset?: number; as: string }
  | { op: 'rolling_mean' | 'rolling_sum'; column: string; window: number; as: string };

/**
 * Options of {@link windowColumns}.
 *
 * @example
 * windowColumns(sales, { partitionBy: ['store'], orderBy: [{ column: 'day' }], ops: [{ op: 'row_number', as: 'n' }] })
 */
export interface WindowOptions {
  partitionBy?: readonly string[];
  orderBy: readonly SortKey[];
  ops: readonly WindowOp[];
}

/**
 * Adds window-function columns, computed within each partition in `orderBy` order; rows stay in table order.
 * rank is SQL RANK (ties share a rank, then a gap); lag/lead keep the column's type, null past the edge;
 * rolling_* cover the current row and the `window - 1` before it, skipping nulls (null when none).
 *
 * @example
 * windowColumns(sales, { partitionBy: ['store'], orderBy: [{ column: 'day' }], ops: [{ op: 'rolling_mean', column: 'amount', window: 7, as: 'avg7' }] })
 */
export function windowColumns(table: Table, options: WindowOptions): Table {
  const rows = table.numRows;
  const partitionBy = options.partitionBy ?? [];
  const partitions = encodeKeys(
    partitionBy.map((name) => readColumn(columnOf(table, name))),
    'group',
    rows,
  ).codes;
  const order = sortOrder(table, options.orderBy);
  // stable counting sort by partition keeps orderBy order inside each partition
  const counts = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) counts[(partitions[i] as number) + 1] = (counts[(partitions[i] as number) + 1] as number) + 1;
  for (let p = 0; p < rows; p++) counts[p + 1] = (counts[p + 1] as number) + (counts[p] as number);
  const sorted = new Int32Array(rows);
  for (const i of order) {
    const p = partitions[i] as number;
    sorted[counts[p] as number] = i;
    counts[p] = (counts[p] as number) + 1;
  }
  const orderKeys = options.orderBy.map((key) => {
    const column = readColumn(columnOf(table, key.column));
    return { values: sortValues(column), valid: column.valid };
  });
  const tiesPrevious = (i: number, j: number) =>
    orderKeys.every(({ values, valid }) => {
      if (valid && valid[i] !== valid[j]) return false;
      if (valid && !valid[i]) return true;
      return Object.is(values[i], values[j]) || values[i] === values[j];
    });
  const names = table.schema.fields.map((f) => f.name);
  const vectors: Vector[] = names.map((_, c) => table.getChildAt(c) as Vector);
  for (const spec of options.ops) {
    names.push(spec.as);
    if (spec.op === 'row_number' || spec.op === 'rank') {
      const out = new Int32Array(rows);
      let position = 0;
      let rank = 0;
      for (let k = 0; k < rows; k++) {
        const i = sorted[k] as number;
        const prev = k > 0 ? (sorted[k - 1] as number) : -1;
        const newPartition = prev < 0 || partitions[prev] !== partitions[i];
        position = newPartition ? 1 : position + 1;
        if (newPartition || spec.op === 'row_number' || !tiesPrevious(prev, i)) rank = position;
        out[i] = rank;
      }
      vectors.push(int32Vector(out));
    } else if (spec.op === 'lag' || spec.op === 'lead') {
      const shift = (spec.offset ?? 1) * (spec.op === 'lag' ? -1 : 1);
      const picks = new Int32Array(rows).fill(-1);
      for (let k = 0; k < rows; k++) {
        const other = sorted[k + shift];
        const i = sorted[k] as number;
        if (other !== undefined && partitions[other] === partitions[i]) picks[i] = other;
      }
      vectors.push(takeVector(columnOf(table, spec.column), picks));
    } else if (spec.op === 'rolling_mean' || spec.op === 'rolling_sum') {
      vectors.push(rolling(spec, table, sorted, partitions));
    }
  }
  return tableFromColumns(names, vectors);
}

function rolling(spec: Extract<WindowOp, { window: number }>, table: Table, sorted: Int32Array, partitions: Int32Array): Vector {
  const column = readColumn(columnOf(table, spec.column));
  if (column.kind !== 'number' && column.kind !== 'boolean')
    throw new UserError('SCHEMA_INVALID', `${spec.op} needs a number column, not "${spec.column}".`);
  if (!(spec.window >= 1)) throw new UserError('CONFIG_INVALID', `${spec.op} needs a window of at least 1 row.`);
  const { values, valid } = column;
  const rows = sorted.length;
  const out = new Float64Array(rows);
  const present = new Uint8Array(rows);
  let start = 0;
  for (let k = 0; k < rows; k++) {
    const i = sorted[k] as number;
    if (k > 0 && partitions[sorted[k - 1] as number] !== partitions[i]) start = k;
    let sum = 0;
    let n = 0;
    // summed afresh per row: a running sum would drift with floating-point cancellation
    for (let w = Math.max(start, k - spec.window + 1); w <= k; w++) {
      const r = sorted[w] as number;
      if (valid && !valid[r]) continue;
      sum += values[r] as number;
      n++;
    }
    if (n > 0) {
      out[i] = spec.op === 'rolling_sum' ? sum : sum / n;
      present[i] = 1;
    }
  }
  return float64Vector(out, present);
}
