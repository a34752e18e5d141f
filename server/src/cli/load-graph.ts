import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Graph, graphLimits, parseGraph, type Result } from '@causeway/sdk';

/** A graph read from disk, with the folder its files are resolved in. */
export interface LoadedGraph {
  graph: Graph;
  path: string;
  folder: string;
}

/** Reads and parses a graph file; a missing, huge or malformed file gives issues, never a throw. */
export async function loadGraph(file: string, cwd: string): Promise<Result<LoadedGraph>> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, issues: [{ code: 'FILE_UNKNOWN', path: [], message: `"${file}" is not a file.` }] };
    if (info.size > graphLimits.bytes) {
      return {
        ok: false,
        issues: [{ code: 'GRAPH_TOO_LARGE', path: [], message: `"${file}" is ${info.size} bytes; the limit is ${graphLimits.bytes}.` }],
      };
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, issues: [{ code: 'FILE_UNKNOWN', path: [], message: `Cannot read "${file}": ${reason}.` }] };
  }
  const parsed = parseGraph(text);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { graph: parsed.value, path, folder: dirname(path) } };
}
