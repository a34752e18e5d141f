import { defineNode, port, sampleTable } from '@causeway/sdk';
import { z } from 'zod';

const config = z
  .object({
    n: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional()
      .describe('How many rows to keep (all when the table has fewer).'),
    fraction: z.number().min(0).max(1).optional().describe('Or: the fraction of rows to keep, e.g. 0.1.'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .describe('The random seed: the same seed gives the same rows everywhere.'),
  })
  .superRefine((value, ctx) => {
    if ((value.n === undefined) === (value.fraction === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [value.n === undefined ? 'n' : 'fraction'],
        message: 'Give either n or fraction, not both or neither.',
      });
  });

/** A random sample of rows without replacement, seeded, in table order. */
export const sampleRows = defineNode({
  type: 'transform.sample',
  version: 1,
  category: 'transform',
  title: 'Sample rows',
  description: 'Keep a random sample of rows (a count or a fraction), without replacement and in table order. Seeded.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs }) => (inputs.table ? { table: inputs.table } : {}),
  run: ({ inputs, config }) => ({
    table: sampleTable(
      inputs.table,
      config.n === undefined ? { fraction: config.fraction ?? 0, seed: config.seed } : { n: config.n, seed: config.seed },
    ),
  }),
});
