import { type ColumnSchema, tableFromColumns } from '@causeway/sdk';
import type { Table, Vector } from 'apache-arrow';

/**
 * Run time: the table with named columns put in: a name the table has is replaced in place, a new
 * name is appended. Untouched columns keep their data.
 *
 * @example
 * putColumns(table, [['total', totalVector]]);
 */
export function putColumns(table: Table, columns: readonly (readonly [string, Vector])[]): Table {
  const names = table.schema.fields.map((f) => f.name);
  const vectors = names.map((_, c) => table.getChildAt(c) as Vector);
  for (const [name, vector] of columns) {
    const at = names.indexOf(name);
    if (at >= 0) vectors[at] = vector;
    else {
      names.push(name);
      vectors.push(vector);
    }
  }
  return tableFromColumns(names, vectors);
}

/**
 * Design time: the schema with columns put in, by the rules of {@link putColumns}.
 *
 * @example
 * putSchemaColumns(schema.columns, [{ name: 'total', type: 'number', nullable: true }]);
 */
export function putSchemaColumns(columns: readonly ColumnSchema[], added: readonly ColumnSchema[]): ColumnSchema[] {
  const out = [...columns];
  for (const column of added) {
    const at = out.findIndex((c) => c.name === column.name);
    if (at >= 0) out[at] = column;
    else out.push(column);
  }
  return out;
}
