import { randomUUID } from 'node:crypto';
import { mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { type ExportStore, exportPathProblem, UserError } from '@causeway/sdk';

/**
 * An ExportStore over one folder (the server's `<dataDir>/exports`, the CLI's `--out`): relative
 * paths of plain names only, folders made as needed, and no folder may be a link leading out. Each
 * write is atomic (a temp file in the same folder, then rename), so a reader never sees half a file,
 * a failed write leaves the old file as it was, and a rerun replaces it.
 */
export function folderExports(folder: string): ExportStore {
  return {
    async write(name, bytes, signal) {
      const problem = exportPathProblem(name);
      if (problem !== undefined) throw new UserError('INPUT_INVALID', problem);
      const target = join(folder, name);
      await mkdir(dirname(target), { recursive: true });
      const [root, parent] = await Promise.all([realpath(folder), realpath(dirname(target))]);
      const inside = relative(root, parent);
      if (inside.startsWith(`..${sep}`) || inside === '..')
        throw new UserError('INPUT_INVALID', `"${name}" leads out of the export folder through a link.`);
      const temp = join(parent, `.${randomUUID()}.part`);
      try {
        await writeFile(temp, bytes, signal ? { signal } : {});
        await rename(temp, join(parent, basename(target)));
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { name, bytes: bytes.byteLength };
    },
  };
}
