import { defineNode, port, readArrow } from '@causeway/sdk';
import { z } from 'zod';
import { tableOrThrow } from './table-or-throw';

const config = z.object({
  file: z.string().min(1).max(1000).describe('The file to read, relative to the graph, or the name of a file uploaded in the editor.'),
});

/** Reads an Arrow IPC file or stream into a table, zero-copy. */
export const arrowSource = defineNode({
  type: 'source.arrow',
  version: 1,
  category: 'source',
  title: 'Arrow file',
  description: 'Reads an Arrow IPC file or stream (.arrow, .feather v2) into a table without copying it.',
  inputs: {},
  outputs: { table: port.table() },
  config,
  infer: () => ({}),
  fingerprint: ({ config, ctx }) => ctx.files.fingerprint(config.file),
  run: async ({ config, ctx }) => {
    const bytes = await ctx.files.read(config.file, ctx.signal);
    return { table: tableOrThrow(readArrow(bytes), config.file, 'Arrow IPC') };
  },
});
