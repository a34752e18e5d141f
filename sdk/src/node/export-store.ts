import { UserError } from '../errors/errors';

/**
 * Where nodes write files for people to pick up (server hosts: the data dir's `exports` folder; the
 * CLI: the `--out` folder; the browser: downloads). A name is a relative path of plain names
 * (`scores.csv`, `daily/scores.csv`, see {@link exportPathProblem}); writing the same name again
 * replaces the file, and a failed write leaves the file as it was.
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

// One folder or file name: no leading dot (nothing hidden, no `..`), no separators.
const plainName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const maxDepth = 8;

/**
 * Why `path` cannot name an exported file, or undefined when it can: a relative path of at most 8
 * plain names (letters, digits, `.`, `_`, `-`, not starting with a dot) joined by `/`, so no write
 * lands outside the export folder or hides in it.
 *
 * @example
 * exportPathProblem('daily/scores.csv'); // undefined
 * exportPathProblem('../etc/passwd');    // '"../etc/passwd" … no ".." …'
 */
export function exportPathProblem(path: string): string | undefined {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\'))
    return `"${path}" is an absolute path: give a path relative to the export folder, e.g. daily/scores.csv.`;
  const parts = path.split('/');
  if (parts.includes('..')) return `"${path}" leads out of the export folder: no ".." in the path.`;
  if (parts.length > maxDepth) return `"${path}" is more than ${maxDepth} folders deep.`;
  const bad = parts.find((part) => !plainName.test(part));
  if (bad !== undefined)
    return `"${path}" has ${bad === '' ? 'an empty part' : `the part "${bad}"`}: use letters, digits, ".", "_" or "-", not starting with a dot.`;
  return undefined;
}

/**
 * An ExportStore kept in memory (the browser's, whose files the page offers as downloads; tests'):
 * paths are checked as on the server, and `files` holds the latest bytes written under each path.
 *
 * @example
 * const exports = memoryExports();
 * await runGraph(graph, { registry, exports });
 * exports.files.get('scores.csv'); // Uint8Array
 */
export function memoryExports(): ExportStore & { readonly files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    async write(name, bytes, signal) {
      signal?.throwIfAborted();
      const problem = exportPathProblem(name);
      if (problem !== undefined) throw new UserError('INPUT_INVALID', problem);
      files.set(name, bytes);
      return { name, bytes: bytes.byteLength };
    },
  };
}
