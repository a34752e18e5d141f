import { dedupeTable, defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { checkColumns } from '../shared/check-columns';
import { columnRefs } from '../shared/column-ref';
import { requireColumns } from '../shared/require-columns';
import { uniqueNames } from '../shared/unique-names';

const config = z.object({
  columns: uniqueNames('columns', 'The columns that make a row a duplicate (all columns when left out).')
    .optional()
    .meta({ ui: 'columns' }),
});

/** Drop duplicate rows, keeping the first of each. */
export const dedupeRows = defineNode({
  type: 'transform.dedupe',
  version: 1,
  category: 'transform',
  title: 'Remove duplicates',
  description: 'Keep the first row of each distinct combination of the chosen columns (all columns by default); nulls equal each other.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    if (config.columns) checkColumns(inputs.table, columnRefs(config.columns, ['columns']), issue);
    return { table: inputs.table };
  },
  run: ({ inputs, config }) => {
    if (!config.columns) return { table: dedupeTable(inputs.table) };
    requireColumns(inputs.table, columnRefs(config.columns, ['columns']));
    return { table: dedupeTable(inputs.table, config.columns) };
  },
});
