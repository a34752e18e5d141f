import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';

const config = z.object({
  endpoint: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'an endpoint name: a letter or digit, then letters, digits, _ . -')
    .describe('The model endpoint whose sampled requests to read.'),
  lookbackHours: z
    .number()
    .min(0)
    .max(24 * 3650)
    .default(24)
    .describe('Only requests of the last this many hours; 0 reads every stored sample.'),
  limit: z.number().int().min(1).max(1_000_000).default(10_000).describe('The most rows read (the newest).'),
});

/**
 * Reads what a model endpoint was asked: the requests its sampling stored, one row per scored input
 * row, with `_at`, `_version`, `prediction` and `probability_<class>` columns beside the features.
 */
export const endpointRequestsSource = defineNode({
  type: 'source.endpoint-requests',
  version: 1,
  category: 'source',
  title: 'Endpoint requests',
  description: 'Reads the sampled requests of a model endpoint (server only) as a table, for drift and quality checks.',
  inputs: {},
  outputs: { table: port.table() },
  config,
  runtime: 'server',
  // New requests arrive all the time: read on every run.
  cache: 'volatile',
  // The features are the model's, known only once the samples are read.
  infer: () => ({}),
  run: async ({ config, ctx }) => {
    const since = config.lookbackHours > 0 ? new Date(Date.now() - config.lookbackHours * 3_600_000).toISOString() : undefined;
    const table = await ctx.monitoring.requestSample(config.endpoint, { since, limit: config.limit });
    if (table.numRows === 0) ctx.log('warn', `Endpoint "${config.endpoint}" has no sampled requests${since ? ` since ${since}` : ''}.`);
    else if (table.numRows >= config.limit) ctx.log('info', `Read the newest ${config.limit} sampled requests; older ones were left out.`);
    return { table };
  },
});
