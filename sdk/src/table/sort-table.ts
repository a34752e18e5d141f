import type { Table } from 'apache-arrow';
import { ColumnKeyer } from './column-keyer';
import { type ColumnArrays, columnOf, readColumn } from './columns';
import { takeRows } from './take-rows';

/**
 * One key of {@link sortTable}. Nulls go last unless `nullsFirst`, whatever the direction.
 *
 * @example
 * sortTable(table, [{ column: 'amount', descending: true }, { column: 'id' }] satisfies SortKey[])
 */
export interface SortKey {
  column: string;
  descending?: boolean;
  nullsFirst?: boolean;
}

interface PreparedKey {
  values: Float64Array | Uint8Array | Int32Array;
  valid: Uint8Array | null;
  sign: number;
  nullsFirst: boolean;
}

/**
 * Sort order values of a column: numbers as they are, strings and categories by the rank of their text
 * (code-unit order, the same in every runtime; no locale).
 *
 * @example
 * const keys = sortValues(readColumn(columnOf(table, 'name'))); // text ranks, comparable as numbers
 */
export function sortValues(column: ColumnArrays): Float64Array | Uint8Array | Int32Array {
  if (column.kind === 'number' || column.kind === 'boolean') return column.values;
  const keyer = new ColumnKeyer(column);
  const ids = keyer.encode('drop');
  const texts: string[] = new Array(keyer.count);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (id >= 0 && texts[id] === undefined)
      texts[id] = column.kind === 'category' ? (column.dictionary[column.codes[i] as number] ?? '') : column.get(i);
  }
  const order = texts.map((_, id) => id).sort((a, b) => ((texts[a] as string) < (texts[b] as string) ? -1 : 1));
  const rank = new Int32Array(keyer.count);
  order.forEach((id, r) => {
    rank[id] = r;
  });
  return ids.map((id) => (id >= 0 ? (rank[id] as number) : 0));
}

/**
 * The row order of a stable multi-key sort (NaN after every number, before nulls-last).
 *
 * @example
 * sortOrder(table, [{ column: 'age', descending: true }]) // Int32Array of row indices
 */
export function sortOrder(table: Table, keys: readonly SortKey[]): Int32Array {
  const prepared: PreparedKey[] = keys.map((key) => {
    const column = readColumn(columnOf(table, key.column));
    return { values: sortValues(column), valid: column.valid, sign: key.descending ? -1 : 1, nullsFirst: key.nullsFirst ?? false };
  });
  const order = new Int32Array(table.numRows);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((i, j) => {
    for (const key of prepared) {
      const valid = key.valid;
      if (valid) {
        const vi = valid[i] as number;
        const vj = valid[j] as number;
        if (vi !== vj) return (vi === 0) === key.nullsFirst ? -1 : 1;
        if (vi === 0) continue;
      }
      const a = key.values[i] as number;
      const b = key.values[j] as number;
      if (a === b) continue;
      const aNaN = Number.isNaN(a);
      const bNaN = Number.isNaN(b);
      if (aNaN && bNaN) continue;
      return (aNaN ? 1 : bNaN ? -1 : a < b ? -1 : 1) * key.sign;
    }
    return i - j;
  });
}

/**
 * Sorts rows by one or more keys, stable (equal rows keep their order). Strings compare by code unit.
 *
 * @example
 * sortTable(people, [{ column: 'country' }, { column: 'age', descending: true }])
 */
export function sortTable(table: Table, keys: readonly SortKey[]): Table {
  return takeRows(table, sortOrder(table, keys));
}
