import { columnOf, encodeKeys, readColumn, sortOrder } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/**
 * The rows of each group in time order: `order` lists row indices group after group, each group's
 * rows ascending by `time` (ties keep table order, NaN then null times last); group g is
 * `order[starts[g]] … order[starts[g + 1] - 1]`.
 */
export interface OrderedGroups {
  order: Int32Array;
  starts: Int32Array;
}

export function orderedGroups(table: Table, time: string, groupBy: readonly string[]): OrderedGroups {
  const rows = table.numRows;
  const { codes, count } = encodeKeys(
    groupBy.map((name) => readColumn(columnOf(table, name))),
    'group',
    rows,
  );
  const starts = new Int32Array(count + 1);
  for (let i = 0; i < rows; i++) starts[(codes[i] as number) + 1] = (starts[(codes[i] as number) + 1] as number) + 1;
  for (let g = 0; g < count; g++) starts[g + 1] = (starts[g + 1] as number) + (starts[g] as number);
  const times = readColumn(columnOf(table, time));
  const order =
    (times.kind === 'number' && packedOrder(codes, count, times.values, times.valid)) || comparedOrder(table, time, codes, starts, count);
  return { order, starts };
}

/**
 * Sorts one Float64 key per row, (group, rank of time, row) packed into an exact integer, with the
 * native typed-array sort: no comparator calls. `undefined` when the key would not fit in 2^53.
 */
function packedOrder(codes: Int32Array, groups: number, times: Float64Array, valid: Uint8Array | null): Int32Array | undefined {
  const rows = codes.length;
  const present = new Float64Array(rows);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    const t = times[i] as number;
    if ((!valid || valid[i] === 1) && !Number.isNaN(t)) present[n++] = t;
  }
  const sorted = present.subarray(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i] as number;
  // Ranks 0 … distinct-1 for numbers, then NaN, then null.
  const width = distinct + 2;
  if (groups * width * rows >= Number.MAX_SAFE_INTEGER) return undefined;
  const keys = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const t = times[i] as number;
    const rank = valid && valid[i] === 0 ? distinct + 1 : Number.isNaN(t) ? distinct : rankOf(sorted, distinct, t);
    keys[i] = ((codes[i] as number) * width + rank) * rows + i;
  }
  keys.sort();
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = (keys[i] as number) % rows;
  return order;
}

function rankOf(sorted: Float64Array, length: number, value: number): number {
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The general path: a stable comparator sort by time, then a counting sort by group. */
function comparedOrder(table: Table, time: string, codes: Int32Array, starts: Int32Array, groups: number): Int32Array {
  const next = starts.slice(0, groups);
  const order = new Int32Array(codes.length);
  for (const row of sortOrder(table, [{ column: time }])) {
    const g = codes[row] as number;
    order[next[g] as number] = row;
    next[g] = (next[g] as number) + 1;
  }
  return order;
}
