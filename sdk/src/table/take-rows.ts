import type { Table } from 'apache-arrow';
import { tableFromColumns } from './table-from-columns';
import { takeVector } from './take-vector';

/**
 * Gathers rows of a table by index (-1 = a row of nulls), column by column, keeping every column's type.
 *
 * @example
 * takeRows(table, new Int32Array([3, 0])) // row 3 then row 0
 */
export function takeRows(table: Table, indices: Int32Array): Table {
  const fields = table.schema.fields;
  const vectors = fields.map((_, i) => takeVector(table.getChildAt(i) as NonNullable<ReturnType<Table['getChildAt']>>, indices));
  return tableFromColumns(
    fields.map((f) => f.name),
    vectors,
    fields.map((f) => f.nullable),
  );
}
