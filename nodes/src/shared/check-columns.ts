import type { ColumnSchema, ErrorCode, TableSchema } from '@causeway/sdk';
import type { ColumnRef, ConfigPath } from './column-ref';
import { unknownColumn } from './unknown-column';

/** The `issue` callback `infer` receives. */
export type IssueReporter = (message: string, field?: ConfigPath, code?: ErrorCode) => void;

/**
 * Design time: looks up the columns a config names, reporting each unknown one on its field with a
 * "did you mean" suggestion. Returns the columns found by name, and whether every one was found.
 *
 * @example
 * const { ok, columns } = checkColumns(inputs.table, columnRefs(config.columns, ['columns']), issue);
 */
export function checkColumns(
  schema: TableSchema,
  refs: readonly ColumnRef[],
  issue: IssueReporter,
): { ok: boolean; columns: Map<string, ColumnSchema> } {
  const byName = new Map(schema.columns.map((column) => [column.name, column]));
  const columns = new Map<string, ColumnSchema>();
  let ok = true;
  for (const ref of refs) {
    const column = byName.get(ref.name);
    if (column) columns.set(ref.name, column);
    else {
      ok = false;
      issue(unknownColumn(ref.name, [...byName.keys()]), ref.field);
    }
  }
  return { ok, columns };
}
