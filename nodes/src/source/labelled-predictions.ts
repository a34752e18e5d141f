import { defineNode, port, UserError } from '@causeway/sdk';
import { z } from 'zod';

const config = z.object({
  endpoint: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'an endpoint name: a letter or digit, then letters, digits, _ . -')
    .describe('The model endpoint whose logged predictions to read (feedback on).'),
  target: z.string().min(1).max(1_000).describe('The column the real outcomes go into: the target a model is trained on, e.g. churned.'),
  lookbackHours: z
    .number()
    .min(0)
    .max(24 * 3650)
    .default(24 * 30)
    .describe('Only predictions of the last this many hours; 0 reads every logged one.'),
  limit: z.number().int().min(1).max(1_000_000).default(100_000).describe('The most rows read (the newest).'),
  minRows: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(100)
    .describe('Fewer labelled rows than this fails the node: too little to retrain on.'),
});

// Columns the endpoint adds beside the request's: a retrained model must not learn from them.
const servedColumns = /^(_at|_version|prediction|probability_.*)$/;

/**
 * Reads fresh labelled data from a model endpoint: the predictions it logged (with feedback on) whose
 * real outcome came back by id, as the raw request columns plus the outcome under `target`. The
 * endpoint's own answers (`prediction`, `probability_*`, `_at`, `_version`) are left out.
 */
export const labelledPredictionsSource = defineNode({
  type: 'source.labelled-predictions',
  version: 1,
  category: 'source',
  title: 'Labelled predictions',
  description: 'Reads an endpoint’s logged predictions joined with the outcomes sent back as feedback (server only), to retrain on.',
  inputs: {},
  outputs: { table: port.table() },
  config,
  runtime: 'server',
  // Feedback arrives all the time: read on every run.
  cache: 'volatile',
  infer: () => ({}),
  run: async ({ config, ctx }) => {
    const since = config.lookbackHours > 0 ? new Date(Date.now() - config.lookbackHours * 3_600_000).toISOString() : undefined;
    const read = await ctx.monitoring.requestSample(config.endpoint, { since, limit: config.limit, outcome: config.target });
    if (read.numRows < config.minRows) {
      throw new UserError(
        'INPUT_INVALID',
        `Endpoint "${config.endpoint}" has ${read.numRows} labelled prediction${read.numRows === 1 ? '' : 's'}${since ? ` since ${since}` : ''}; at least ${config.minRows} (minRows) are needed to retrain. Turn feedback on and send outcomes to /api/endpoints/${config.endpoint}/feedback.`,
        { details: { path: ['config', 'minRows'], rows: read.numRows } },
      );
    }
    const keep = read.schema.fields.map((f) => f.name).filter((name) => name === config.target || !servedColumns.test(name));
    ctx.log('info', `Read ${read.numRows} labelled predictions of "${config.endpoint}".`);
    return { table: read.select(keep) };
  },
});
