import {
  type ColumnType,
  castColumn,
  columnTypes,
  compileDatePattern,
  defineNode,
  type Issue,
  port,
  replaceColumns,
  resolveTextLocale,
  thousandsSeparators,
  UserError,
} from '@causeway/sdk';
import type { Vector } from 'apache-arrow';
import { z } from 'zod';
import { checkColumns } from '../shared/check-columns';
import type { ColumnRef } from '../shared/column-ref';
import { requireColumns } from '../shared/require-columns';

const change = z.object({
  column: z.string().min(1).describe('The column to convert.').meta({ ui: 'column' }),
  type: z.enum(columnTypes as [ColumnType, ...ColumnType[]]).describe('Its new type.'),
});

const config = z
  .object({
    columns: z.array(change).min(1).max(10_000).describe('The columns to convert, each to a type.'),
    decimal: z.enum(['.', ',']).optional().describe('The decimal mark of numbers in text: "." (default) or ",".'),
    thousands: z
      .enum(thousandsSeparators as [string, ...string[]])
      .optional()
      .describe('A thousands separator in numbers in text; groups must be of three digits.'),
    dateFormat: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("How dates are written besides ISO 8601: MM/DD/YYYY, DD.MM.YYYY, MMM d yyyy, with HH:mm:ss; quote other letters ('T')."),
  })
  .superRefine((value, ctx) => {
    if (value.thousands !== undefined && value.thousands === (value.decimal ?? '.'))
      ctx.addIssue({ code: 'custom', path: ['thousands'], message: 'The thousands separator cannot be the decimal mark.' });
    if (value.dateFormat !== undefined) {
      const pattern = compileDatePattern(value.dateFormat);
      if (!pattern.ok) ctx.addIssue({ code: 'custom', path: ['dateFormat'], message: pattern.message });
    }
    const seen = new Set<string>();
    value.columns.forEach((c, index) => {
      if (seen.has(c.column)) ctx.addIssue({ code: 'custom', path: ['columns', index, 'column'], message: `"${c.column}" is cast twice.` });
      seen.add(c.column);
    });
  });

const refsOf = (columns: readonly { column: string }[]): ColumnRef[] =>
  columns.map((c, index) => ({ name: c.column, field: ['columns', index, 'column'] }));

/** Convert columns to other types; a value that does not convert fails the node, naming its row. */
export const castColumns = defineNode({
  type: 'transform.cast',
  version: 1,
  category: 'transform',
  title: 'Change column types',
  description:
    'Convert columns to other types. Text parses strictly (numbers, true/false/yes/no/1/0, ISO 8601 dates); empty text becomes null. A value that does not convert fails the node and names its row.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const { ok } = checkColumns(inputs.table, refsOf(config.columns), issue);
    if (!ok) return {};
    const types = new Map(config.columns.map((c) => [c.column, c.type]));
    const columns = inputs.table.columns.map((column) => {
      const type = types.get(column.name);
      if (type === undefined || type === column.type) return column;
      // Empty text becomes null.
      const nullable =
        column.nullable || ((column.type === 'string' || column.type === 'category') && type !== 'string' && type !== 'category');
      return { name: column.name, type, nullable };
    });
    return { table: { columns } };
  },
  run: ({ inputs, config, ctx }) => {
    const table = inputs.table;
    requireColumns(table, refsOf(config.columns));
    const replacements = new Map<string, [string, Vector][]>();
    const issues: Issue[] = [];
    const locale = resolveTextLocale(
      {
        ...(config.decimal === undefined ? {} : { decimal: config.decimal }),
        ...(config.thousands === undefined ? {} : { thousands: config.thousands }),
        ...(config.dateFormat === undefined ? {} : { dateFormat: config.dateFormat }),
      },
      ['config'],
    );
    if (!locale.ok) throw new UserError('CONFIG_INVALID', locale.issues.map((i) => i.message).join('; '), { issues: locale.issues });
    config.columns.forEach((change, index) => {
      ctx.signal.throwIfAborted();
      const result = castColumn(table.getChild(change.column) as Vector, change.type, locale.value);
      if (result.ok) replacements.set(change.column, [[change.column, result.value]]);
      else {
        const path = ['config', 'columns', index, 'type'];
        for (const problem of result.issues)
          issues.push({ code: problem.code, path, message: `Column "${change.column}": ${problem.message}` });
      }
      ctx.progress((index + 1) / config.columns.length);
    });
    if (issues.length > 0) throw new UserError('INPUT_INVALID', issues.map((i) => i.message).join('; '), { issues });
    return { table: replaceColumns(table, replacements) };
  },
});
