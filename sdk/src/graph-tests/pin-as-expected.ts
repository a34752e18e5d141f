import type { Table, Vector } from 'apache-arrow';
import { tableSchemaOf } from '../ports/arrow-schema';
import type { Assertion } from './schema';

/**
 * Most rows a pinned table keeps inline; a bigger table is pinned by its row count and schema only.
 *
 * @example
 * if (table.numRows > pinnedRowLimit) showNote('Only the row count and columns are pinned.');
 */
export const pinnedRowLimit = 1000;

/**
 * The checks that pin a table output as it is now ("Pin as expected" in a table preview): its row
 * count, its schema, and, up to {@link pinnedRowLimit} rows, its values (dates as epoch ms, big
 * integers as numbers). Add it to a case's `expect`.
 *
 * @example
 * testCase.expect.push(pinAsExpected('split.test', table));
 */
export function pinAsExpected(output: string, table: Table): Assertion {
  const schema = tableSchemaOf(table).columns.map((column) => ({ name: column.name, type: column.type }));
  const assertion: Assertion = { output, rows: table.numRows, schema };
  if (table.numRows > pinnedRowLimit) return assertion;
  const vectors = table.schema.fields.map((_, i) => table.getChildAt(i) as Vector);
  const rows = Array.from({ length: table.numRows }, (_, row) => vectors.map((vector) => plain(vector.get(row))));
  return { ...assertion, values: { columns: schema.map((c) => c.name), rows } };
}

function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  return value;
}
