import { tableFromColumns } from '@causeway/sdk';
import type { Table, Vector } from 'apache-arrow';

/** The table with each named vector in place of the column of that name, or appended when there is none. */
export function withColumns(table: Table, added: ReadonlyArray<readonly [string, Vector]>): Table {
  const replacing = new Map(added);
  const names: string[] = [];
  const vectors: Vector[] = [];
  table.schema.fields.forEach((field, index) => {
    names.push(field.name);
    vectors.push(replacing.get(field.name) ?? (table.getChildAt(index) as Vector));
    replacing.delete(field.name);
  });
  for (const [name, vector] of replacing) {
    names.push(name);
    vectors.push(vector);
  }
  return tableFromColumns(names, vectors);
}
