import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';

const config = z.object({
  connection: z
    .object({ $secret: z.string().min(1).max(200) })
    .strict()
    .describe('The secret holding the connection string (postgres://user:password@host/db); never the string itself.'),
  sql: z.string().min(1).max(100_000).describe('The query. Refer to parameters as $1, $2 …; values are never spliced into the text.'),
  params: z
    .array(z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]))
    .max(1000)
    .default([])
    .describe('Values for $1, $2 …'),
  rowCap: z.number().int().positive().max(50_000_000).default(1_000_000).describe('The most rows read.'),
});

/** Runs a parameterized PostgreSQL query on the server and outputs its rows as a table. */
export const postgresSource = defineNode({
  type: 'source.postgres',
  version: 1,
  category: 'source',
  title: 'PostgreSQL query',
  description: 'Runs a parameterized SQL query against PostgreSQL (server only); the connection string comes from a secret.',
  inputs: {},
  outputs: { table: port.table() },
  config,
  runtime: 'server',
  // The database changes behind our back: query on every run.
  cache: 'volatile',
  infer: () => ({}),
  run: async ({ config, ctx }) => {
    const connection = await ctx.secrets.get(config.connection.$secret);
    const table = await ctx.sql.query(connection, config.sql, config.params, { rowCap: config.rowCap, signal: ctx.signal });
    if (table.numRows >= config.rowCap) ctx.log('warn', `The query reached the row cap of ${config.rowCap}; further rows were not read.`);
    return { table };
  },
});
