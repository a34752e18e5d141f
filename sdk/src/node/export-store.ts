import { UserError } from '../errors/errors';

/**
 * Where nodes write files for people to pick up (server hosts: the data dir's `exports` folder). A
 * name is a plain file name; writing the same name again replaces the file.
 *
 * @example
 * const { name, bytes } = await ctx.exports.write('scores.csv', new TextEncoder().encode(csv));
 */
export interface ExportStore {
  write(name: string, bytes: Uint8Array, signal?: AbortSignal): Promise<{ name: string; bytes: number }>;
}

/**
 * The store of a host that keeps no exported files: every write fails with EXPORTS_MISSING.
 *
 * @example
 * await runGraph(graph, { registry, exports: noExports }); // the default
 */
export const noExports: ExportStore = {
  write: () => Promise.reject(new UserError('EXPORTS_MISSING', 'This host keeps no exported files; run the graph on the server.')),
};
