import { defineNode, port, UserError, writeArrow, writeCsv, writeParquet } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { z } from 'zod';
import { scoreTable } from '../ml/onnx/score-table';
import { modelValueOf } from './loaded-model';
import { stampScores } from './stamp-scores';

const destination = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('postgres'),
      connection: z
        .object({ $secret: z.string().min(1).max(200) })
        .strict()
        .describe('The secret holding the connection string; never the string itself.'),
      table: z.string().min(1).max(200).describe('The table to write, e.g. scores or analytics.scores; created when missing.'),
      runKeyColumn: z.string().min(1).max(63).default('_run_key').describe('The column that tags rows with the run that wrote them.'),
      mode: z
        .enum(['append', 'replace', 'upsert'])
        .default('append')
        .describe('append: add the rows; replace: the table holds only this run’s rows; upsert: replace rows with the same key.'),
      key: z.array(z.string().min(1).max(63)).max(16).default([]).describe('Upsert: the columns that identify a row, e.g. customer_id.'),
    })
    .refine((d) => d.mode !== 'upsert' || d.key.length > 0, { message: 'upsert needs key columns', path: ['key'] })
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

function encode(table: Table, format: 'csv' | 'arrow' | 'parquet'): Uint8Array {
  if (format === 'arrow') return writeArrow(table);
  if (format === 'parquet') return writeParquet(table);
  return new TextEncoder().encode(writeCsv(table));
}

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
      const runKey = ctx.idempotencyKey ?? ctx.nodeId;
      const connection = await ctx.secrets.get(target.connection.$secret);
      const result = await ctx.sql.write(connection, scored, {
        table: target.table,
        runKeyColumn: target.runKeyColumn,
        runKey,
        mode: target.mode,
        key: target.key,
        signal: ctx.signal,
      });
      where = `table ${target.table}`;
      ctx.log(
        'info',
        `${result.created ? 'Created' : 'Wrote to'} ${where}: ${result.rows} rows${result.replaced > 0 ? `, replacing ${result.replaced} from an earlier attempt` : ''}.`,
      );
    } else {
      if (ctx.exports === undefined)
        throw new UserError('EXPORTS_MISSING', 'This host keeps no exported files; run the graph on the server.');
      const file = await ctx.exports.write(target.name, encode(scored, target.format), ctx.signal);
      where = `file ${file.name}`;
      ctx.log('info', `Wrote ${file.bytes} bytes to ${where}.`);
    }
    ctx.progress(1);
    return { table: scored, written: { model: loaded.name, version: loaded.version, rows: scored.numRows, destination: where } };
  },
});
