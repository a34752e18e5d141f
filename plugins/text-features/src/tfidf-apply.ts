import { defineNode, port, z } from '@causeway/sdk';
import { checkTextColumn } from './text-column';
import { tfidfColumns } from './tfidf-kernel';
import { tfidfStateSchema } from './tfidf-state';

/** Adds the TF-IDF columns of a fitted vocabulary to another table (test rows, new data): nothing is re-fitted. */
export const tfidfApply = defineNode({
  type: '@causeway/plugin-text/tfidf-apply',
  version: 1,
  category: 'plugin',
  title: 'TF-IDF (apply)',
  description: 'Adds TF-IDF columns to a table using the vocabulary and idf weights from TF-IDF (fit).',
  inputs: { table: port.table(), state: port.value(tfidfStateSchema, { description: 'From TF-IDF (fit)' }) },
  outputs: { table: port.table() },
  config: z.object({
    column: z.string().min(1).optional().describe('The token column; default the column the state was fitted on').meta({ ui: 'column' }),
  }),
  infer: ({ inputs, config, issue }) => {
    if (inputs.table && config.column !== undefined) checkTextColumn(inputs.table, config.column, issue, 'column');
    return {};
  },
  run: ({ inputs, config }) => ({ table: tfidfColumns(inputs.table, inputs.state, config.column ?? inputs.state.column) }),
});
