import { type ColumnSchema, defineNode, port, type TableSchema, unionTables } from '@causeway/sdk';
import { z } from 'zod';
import { unifyTypes } from '../shared/unify-types';

const config = z.object({}).describe('Columns are matched by name.');

/** The stacked schema; `undefined` for a column whose types cannot be combined. */
function unionSchema(schemas: readonly TableSchema[]): { columns: ColumnSchema[]; clashes: string[] } {
  const names: string[] = [];
  for (const schema of schemas) for (const c of schema.columns) if (!names.includes(c.name)) names.push(c.name);
  const columns: ColumnSchema[] = [];
  const clashes: string[] = [];
  for (const name of names) {
    const found = schemas.map((s) => s.columns.find((c) => c.name === name));
    const present = found.filter((c) => c !== undefined);
    const type = unifyTypes(present.map((c) => c.type));
    if (type === undefined) clashes.push(`"${name}" (${[...new Set(present.map((c) => c.type))].join(', ')})`);
    else columns.push({ name, type, nullable: found.some((c) => c === undefined || c.nullable) });
  }
  return { columns, clashes };
}

/** Stack tables by column name. */
export const unionRows = defineNode({
  type: 'transform.union',
  version: 1,
  category: 'transform',
  title: 'Stack tables',
  description:
    'Stack the rows of several tables (union all), matching columns by name: a column a table lacks is null for its rows; integers with numbers become numbers, text with categories becomes text.',
  inputs: { tables: port.table({ multiple: true, description: 'The tables to stack, in edge order.' }) },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, issue }) => {
    const schemas = inputs.tables;
    if (schemas.length === 0 || schemas.some((s) => s === undefined)) return {};
    const { columns, clashes } = unionSchema(schemas.filter((s) => s !== undefined));
    if (clashes.length > 0) {
      issue(`Columns mix types that cannot be stacked: ${clashes.join('; ')}.`);
      return {};
    }
    return { table: { columns } };
  },
  run: ({ inputs, ctx }) => {
    const table = unionTables(inputs.tables, { by: 'name' });
    ctx.progress(1);
    return { table };
  },
});
