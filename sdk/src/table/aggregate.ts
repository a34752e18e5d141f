import type { Vector } from 'apache-arrow';
import { UserError } from '../errors';
import { float64Vector, int32Vector } from './build-vector';
import { ColumnKeyer } from './column-keyer';
import type { ColumnArrays } from './columns';
import { PairKeyer } from './encode-keys';
import { takeVector } from './take-vector';

/**
 * The aggregate functions of group-by and pivot.
 *
 * @example
 * const op: AggregateOp = 'median';
 */
export type AggregateOp = 'count' | 'sum' | 'mean' | 'min' | 'max' | 'median' | 'std' | 'distinct_count';

/**
 * One aggregate per group: `codes[i]` is row i's group (0 … groups-1, -1 = row not counted). Nulls are
 * skipped; an empty group gives null (count and distinct_count give 0); std is the sample std (n - 1).
 * min/max keep the column's type; count/distinct_count are Int32, the others Float64.
 *
 * @example
 * aggregate('sum', readColumn(v), v, codes, groups)
 */
export function aggregate(
  op: AggregateOp,
  column: ColumnArrays | null,
  vector: Vector | null,
  codes: Int32Array,
  groups: number,
  memo: AggregateMemo = new AggregateMemo(),
): Vector {
  const n = codes.length;
  if (op === 'count' && !column) {
    if (memo.sizes) return int32Vector(Int32Array.from(memo.sizes));
    const counts = new Int32Array(groups);
    for (let i = 0; i < n; i++) {
      const g = codes[i] as number;
      if (g >= 0) counts[g] = (counts[g] as number) + 1;
    }
    return int32Vector(counts);
  }
  if (!column || !vector) throw new UserError('CONFIG_INVALID', `The aggregate "${op}" needs a column.`);
  const valid = column.valid;
  if (op === 'count') {
    const counts = new Int32Array(groups);
    for (let i = 0; i < n; i++) {
      const g = codes[i] as number;
      if (g >= 0 && (!valid || valid[i])) counts[g] = (counts[g] as number) + 1;
    }
    return int32Vector(counts);
  }
  if (op === 'distinct_count') return distinctCount(column, codes, groups);
  if (op === 'min' || op === 'max') return takeVector(vector, extremeRows(op, column, codes, groups));
  if (column.kind !== 'number' && column.kind !== 'boolean') {
    throw new UserError('SCHEMA_INVALID', `The aggregate "${op}" needs a number column, not a ${column.kind} column.`);
  }
  const values = column.values;
  let moments = memo.moments.get(column);
  if (!moments) {
    moments = sumsAndCounts(values, valid, codes, groups);
    memo.moments.set(column, moments);
    // a column without nulls counts every row: its counts are the group sizes
    if (!valid) memo.sizes = moments.counts;
  }
  const { sums, counts } = moments;
  const out = new Float64Array(groups);
  const present = new Uint8Array(groups);
  if (op === 'median') return median(values, valid, codes, counts, groups);
  for (let g = 0; g < groups; g++) {
    const c = counts[g] as number;
    present[g] = (op === 'std' ? c > 1 : c > 0) ? 1 : 0;
    out[g] = op === 'sum' ? (sums[g] as number) : (sums[g] as number) / c;
  }
  if (op === 'std') {
    const squares = new Float64Array(groups);
    for (let i = 0; i < n; i++) {
      const g = codes[i] as number;
      if (g < 0 || (valid && !valid[i])) continue;
      const d = (values[i] as number) - (out[g] as number);
      squares[g] = (squares[g] as number) + d * d;
    }
    for (let g = 0; g < groups; g++) out[g] = Math.sqrt((squares[g] as number) / ((counts[g] as number) - 1));
  }
  return float64Vector(out, present);
}

/**
 * What aggregates over one grouping share: per-column sums and counts, and the group sizes once known.
 *
 * @example
 * const memo = new AggregateMemo();
 * aggregate('sum', x, xv, codes, groups, memo); aggregate('mean', x, xv, codes, groups, memo); // one pass over x
 */
export class AggregateMemo {
  readonly moments = new WeakMap<ColumnArrays, Moments>();
  sizes: Float64Array | null = null;
}

/**
 * Per-group sums and counts of a column's non-null values, shared by sum, mean and std.
 *
 * @example
 * const { sums, counts } = moments; const mean0 = sums[0]! / counts[0]!;
 */
export interface Moments {
  sums: Float64Array;
  counts: Float64Array;
}

function sumsAndCounts(values: Float64Array | Uint8Array, valid: Uint8Array | null, codes: Int32Array, groups: number): Moments {
  const sums = new Float64Array(groups);
  const counts = new Float64Array(groups);
  const n = codes.length;
  if (!valid) {
    for (let i = 0; i < n; i++) {
      const g = codes[i] as number;
      if (g < 0) continue;
      sums[g] = (sums[g] as number) + (values[i] as number);
      counts[g] = (counts[g] as number) + 1;
    }
    return { sums, counts };
  }
  for (let i = 0; i < n; i++) {
    const g = codes[i] as number;
    if (g < 0 || !valid[i]) continue;
    sums[g] = (sums[g] as number) + (values[i] as number);
    counts[g] = (counts[g] as number) + 1;
  }
  return { sums, counts };
}

function median(
  values: Float64Array | Uint8Array,
  valid: Uint8Array | null,
  codes: Int32Array,
  counts: Float64Array,
  groups: number,
): Vector {
  const starts = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) starts[g + 1] = (starts[g] as number) + (counts[g] as number);
  const fill = starts.slice(0, groups);
  const sorted = new Float64Array(starts[groups] as number);
  for (let i = 0; i < codes.length; i++) {
    const g = codes[i] as number;
    if (g < 0 || (valid && !valid[i])) continue;
    sorted[fill[g] as number] = values[i] as number;
    fill[g] = (fill[g] as number) + 1;
  }
  const out = new Float64Array(groups);
  const present = new Uint8Array(groups);
  for (let g = 0; g < groups; g++) {
    const from = starts[g] as number;
    const to = starts[g + 1] as number;
    if (to === from) continue;
    const part = sorted.subarray(from, to).sort();
    const mid = (to - from) >> 1;
    out[g] = (to - from) % 2 === 1 ? (part[mid] as number) : ((part[mid - 1] as number) + (part[mid] as number)) / 2;
    present[g] = 1;
  }
  return float64Vector(out, present);
}

function extremeRows(op: 'min' | 'max', column: ColumnArrays, codes: Int32Array, groups: number): Int32Array {
  const best = new Int32Array(groups).fill(-1);
  const valid = column.valid;
  const sign = op === 'min' ? 1 : -1;
  let rankOf: (i: number) => number | string;
  if (column.kind === 'number' || column.kind === 'boolean') {
    const values = column.values;
    rankOf = (i) => values[i] as number;
  } else if (column.kind === 'category') {
    const order = column.dictionary.map((s, k) => [s, k] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const ranks = new Int32Array(column.dictionary.length);
    order.forEach(([, k], r) => {
      ranks[k] = r > 0 && order[r - 1]?.[0] === order[r]?.[0] ? (ranks[order[r - 1]?.[1] as number] as number) : r;
    });
    const codesOf = column.codes;
    rankOf = (i) => ranks[codesOf[i] as number] as number;
  } else {
    rankOf = (i) => column.get(i);
  }
  const bestRank: (number | string)[] = new Array(groups);
  for (let i = 0; i < codes.length; i++) {
    const g = codes[i] as number;
    if (g < 0 || (valid && !valid[i])) continue;
    const r = rankOf(i);
    if (typeof r === 'number' && Number.isNaN(r)) continue; // NaN takes no part in min/max
    const b = best[g] as number;
    if (b < 0 || (sign > 0 ? (r as number) < (bestRank[g] as number) : (r as number) > (bestRank[g] as number))) {
      best[g] = i;
      bestRank[g] = r;
    }
  }
  return best;
}

function distinctCount(column: ColumnArrays, codes: Int32Array, groups: number): Vector {
  const keyer = new ColumnKeyer(column);
  const valueIds = keyer.encode('drop');
  const pairs = new PairKeyer(groups, keyer.count, codes.length);
  const pairIds = pairs.encode(codes, valueIds);
  const counts = new Int32Array(groups);
  let next = 0;
  for (let i = 0; i < codes.length; i++) {
    // pair ids are handed out in row order, so a pair is new exactly when its id is the next one
    if (pairIds[i] === next) {
      next++;
      const g = codes[i] as number;
      counts[g] = (counts[g] as number) + 1;
    }
  }
  return int32Vector(counts);
}
