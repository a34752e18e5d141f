import type { Table, Vector } from 'apache-arrow';
import { UserError } from '../errors';
import { tableFromColumns } from './table-from-columns';
import { unifyColumns } from './unify-columns';

/**
 * Options of {@link unionTables}: columns are matched by name.
 *
 * @example
 * unionTables([january, february], { by: 'name' })
 */
export interface UnionOptions {
  by: 'name';
}

/**
 * Stacks tables (SQL UNION ALL BY NAME): columns in order of first appearance, a column a table lacks is
 * null for its rows, and differing types are unified (see {@link unifyColumns}).
 *
 * @example
 * unionTables([january, february], { by: 'name' })
 */
export function unionTables(tables: readonly Table[], options: UnionOptions = { by: 'name' }): Table {
  if (options.by !== 'name') throw new UserError('CONFIG_INVALID', 'Tables can only be combined by column name.');
  const names: string[] = [];
  for (const table of tables) for (const field of table.schema.fields) if (!names.includes(field.name)) names.push(field.name);
  const vectors: Vector[] = names.map((name) =>
    unifyColumns(
      tables.map((t) => t.getChild(name) ?? t.numRows),
      name,
    ),
  );
  return tableFromColumns(names, vectors);
}
