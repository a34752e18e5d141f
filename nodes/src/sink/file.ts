import { defineNode, exportPathProblem, port, UserError } from '@causeway/sdk';
import { z } from 'zod';
import { tableFileBytes, tableFileFormats } from '../shared/table-file-bytes';

const written = z.object({ path: z.string(), format: z.enum(tableFileFormats), rows: z.number().int(), bytes: z.number().int() });

const config = z
  .object({
    path: z
      .string()
      .min(1)
      .max(1000)
      .describe('Where the file goes, relative to the export folder (server: the data dir’s exports; CLI: --out), e.g. daily/scores.csv.'),
    format: z
      .enum(tableFileFormats)
      .default('csv')
      .describe('csv (UTF-8, with a header), parquet, arrow (Arrow IPC file) or jsonl (one JSON object per line).'),
  })
  .strict()
  .superRefine((value, ctx) => {
    const problem = exportPathProblem(value.path);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['path'], message: problem });
  });

/**
 * `sink.file`: writes its input table to a file — on the server into the data dir's exports folder,
 * in the CLI under `--out`, in the browser as a download. A side effect, never cached; the file is
 * written whole to a temp file and renamed, so a failed write leaves the old file and a retry
 * replaces it.
 */
export const fileSink = defineNode({
  type: 'sink.file',
  version: 1,
  category: 'deploy',
  title: 'Write file',
  description: 'Write a table to a CSV, Parquet, Arrow or JSON lines file in the export folder (a download in the browser).',
  effects: true,
  inputs: { table: port.table() },
  outputs: { written: port.value(written, { description: 'The file written: path, format, rows and bytes.' }) },
  config,
  infer: () => ({}),
  run: async ({ inputs, config, ctx }) => {
    if (ctx.exports === undefined)
      throw new UserError('EXPORTS_MISSING', 'This host keeps no exported files; run the graph on the server.');
    const bytes = tableFileBytes(inputs.table, config.format);
    ctx.progress(0.5);
    const file = await ctx.exports.write(config.path, bytes, ctx.signal);
    ctx.log('info', `Wrote ${inputs.table.numRows} rows (${file.bytes} bytes) to ${file.name}.`);
    ctx.progress(1);
    return { written: { path: file.name, format: config.format, rows: inputs.table.numRows, bytes: file.bytes } };
  },
});
