import { applyScale, type ColumnSchema, defineNode, fitScale, port } from '@causeway/sdk';
import { z } from 'zod';
import { applyOrFit } from '../shared/apply-or-fit';
import { checkColumns } from '../shared/check-columns';
import { columnRefs } from '../shared/column-ref';
import { requireColumns } from '../shared/require-columns';
import { scaleStateSchema } from '../shared/scale-state';
import { uniqueNames } from '../shared/unique-names';

const config = z.object({
  columns: uniqueNames('columns', 'Number columns to scale.').meta({ ui: 'columns' }),
  method: z
    .enum(['standard', 'min_max', 'robust'])
    .describe('standard: (x - mean) / std; min_max: (x - min) / (max - min); robust: (x - median) / IQR.'),
});

/** Scale number columns; outputs the fitted offsets and scales, or applies ones fitted elsewhere. */
export const scaleColumns = defineNode({
  type: 'transform.scale',
  version: 1,
  category: 'transform',
  title: 'Scale numbers',
  description:
    'Standardize number columns (standard, min-max or robust scaling). Connect a fitted state (e.g. from the training split) to apply it instead of fitting.',
  inputs: {
    table: port.table(),
    fitted: port.value(scaleStateSchema, { optional: true, description: 'A state fitted elsewhere, applied instead of fitting.' }),
  },
  outputs: { table: port.table(), fitted: port.value(scaleStateSchema) },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const { ok, columns } = checkColumns(inputs.table, columnRefs(config.columns, ['columns']), issue);
    let numeric = true;
    config.columns.forEach((name, index) => {
      const column = columns.get(name);
      if (column && column.type !== 'number' && column.type !== 'integer') {
        numeric = false;
        issue(`Scaling needs number columns; "${name}" is ${column.type}.`, ['columns', index]);
      }
    });
    if (!ok || !numeric) return {};
    const out = inputs.table.columns.map(
      (column): ColumnSchema => (columns.has(column.name) ? { name: column.name, type: 'number', nullable: column.nullable } : column),
    );
    return { table: { columns: out } };
  },
  run: ({ inputs, config, ctx }) =>
    applyOrFit(
      inputs,
      {
        columnsOf: (state) => state.columns.map((c) => c.column),
        apply: applyScale,
        fit: (table) => {
          requireColumns(table, columnRefs(config.columns, ['columns']));
          return fitScale(table, { columns: config.columns, method: config.method });
        },
      },
      (f) => ctx.progress(f),
    ),
});
