import { defineNode, port, readJson } from '@causeway/sdk';
import { z } from 'zod';
import { tableOrThrow } from './table-or-throw';

const config = z.object({
  file: z.string().min(1).max(1000).describe('The file to read, relative to the graph, or the name of a file uploaded in the editor.'),
  format: z
    .enum(['auto', 'array', 'ndjson'])
    .default('auto')
    .describe('array: one array of objects; ndjson: one object per line; auto: by the first character.'),
  nested: z.enum(['json', 'fail']).default('json').describe('Objects and lists inside a record: keep them as JSON text, or fail.'),
});

/** Reads JSON records (an array of objects, or NDJSON) into a table. */
export const jsonSource = defineNode({
  type: 'source.json',
  version: 1,
  category: 'source',
  title: 'JSON file',
  description: 'Reads JSON records (an array of objects or one object per line); column types inferred.',
  inputs: {},
  outputs: { table: port.table() },
  config,
  // The columns are known only once the file is read.
  infer: () => ({}),
  fingerprint: ({ config, ctx }) => ctx.files.fingerprint(config.file),
  run: async ({ config, ctx }) => {
    const bytes = await ctx.files.read(config.file, ctx.signal);
    return { table: tableOrThrow(readJson(bytes, { format: config.format, nested: config.nested }), config.file, 'JSON') };
  },
});
