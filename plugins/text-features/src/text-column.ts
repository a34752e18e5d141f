import { categoryText, columnOf, readColumn, type TableSchema, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/** A text column read for a kernel: `text(i)` decodes row i, `isNull(i)` says whether it is missing. */
export interface TextColumn {
  length: number;
  text: (index: number) => string;
  isNull: (index: number) => boolean;
}

/** Reads a string or category column; other types are the user's error, naming the column. */
export function readTextColumn(table: Table, name: string): TextColumn {
  const column = readColumn(columnOf(table, name));
  if (column.kind !== 'string' && column.kind !== 'category') {
    throw new UserError('SCHEMA_INVALID', `Column "${name}" holds ${column.kind} values; this node reads text.`, {
      details: { column: name },
    });
  }
  const valid = column.valid;
  return { length: column.length, text: categoryText(column), isNull: valid ? (i) => valid[i] === 0 : () => false };
}

/** Design time: records an issue on `field` unless `name` is a text column of the schema. */
export function checkTextColumn(
  schema: TableSchema,
  name: string,
  issue: (message: string, field?: string[]) => void,
  field: string,
): boolean {
  const column = schema.columns.find((c) => c.name === name);
  if (!column) {
    issue(`The table has no column "${name}".`, [field]);
    return false;
  }
  if (column.type !== 'string' && column.type !== 'category') {
    issue(`Column "${name}" holds ${column.type} values; this node reads text.`, [field]);
    return false;
  }
  return true;
}

/** Design time: `schema` with a string column `into` added, or replacing the column of that name. */
export function withTextColumn(schema: TableSchema, into: string): TableSchema {
  const added = { name: into, type: 'string' as const, nullable: true };
  const at = schema.columns.findIndex((c) => c.name === into);
  return { columns: at < 0 ? [...schema.columns, added] : schema.columns.map((c, i) => (i === at ? added : c)) };
}
