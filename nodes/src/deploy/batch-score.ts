import { defineNode, port, UserError } from '@causeway/sdk';
import { z } from 'zod';
import { scoreTable } from '../ml/onnx/score-table';
import { postgresTargetShape, upsertNeedsKey, writeToPostgres } from '../shared/postgres-target';
import { tableFileBytes } from '../shared/table-file-bytes';
import { modelValueOf } from './loaded-model';
import { stampScores } from './stamp-scores';

const destination = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('postgres'), ...postgresTargetShape })
    .refine(...upsertNeedsKey)
    .strict(),
  z
    .object({
      kind: z.literal('file'),
      format: z.enum(['csv', 'arrow', 'parquet']).default('csv'),
      name: z.string().min(1).max(200).describe('The file name in the server’s exports folder, e.g. scores.csv.'),
    })
    .strict(),
]);

const written = z.object({ model: z.string(), version: z.number().int(), rows: z.number().int(), destination: z.string() });

/**
 * `deploy.batch-score`: scores a table with a registered model version (by number, or the one in
 * production or staging, or the latest) and writes the scored rows to a PostgreSQL table or a file
 * in the exports folder, each row stamped with the version and the scoring time. A side effect, so never
 * cached; a retry of the run replaces its own rows; `append`, `replace` or `upsert` by key.
 */
export const batchScore = defineNode({
  type: 'deploy.batch-score',
  version: 1,
  category: 'deploy',
  title: 'Batch score',
  description: 'Score a table with a registered model version and write the result to a PostgreSQL table or a file.',
  runtime: 'server',
  effects: true,
  inputs: { table: port.table() },
  outputs: {
    table: port.table(),
    written: port.value(written, { description: 'Which version scored how many rows, and where they went.' }),
  },
  config: z.object({
    model: z.string().min(1).max(128).describe('The registered model’s name.'),
    version: z
      .union([z.enum(['production', 'staging', 'latest']), z.number().int().min(1)])
      .default('production')
      .describe('A version number, or the version in production or staging, or the latest.'),
    batchSize: z.number().int().min(1).max(1_000_000).default(10_000).describe('Rows scored per call into the model runtime.'),
    destination,
  }),
  infer: () => ({}),
  run: async ({ inputs, config, ctx }) => {
    const loaded = await ctx.models.load(config.model, config.version);
    const model = modelValueOf(loaded);
    ctx.log('info', `Scoring ${inputs.table.numRows} rows with "${loaded.name}" version ${loaded.version}.`);
    const scoredAt = new Date();
    const raw = await scoreTable(inputs.table, model, ctx.onnx, {
      batchSize: config.batchSize,
      signal: ctx.signal,
      progress: (f) => ctx.progress(f * 0.8),
      log: (m) => ctx.log('info', m),
    });
    const scored = stampScores(raw, loaded.version, scoredAt);
    const target = config.destination;
    let where: string;
    if (target.kind === 'postgres') {
      await writeToPostgres(ctx, scored, target);
      where = `table ${target.table}`;
    } else {
      if (ctx.exports === undefined)
        throw new UserError('EXPORTS_MISSING', 'This host keeps no exported files; run the graph on the server.');
      const file = await ctx.exports.write(target.name, tableFileBytes(scored, target.format), ctx.signal);
      where = `file ${file.name}`;
      ctx.log('info', `Wrote ${file.bytes} bytes to ${where}.`);
    }
    ctx.progress(1);
    return { table: scored, written: { model: loaded.name, version: loaded.version, rows: scored.numRows, destination: where } };
  },
});
