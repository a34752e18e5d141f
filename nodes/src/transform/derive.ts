import { type ColumnSchema, defineNode, evaluateExpression, expression, port } from '@causeway/sdk';
import { z } from 'zod';
import { checkExpression } from '../shared/check-expression';
import { compileForTable } from '../shared/compile-for-table';
import { putColumns, putSchemaColumns } from '../shared/put-columns';

const derived = z.object({
  name: z.string().min(1).max(200).describe('The column to write; an existing column of that name is replaced in place.'),
  expression: expression({ placeholder: 'monthly * 12' }).describe('The value of each row, e.g. `monthly charges` * 12.'),
});

const config = z.object({
  columns: z.array(derived).min(1).max(1_000).describe('Columns computed in order: each may use the columns derived before it.'),
});

/** Add or replace columns computed by expressions. */
export const deriveColumns = defineNode({
  type: 'transform.derive',
  version: 1,
  category: 'transform',
  title: 'Derive columns',
  description: 'Add or replace columns computed by expressions, one after another.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) {
      for (const [index, column] of config.columns.entries())
        checkExpression(column.expression, undefined, ['columns', index, 'expression'], issue);
      return {};
    }
    let columns: ColumnSchema[] = [...inputs.table.columns];
    let ok = true;
    config.columns.forEach((column, index) => {
      const compiled = checkExpression(column.expression, { columns }, ['columns', index, 'expression'], issue);
      if (!compiled) ok = false;
      else columns = putSchemaColumns(columns, [{ name: column.name, type: compiled.type, nullable: compiled.nullable }]);
    });
    // After a failed expression the later columns' types are guesses, so the output stays unknown.
    return ok ? { table: { columns } } : {};
  },
  run: ({ inputs, config, ctx }) => {
    let table = inputs.table;
    config.columns.forEach((column, index) => {
      ctx.signal.throwIfAborted();
      const compiled = compileForTable(column.expression, table, ['columns', index, 'expression']);
      table = putColumns(table, [[column.name, evaluateExpression(compiled, table, { maxTextChars: ctx.limits.expressionTextChars })]]);
      ctx.progress((index + 1) / config.columns.length);
    });
    return { table };
  },
});
