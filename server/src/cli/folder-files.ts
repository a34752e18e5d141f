import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type FileStore, UserError } from '@causeway/sdk';

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * A FileStore over one folder: names are relative paths inside it, and neither `..`, an
 * absolute path nor a symbolic link may lead out of it. The fingerprint is size + mtime.
 */
export function folderFiles(folder: string): FileStore {
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
      throw new UserError('FILE_UNKNOWN', `No file "${name}" beside the graph.`);
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
      return { size, chunks: () => createReadStream(path, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) }) };
    },
    async fingerprint(name) {
      const info = await stat(await locate(name));
      return `${info.size}-${info.mtimeMs}`;
    },
  };
}
