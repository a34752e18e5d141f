import { open, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type FileStore, UserError } from '@causeway/sdk';

/**
 * The file in reads of `chunkBytes` into one buffer that every chunk reuses: a chunk is valid until
 * the next is asked for (the CSV reader copies it into its window at once). A fresh buffer per read
 * would leave hundreds of dead megabytes for the collector on a large file, and they count in RSS.
 */
export async function* fileChunks(path: string, chunkBytes: number, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  signal?.throwIfAborted();
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(chunkBytes);
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** How a missing file is explained where the folder is the graph's own (the CLI). */
const besideTheGraph = (name: string, path: string) =>
  `No file "${name}" beside the graph: looked for ${path}. Put the file there, or correct the node's file name.`;

/**
 * A FileStore over one folder: names are relative paths inside it, and neither `..`, an
 * absolute path nor a symbolic link may lead out of it. The fingerprint is size + mtime.
 * `missing` words the error for a name that is not there, saying how to fix it.
 */
export function folderFiles(folder: string, missing: (name: string, path: string) => string = besideTheGraph): FileStore {
  const root = realpath(folder);
  const locate = async (name: string): Promise<string> => {
    const base = await root;
    const wanted = resolve(base, name);
    if (isAbsolute(name) || !inside(base, wanted)) {
      throw new UserError('FILE_UNKNOWN', `"${name}" is outside the graph's folder; name files relative to it.`);
    }
    let real: string;
    try {
      real = await realpath(wanted);
    } catch {
      throw new UserError('FILE_UNKNOWN', missing(name, wanted), { details: { name } });
    }
    if (!inside(base, real)) throw new UserError('FILE_UNKNOWN', `"${name}" links outside the graph's folder.`);
    return real;
  };
  return {
    async read(name, signal) {
      const path = await locate(name);
      try {
        return new Uint8Array(await readFile(path, signal ? { signal } : {}));
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new UserError('FILE_UNKNOWN', `Cannot read "${name}": ${(error as Error).message}`, { cause: error });
      }
    },
    async open(name, signal) {
      const path = await locate(name);
      const { size } = await stat(path);
      // 1 MiB reads: the CSV reader scans a window at a time, so bigger reads mean fewer scans.
      return { size, chunks: () => fileChunks(path, 1 << 20, signal) };
    },
    async fingerprint(name) {
      const info = await stat(await locate(name));
      return `${info.size}-${info.mtimeMs}`;
    },
  };
}
