import type { Table, Vector } from 'apache-arrow';
import { tableFromColumns } from './table-from-columns';

/**
 * The table with each named vector in place of the column of that name (same position), or added
 * after the existing columns when there is none; the other columns are kept as they are. Give a Map
 * when new names look like numbers ("2024"), whose order an object does not keep.
 *
 * @example
 * withColumns(table, { text_tokens: utf8Vector(tokens), score: float64Vector(scores) })
 */
export function withColumns(table: Table, columns: Readonly<Record<string, Vector>> | ReadonlyMap<string, Vector>): Table {
  const pending = new Map(columns instanceof Map ? columns : Object.entries(columns));
  for (const [name, vector] of pending) {
    if (table.schema.fields.length > 0 && vector.length !== table.numRows) {
      throw new RangeError(`withColumns: column "${name}" has ${vector.length} rows, the table ${table.numRows}`);
    }
  }
  const names: string[] = [];
  const vectors: Vector[] = [];
  table.schema.fields.forEach((field, index) => {
    names.push(field.name);
    vectors.push(pending.get(field.name) ?? (table.getChildAt(index) as Vector));
    pending.delete(field.name);
  });
  for (const [name, vector] of pending) {
    names.push(name);
    vectors.push(vector);
  }
  return tableFromColumns(names, vectors);
}
