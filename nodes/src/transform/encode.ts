import { applyEncode, type ColumnSchema, defineNode, fitEncode, port } from '@causeway/sdk';
import { z } from 'zod';
import { applyOrFit } from '../shared/apply-or-fit';
import { checkColumns } from '../shared/check-columns';
import { columnRefs } from '../shared/column-ref';
import { encodeStateSchema } from '../shared/encode-state';
import { requireColumns } from '../shared/require-columns';
import { uniqueNames } from '../shared/unique-names';

const config = z.object({
  columns: uniqueNames('columns', 'Columns to encode (their values are read as text).').meta({ ui: 'columns' }),
  method: z
    .enum(['one_hot', 'ordinal'])
    .describe('one_hot: a 0/1 column per category, named column=category; ordinal: the category index (sorted order).'),
  unknown: z
    .enum(['error', 'ignore'])
    .default('error')
    .describe(
      'A category not seen when fitting: fail, or encode it as all zeros (one-hot) / null (ordinal). Also applies to a connected fitted state.',
    ),
});

/** Encode categorical columns as numbers; outputs the fitted categories, or applies ones fitted elsewhere. */
export const encodeCategories = defineNode({
  type: 'transform.encode',
  version: 1,
  category: 'transform',
  title: 'Encode categories',
  description:
    'Turn categorical columns into numbers: one-hot (a 0/1 column per category) or ordinal (the index of the category). Connect a fitted state (e.g. from the training split) to apply it instead of fitting. One-hot columns are known only after a run, as they depend on the data.',
  inputs: {
    table: port.table(),
    fitted: port.value(encodeStateSchema, { optional: true, description: 'A state fitted elsewhere, applied instead of fitting.' }),
  },
  outputs: { table: port.table(), fitted: port.value(encodeStateSchema) },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    const { ok, columns } = checkColumns(inputs.table, columnRefs(config.columns, ['columns']), issue);
    if (!ok || config.method === 'one_hot') return {};
    const out = inputs.table.columns.map(
      (column): ColumnSchema =>
        columns.has(column.name) ? { name: column.name, type: 'number', nullable: column.nullable || config.unknown === 'ignore' } : column,
    );
    return { table: { columns: out } };
  },
  run: ({ inputs, config, ctx }) =>
    applyOrFit(
      // The applying node decides what an unseen category does, not the node that fitted the state.
      { table: inputs.table, fitted: inputs.fitted && { ...inputs.fitted, unknown: config.unknown } },
      {
        columnsOf: (state) => state.columns.map((c) => c.column),
        apply: applyEncode,
        fit: (table) => {
          requireColumns(table, columnRefs(config.columns, ['columns']));
          return fitEncode(table, { columns: config.columns, method: config.method, unknown: config.unknown });
        },
      },
      (f) => ctx.progress(f),
    ),
});
