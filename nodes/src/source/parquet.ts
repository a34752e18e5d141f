import { defineNode, port, readParquet } from '@causeway/sdk';
import { z } from 'zod';
import { tableOrThrow } from './table-or-throw';

const config = z.object({
  file: z.string().min(1).max(1000).describe('The file to read, relative to the graph, or the name of a file uploaded in the editor.'),
  columns: z.array(z.string().min(1)).max(10_000).optional().describe('Columns to read, in this order (default: all).'),
});

/** Reads a Parquet file into a table. */
export const parquetSource = defineNode({
  type: 'source.parquet',
  version: 1,
  category: 'source',
  title: 'Parquet file',
  description: 'Reads a Parquet file (all columns or a chosen few) into a table.',
  inputs: {},
  outputs: { table: port.table() },
  config,
  infer: () => ({}),
  fingerprint: ({ config, ctx }) => ctx.files.fingerprint(config.file),
  run: async ({ config, ctx }) => {
    const bytes = await ctx.files.read(config.file, ctx.signal);
    const result = await readParquet(bytes, {
      signal: ctx.signal,
      maxColumns: ctx.limits.parquetColumns,
      maxDepth: ctx.limits.parquetDepth,
      ...(config.columns ? { columns: config.columns } : {}),
    });
    return { table: tableOrThrow(result, config.file, 'Parquet') };
  },
});
