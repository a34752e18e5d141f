import { applyImpute, type ColumnSchema, defineNode, fitImpute, port } from '@causeway/sdk';
import { z } from 'zod';
import { applyOrFit } from '../shared/apply-or-fit';
import { checkColumns } from '../shared/check-columns';
import { columnRefs } from '../shared/column-ref';
import { imputeStateSchema } from '../shared/impute-state';
import { requireColumns } from '../shared/require-columns';
import { uniqueNames } from '../shared/unique-names';

const config = z
  .object({
    columns: uniqueNames('columns', 'Columns whose nulls are filled.').meta({ ui: 'columns' }),
    strategy: z
      .enum(['mean', 'median', 'most_frequent', 'constant'])
      .describe('The fill: mean or median (number columns), the most frequent value (ties: the smallest), or a constant.'),
    value: z
      .union([z.number(), z.string(), z.boolean()])
      .optional()
      .describe('The constant fill (constant strategy only); dates in epoch milliseconds.'),
  })
  .superRefine((value, ctx) => {
    if (value.strategy === 'constant' && value.value === undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'The constant strategy needs a value.' });
  });

function fits(column: ColumnSchema, value: number | string | boolean): boolean {
  if (column.type === 'boolean') return typeof value === 'boolean';
  if (column.type === 'string' || column.type === 'category') return typeof value === 'string';
  return typeof value === 'number';
}

/** Fill nulls with a fitted value per column; outputs the fitted state, or applies one fitted elsewhere. */
export const imputeNulls = defineNode({
  type: 'transform.impute',
  version: 1,
  category: 'transform',
  title: 'Fill missing values',
  description:
    'Replace nulls with the mean, median or most frequent value of each column, or a constant. Connect a fitted state (e.g. from the training split) to apply it instead of fitting.',
  inputs: {
    table: port.table(),
    fitted: port.value(imputeStateSchema, { optional: true, description: 'A state fitted elsewhere, applied instead of fitting.' }),
  },
  outputs: { table: port.table(), fitted: port.value(imputeStateSchema) },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const { ok, columns } = checkColumns(inputs.table, columnRefs(config.columns, ['columns']), issue);
    config.columns.forEach((name, index) => {
      const column = columns.get(name);
      if (!column) return;
      const numeric = column.type === 'number' || column.type === 'integer';
      if ((config.strategy === 'mean' || config.strategy === 'median') && !numeric)
        issue(`The ${config.strategy} of "${name}" needs a number column; it is ${column.type}.`, ['columns', index]);
      else if (config.value !== undefined && config.strategy === 'constant' && !fits(column, config.value))
        issue(`Cannot fill "${name}" (${column.type}) with ${JSON.stringify(config.value)}.`, ['value']);
    });
    if (!ok) return {};
    const out = inputs.table.columns.map((column): ColumnSchema => {
      if (!columns.has(column.name)) return column;
      // Number and integer columns come out as numbers. An all-null column stays null, which is rare enough to ignore here.
      const type = column.type === 'integer' ? 'number' : column.type;
      return { name: column.name, type, nullable: false };
    });
    return { table: { columns: out } };
  },
  run: ({ inputs, config, ctx }) =>
    applyOrFit(
      inputs,
      {
        columnsOf: (state) => state.columns.map((c) => c.column),
        apply: applyImpute,
        fit: (table) => {
          requireColumns(table, columnRefs(config.columns, ['columns']));
          const value = config.value === undefined ? {} : { value: config.value };
          return fitImpute(table, { columns: config.columns, strategy: config.strategy, ...value });
        },
      },
      (f) => ctx.progress(f),
    ),
});
