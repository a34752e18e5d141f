import { columnOf, encodeKeys, readColumn, sortOrder } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/**
 * The rows of each group in time order: `order` lists row indices group after group, each group's
 * rows ascending by `time` (ties keep table order, null times last); group g is
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
  const byTime = sortOrder(table, [{ column: time }]);
  // A stable counting sort by group keeps the time order inside each group.
  const starts = new Int32Array(count + 1);
  for (let i = 0; i < rows; i++) starts[(codes[i] as number) + 1] = (starts[(codes[i] as number) + 1] as number) + 1;
  for (let g = 0; g < count; g++) starts[g + 1] = (starts[g + 1] as number) + (starts[g] as number);
  const next = starts.slice(0, count);
  const order = new Int32Array(rows);
  for (const row of byTime) {
    const g = codes[row] as number;
    order[next[g] as number] = row;
    next[g] = (next[g] as number) + 1;
  }
  return { order, starts };
}
