import { defineNode, maxPivotColumns, pivotTable, port } from '@causeway/sdk';
import { z } from 'zod';
import { checkColumns } from '../shared/check-columns';
import { type ColumnRef, columnRefs } from '../shared/column-ref';
import { requireColumns } from '../shared/require-columns';

const config = z.object({
  index: z.array(z.string().min(1)).min(1).max(100).describe('Columns that identify an output row.').meta({ ui: 'columns' }),
  columns: z.string().min(1).describe('The column whose values become output columns.').meta({ ui: 'column' }),
  values: z.string().min(1).describe('The column aggregated into each cell.').meta({ ui: 'column' }),
  agg: z
    .enum(['first', 'count', 'sum', 'mean', 'min', 'max', 'median', 'std', 'distinct_count'])
    .default('first')
    .describe('How the values that fall into one cell are combined.'),
});

type Config = z.output<typeof config>;

const refsOf = (c: Config): ColumnRef[] => [
  ...columnRefs(c.index, ['index']),
  { name: c.columns, field: ['columns'] },
  { name: c.values, field: ['values'] },
];

const numericAggs = new Set(['sum', 'mean', 'median', 'std']);

/** Long to wide: one output column per distinct value of a column. */
export const pivotRows = defineNode({
  type: 'transform.pivot',
  version: 1,
  category: 'transform',
  title: 'Pivot (long to wide)',
  description: `One row per distinct index, one column per distinct value of a column (at most ${maxPivotColumns}), each cell an aggregate of a value column. The new columns are known only after a run, as they depend on the data.`,
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const { columns } = checkColumns(inputs.table, refsOf(config), issue);
    const values = columns.get(config.values);
    if (values && numericAggs.has(config.agg) && values.type !== 'number' && values.type !== 'integer' && values.type !== 'boolean')
      issue(`${config.agg} needs a number column; "${config.values}" is ${values.type}.`, ['values']);
    return {};
  },
  run: ({ inputs, config, ctx }) => {
    requireColumns(inputs.table, refsOf(config));
    const table = pivotTable(inputs.table, { index: config.index, columns: config.columns, values: config.values, agg: config.agg });
    ctx.progress(1);
    return { table };
  },
});
