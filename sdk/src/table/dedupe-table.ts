import type { Table } from 'apache-arrow';
import { columnOf, readColumn } from './columns';
import { encodeKeys } from './encode-keys';
import { takeRows } from './take-rows';

/**
 * Keeps the first row of each distinct combination of `columns` (all columns when omitted); nulls equal
 * each other, as in SQL DISTINCT.
 *
 * @example
 * dedupeTable(customers, ['email'])
 */
export function dedupeTable(table: Table, columns?: readonly string[]): Table {
  const names = columns ?? table.schema.fields.map((f) => f.name);
  const { codes } = encodeKeys(
    names.map((name) => readColumn(columnOf(table, name))),
    'group',
    table.numRows,
  );
  const keep: number[] = [];
  let next = 0;
  // group ids are handed out in row order, so a row is a group's first exactly when it carries the next id
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] === next) {
      keep.push(i);
      next++;
    }
  }
  return takeRows(table, Int32Array.from(keep));
}
