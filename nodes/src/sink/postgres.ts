import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { checkPostgresTarget, postgresTargetShape, upsertNeedsKey, writeToPostgres } from '../shared/postgres-target';

const written = z.object({ table: z.string(), rows: z.number().int(), replaced: z.number().int(), created: z.boolean() });

/**
 * `sink.postgres`: writes its input table to a PostgreSQL table in one transaction (server only):
 * append, replace, or upsert on key columns; created with mapped types when missing, refused before
 * writing when its columns do not fit. Every row carries the run's key, so a retried run replaces
 * its own rows instead of adding them again.
 */
export const postgresSink = defineNode({
  type: 'sink.postgres',
  version: 1,
  category: 'deploy',
  title: 'Write to PostgreSQL',
  description: 'Write a table to a PostgreSQL table in one transaction: append, replace, or upsert on a key (server only).',
  runtime: 'server',
  effects: true,
  inputs: { table: port.table() },
  outputs: { written: port.value(written, { description: 'The table written, rows inserted and replaced, and whether it was created.' }) },
  config: z
    .object(postgresTargetShape)
    .strict()
    .refine(...upsertNeedsKey),
  infer: ({ inputs, config, issue }) => {
    if (inputs.table) checkPostgresTarget(inputs.table, config, issue);
    return {};
  },
  run: async ({ inputs, config, ctx }) => {
    const result = await writeToPostgres(ctx, inputs.table, config);
    ctx.progress(1);
    return { written: { table: config.table, ...result } };
  },
});
