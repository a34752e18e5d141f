import { type ColumnSchema, defineNode, evaluateExpression, port } from '@causeway/sdk';
import type { Vector } from 'apache-arrow';
import { z } from 'zod';
import { checkColumns } from '../shared/check-columns';
import { compileForTable } from '../shared/compile-for-table';
import { columnText } from '../shared/expression-text';
import { putColumns, putSchemaColumns } from '../shared/put-columns';
import { requireColumns } from '../shared/require-columns';

const parts = ['year', 'month', 'day', 'weekday', 'hour'] as const;

const config = z.object({
  column: z.string().min(1).describe('The date column.').meta({ ui: 'column' }),
  parts: z
    .array(z.enum(parts))
    .min(1)
    .max(parts.length)
    .refine((p) => new Set(p).size === p.length, 'A part is listed twice.')
    .describe('The parts to extract, in UTC: year, month (1-12), day (1-31), weekday (ISO: Monday 1 … Sunday 7), hour (0-23).'),
  prefix: z.string().max(200).optional().describe('Output columns are named prefix + part (default: the column name and "_").'),
});

type Config = z.output<typeof config>;

const outputName = (c: Config, part: string): string => `${c.prefix ?? `${c.column}_`}${part}`;

/** Add columns with the year, month, day, weekday or hour of a date column. */
export const dateParts = defineNode({
  type: 'transform.date-parts',
  version: 1,
  category: 'transform',
  title: 'Date parts',
  description: 'Add integer columns with parts of a date column (year, month, day, weekday, hour), in UTC.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const { columns } = checkColumns(inputs.table, [{ name: config.column, field: ['column'] }], issue);
    const column = columns.get(config.column);
    if (!column) return {};
    if (column.type !== 'date') {
      issue(`"${config.column}" is ${column.type}, not a date; cast it first.`, ['column']);
      return {};
    }
    const added = config.parts.map(
      (part): ColumnSchema => ({ name: outputName(config, part), type: 'integer', nullable: column.nullable }),
    );
    return { table: { columns: putSchemaColumns(inputs.table.columns, added) } };
  },
  run: ({ inputs, config, ctx }) => {
    const table = inputs.table;
    requireColumns(table, [{ name: config.column, field: ['column'] }]);
    const added = config.parts.map((part): [string, Vector] => {
      ctx.signal.throwIfAborted();
      const compiled = compileForTable(`${part}(${columnText(config.column)})`, table, ['column']);
      return [outputName(config, part), evaluateExpression(compiled, table, { maxTextChars: ctx.limits.expressionTextChars })];
    });
    return { table: putColumns(table, added) };
  },
});
