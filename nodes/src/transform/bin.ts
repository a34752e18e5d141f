import { applyBin, bin, type ColumnSchema, defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { applyOrFit } from '../shared/apply-or-fit';
import { binStateSchema } from '../shared/bin-state';
import { checkColumns } from '../shared/check-columns';
import { requireColumns } from '../shared/require-columns';

const config = z.object({
  column: z.string().min(1).describe('The number column to bin.').meta({ ui: 'column' }),
  method: z.enum(['equal_width', 'quantile']).describe('equal_width: bins of equal width from min to max; quantile: bins of equal counts.'),
  bins: z.number().int().min(1).max(100_000).describe('How many bins.'),
  as: z.string().min(1).max(200).optional().describe('The column to write the bin number to (default: replace the column).'),
});

/** Replace a number column (or add a column) with its bin number; outputs the fitted edges. */
export const binColumn = defineNode({
  type: 'transform.bin',
  version: 1,
  category: 'transform',
  title: 'Bin numbers',
  description:
    'Put a number column into bins of equal width or equal counts and write each row’s bin number (0-based). Connect a fitted state to apply its edges instead of fitting.',
  inputs: {
    table: port.table(),
    fitted: port.value(binStateSchema, { optional: true, description: 'Edges fitted elsewhere, applied instead of fitting.' }),
  },
  outputs: { table: port.table(), fitted: port.value(binStateSchema) },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const { ok, columns } = checkColumns(inputs.table, [{ name: config.column, field: ['column'] }], issue);
    const column = columns.get(config.column);
    if (!ok || !column) return {};
    if (column.type !== 'number' && column.type !== 'integer') {
      issue(`Binning needs a number column; "${config.column}" is ${column.type}.`, ['column']);
      return {};
    }
    const as = config.as ?? config.column;
    const binned: ColumnSchema = { name: as, type: 'integer', nullable: column.nullable || column.type === 'number' };
    if (as === config.column) return { table: { columns: inputs.table.columns.map((c) => (c.name === as ? binned : c)) } };
    return { table: { columns: [...inputs.table.columns.filter((c) => c.name !== as), binned] } };
  },
  run: ({ inputs, config, ctx }) =>
    applyOrFit(
      inputs,
      {
        columnsOf: (state) => [state.column],
        apply: applyBin,
        fit: (table) => {
          requireColumns(table, [{ name: config.column, field: ['column'] }]);
          const as = config.as === undefined ? {} : { as: config.as };
          return bin(table, { column: config.column, method: config.method, bins: config.bins, ...as });
        },
      },
      (f) => ctx.progress(f),
    ),
});
