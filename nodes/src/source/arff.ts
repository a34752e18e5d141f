import { defineNode, port, readArff } from '@causeway/sdk';
import { z } from 'zod';
import { tableOrThrow } from './table-or-throw';

const config = z.object({
  file: z
    .string()
    .min(1)
    .max(1000)
    .describe('The file to read, relative to the graph, or the name of a file uploaded in the editor.')
    .meta({ ui: 'file' }),
});

/** Reads a Weka ARFF file into a table. */
export const arffSource = defineNode({
  type: 'source.arff',
  version: 1,
  category: 'source',
  title: 'ARFF file',
  description: 'Reads a Weka ARFF file (dense or sparse rows); column types come from its @attribute lines.',
  inputs: {},
  outputs: { table: port.table() },
  config,
  // The columns are known only once the file is read.
  infer: () => ({}),
  fingerprint: ({ config, ctx }) => ctx.files.fingerprint(config.file),
  run: async ({ config, ctx }) => {
    const bytes = await ctx.files.read(config.file, ctx.signal);
    return { table: tableOrThrow(readArff(bytes, { signal: ctx.signal }), config.file, 'ARFF') };
  },
});
