import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ExportStore, UserError } from '@causeway/sdk';

// A plain file name: no folders, no leading dot, so nothing lands outside the folder or hides in it.
const fileName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * An ExportStore over one folder (the server's `<dataDir>/exports`): plain file names only, each
 * write atomic (temp file, then rename), so a reader never sees half a file and a rerun replaces it.
 */
export function folderExports(folder: string): ExportStore {
  return {
    async write(name, bytes, signal) {
      if (!fileName.test(name) || name.includes('..')) {
        throw new UserError('INPUT_INVALID', `"${name}" is not a plain file name: use letters, digits, ".", "_" or "-", no folders.`);
      }
      await mkdir(folder, { recursive: true });
      const temp = join(folder, `.${randomUUID()}.part`);
      await writeFile(temp, bytes, signal ? { signal } : {});
      await rename(temp, join(folder, name));
      return { name, bytes: bytes.byteLength };
    },
  };
}
