import { defineNode, port, splitTable } from '@causeway/sdk';
import { z } from 'zod';
import { checkColumns } from '../shared/check-columns';
import { requireColumns } from '../shared/require-columns';

const config = z.object({
  // Defaults only fill what a saved graph could not leave out before (both were required): no new version.
  test: z.number().gt(0).lt(1).default(0.25).describe('The fraction of rows that go to the test set, e.g. 0.25.'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(42)
    .describe('The random seed: the same seed gives the same split everywhere.'),
  stratify: z
    .string()
    .min(1)
    .optional()
    .describe('Keep the proportions of this column’s values in both sets (e.g. the target).')
    .meta({ ui: 'column' }),
});

/** Split rows into a train set and a test set at random, seeded, optionally stratified. */
export const splitRows = defineNode({
  type: 'transform.split',
  version: 1,
  category: 'transform',
  title: 'Train/test split',
  description: 'Split rows at random into a train set and a test set (rows keep their order). Seeded, optionally stratified on a column.',
  inputs: { table: port.table() },
  outputs: { train: port.table(), test: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table) return {};
    if (config.stratify !== undefined) checkColumns(inputs.table, [{ name: config.stratify, field: ['stratify'] }], issue);
    return { train: inputs.table, test: inputs.table };
  },
  run: ({ inputs, config }) => {
    if (config.stratify !== undefined) requireColumns(inputs.table, [{ name: config.stratify, field: ['stratify'] }]);
    const { train, test } = splitTable(inputs.table, {
      test: config.test,
      seed: config.seed,
      ...(config.stratify === undefined ? {} : { stratify: config.stratify }),
    });
    return { train, test };
  },
});
