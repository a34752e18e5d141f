import type { NumberColumn } from '@causeway/sdk';
import { columnOf, readColumn, type TableSchema, UserError, z } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/** The fields every per-series node shares: the time column, the grouping, the value columns. */
export const seriesFields = {
  time: z.string().min(1).describe('The column that orders rows in time (date or number)').meta({ ui: 'column' }),
  groupBy: z
    .array(z.string().min(1))
    .max(10)
    .default([])
    .describe('One series per distinct value of these columns')
    .meta({ ui: 'columns' }),
  columns: z.array(z.string().min(1)).min(1).max(200).describe('The numeric columns to derive features from').meta({ ui: 'columns' }),
};

type Issue = (message: string, field?: Array<string | number>) => void;

/** Design time: issues for missing columns and for non-numeric value or time columns; true when all is well. */
export function checkSeriesColumns(
  schema: TableSchema,
  config: { time: string; groupBy: string[]; columns: string[] },
  issue: Issue,
): boolean {
  const types = new Map(schema.columns.map((c) => [c.name, c.type]));
  let ok = true;
  const need = (name: string, field: Array<string | number>, allowed: readonly string[] | undefined): void => {
    const type = types.get(name);
    const problem =
      type === undefined
        ? `The table has no column "${name}".`
        : allowed && !allowed.includes(type)
          ? `Column "${name}" holds ${type} values; it must be ${allowed.join(' or ')}.`
          : undefined;
    if (problem === undefined) return;
    issue(problem, field);
    ok = false;
  };
  need(config.time, ['time'], ['date', 'number', 'integer']);
  for (const [i, name] of config.groupBy.entries()) need(name, ['groupBy', i], undefined);
  for (const [i, name] of config.columns.entries()) need(name, ['columns', i], ['number', 'integer']);
  return ok;
}

/** Reads a numeric value column; another type is the user's error, naming the column. */
export function readNumbers(table: Table, name: string): NumberColumn {
  const column = readColumn(columnOf(table, name));
  if (column.kind !== 'number' || column.columnType === 'date') {
    throw new UserError('SCHEMA_INVALID', `Column "${name}" is not numeric; lags and rolling windows need numbers.`, {
      details: { column: name },
    });
  }
  return column;
}

/** Design time: `schema` with nullable number columns appended (or replacing same-named ones). */
export function withNumberColumns(
  schema: TableSchema,
  names: readonly string[],
  type: 'number' | 'integer' | 'boolean' = 'number',
): TableSchema {
  const added = new Map(names.map((name) => [name, { name, type, nullable: true }]));
  const columns = schema.columns.map((c) => {
    const replaced = added.get(c.name);
    added.delete(c.name);
    return replaced ?? c;
  });
  return { columns: [...columns, ...added.values()] };
}
