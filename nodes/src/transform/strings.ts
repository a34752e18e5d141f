import { type ColumnSchema, type ColumnType, defineNode, evaluateExpression, port, type TableSchema } from '@causeway/sdk';
import type { Vector } from 'apache-arrow';
import { z } from 'zod';
import { checkColumns } from '../shared/check-columns';
import { checkExpression } from '../shared/check-expression';
import type { ColumnRef } from '../shared/column-ref';
import { compileForTable } from '../shared/compile-for-table';
import { columnText, stringText } from '../shared/expression-text';
import { putColumns, putSchemaColumns } from '../shared/put-columns';
import { requireColumns } from '../shared/require-columns';

const column = z.string().min(1).describe('The text column.').meta({ ui: 'column' });
const as = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('The output column (default: replace the column; for contains and length, column_contains / column_length).');
const text = (what: string) => z.string().max(1_000).describe(what);

const op = z.discriminatedUnion('fn', [
  z.object({
    fn: z.enum(['trim', 'lower', 'upper', 'length']).describe('trim spaces, lower or upper case, or the length in UTF-16 units.'),
    column,
    as,
  }),
  z.object({
    fn: z.literal('contains').describe('Whether the text contains a part (true/false).'),
    column,
    part: text('The text to look for.').min(1),
    as,
  }),
  z.object({
    fn: z.literal('replace').describe('Replace every occurrence of a text.'),
    column,
    from: text('The text to replace.').min(1),
    to: text('What to put instead.'),
    as,
  }),
  z.object({
    fn: z.literal('split').describe('Split on a separator and keep one piece.'),
    column,
    separator: text('The separator.').min(1),
    part: z
      .number()
      .int()
      .min(-1_000)
      .max(1_000)
      .refine((n) => n !== 0, 'pieces count from 1, or from -1 at the end')
      .describe('Which piece: 1 is the first, -1 the last.'),
    as,
  }),
]);

type Op = z.output<typeof op>;

const config = z.object({
  ops: z.array(op).min(1).max(1_000).describe('String functions, applied in order; each may use the outputs before it.'),
});

const resultTypes: Record<Op['fn'], ColumnType> = {
  trim: 'string',
  lower: 'string',
  upper: 'string',
  length: 'integer',
  contains: 'boolean',
  replace: 'string',
  split: 'string',
};

const outputName = (o: Op): string => o.as ?? (o.fn === 'contains' || o.fn === 'length' ? `${o.column}_${o.fn}` : o.column);

/** The op as an expression of the allow-listed language: the same evaluation as filter and derive. */
function expressionOf(o: Op): string {
  const c = columnText(o.column);
  if (o.fn === 'contains') return `contains(${c}, ${stringText(o.part)})`;
  if (o.fn === 'replace') return `replace(${c}, ${stringText(o.from)}, ${stringText(o.to)})`;
  if (o.fn === 'split') return `split_part(${c}, ${stringText(o.separator)}, ${o.part})`;
  return `${o.fn}(${c})`;
}

const refOf = (o: Op, index: number): ColumnRef => ({ name: o.column, field: ['ops', index, 'column'] });

/** Trim, change case, measure, search or replace text columns. */
export const stringFunctions = defineNode({
  type: 'transform.strings',
  version: 1,
  category: 'transform',
  title: 'Text functions',
  description: 'Apply text functions to columns: trim, lower, upper, length, contains, replace, split. Nulls stay null.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    let schema: TableSchema = inputs.table;
    for (const [index, o] of config.ops.entries()) {
      const { columns } = checkColumns(schema, [refOf(o, index)], issue);
      const input = columns.get(o.column);
      if (!input) return {};
      if (input.type !== 'string' && input.type !== 'category') {
        issue(`${o.fn} needs a text column; "${o.column}" is ${input.type}.`, ['ops', index, 'column']);
        return {};
      }
      if (!checkExpression(expressionOf(o), schema, ['ops', index], issue)) return {};
      const out: ColumnSchema = { name: outputName(o), type: resultTypes[o.fn], nullable: input.nullable };
      schema = { columns: putSchemaColumns(schema.columns, [out]) };
    }
    return { table: schema };
  },
  run: ({ inputs, config, ctx }) => {
    let table = inputs.table;
    config.ops.forEach((o, index) => {
      ctx.signal.throwIfAborted();
      requireColumns(table, [refOf(o, index)]);
      const compiled = compileForTable(expressionOf(o), table, ['ops', index]);
      const vector: Vector = evaluateExpression(compiled, table, { maxTextChars: ctx.limits.expressionTextChars });
      table = putColumns(table, [[outputName(o), vector]]);
      ctx.progress((index + 1) / config.ops.length);
    });
    return { table };
  },
});
