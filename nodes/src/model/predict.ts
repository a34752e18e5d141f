import { type ColumnSchema, defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { scoreTable } from '../ml/onnx/score-table';
import { unknownColumn } from '../shared/unknown-column';

const config = z.object({
  batchSize: z.number().int().min(1).max(1_000_000).default(10_000).describe('Rows scored per call into the model runtime.'),
  columns: z
    .array(z.string().min(1))
    .max(10_000)
    .default([])
    .describe('Only for models with one wide input (e.g. scikit-learn’s float_input [N, F]): the F columns that feed it, in order.'),
});

/** Scores a table with a model (ONNX, through the host's runtime), adding prediction and probability columns. */
export const predictNode = defineNode({
  type: 'model.predict',
  version: 1,
  category: 'model',
  title: 'Predict',
  description: 'Adds a prediction column (and probability_<class> columns for classifiers) by running the model on every row, in batches.',
  inputs: { table: port.table(), model: port.model() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    const table = inputs.table;
    if (!table) return {};
    const names = table.columns.map((c) => c.name);
    const model = inputs.model;
    config.columns.forEach((c, k) => {
      if (!names.includes(c)) issue(unknownColumn(c, names), ['columns', k]);
    });
    if (model?.features && config.columns.length === 0) {
      for (const f of model.features) if (!names.includes(f.name)) issue(`The model reads column "${f.name}", which the table lacks.`);
    }
    if (!model?.task) return {};
    const added: ColumnSchema[] =
      model.task === 'classification'
        ? [
            { name: 'prediction', type: 'category', nullable: false },
            ...(model.classes ?? []).map((c) => ({ name: `probability_${c}`, type: 'number' as const, nullable: false })),
          ]
        : model.task === 'regression'
          ? [{ name: 'prediction', type: 'number', nullable: false }]
          : model.task === 'clustering'
            ? [{ name: 'prediction', type: 'integer', nullable: false }]
            : [];
    if (model.task === 'other' || (model.task === 'classification' && !model.classes)) return {};
    const addedNames = new Set(added.map((c) => c.name));
    return { table: { columns: [...table.columns.filter((c) => !addedNames.has(c.name)), ...added] } };
  },
  run: async ({ inputs, config, ctx }) => ({
    table: await scoreTable(inputs.table, inputs.model, ctx.onnx, {
      batchSize: config.batchSize,
      ...(config.columns.length > 0 ? { columns: config.columns } : {}),
      signal: ctx.signal,
      progress: (f) => ctx.progress(f),
      log: (m) => ctx.log('info', m),
      warn: (m) => ctx.log('warn', m),
    }),
  }),
});
