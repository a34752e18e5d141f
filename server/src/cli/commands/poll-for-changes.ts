import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Dependencies, build output and dot-folders never trigger a rebuild. */
const ignoredNames = new Set(['node_modules', 'dist']);
const isIgnored = (name: string) => ignoredNames.has(name) || name.startsWith('.');

/** Every file under `dir` as `path size mtime inode`: an edit, an atomic replace (new inode) or an append changes it. */
async function fingerprint(dir: string): Promise<string> {
  const lines: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries: Dirent[] = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (isIgnored(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const info = await stat(path).catch(() => undefined);
        if (info !== undefined) lines.push(`${path} ${info.size} ${info.mtimeMs} ${info.ino}`);
      }
    }
  };
  await walk(dir);
  return lines.sort().join('\n');
}

/**
 * Calls `onChange` when a file under `dir` is added, removed, edited or replaced, by comparing the
 * folder's fingerprint every `intervalMs`. Polling, not `fs.watch`: Node's recursive `fs.watch` on
 * Linux loses a file once an editor has replaced it (write to a temp file, rename over). Stops when
 * `signal` aborts.
 */
export async function pollForChanges(dir: string, signal: AbortSignal, onChange: () => void, intervalMs = 300): Promise<void> {
  let last = await fingerprint(dir);
  while (!signal.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
    if (signal.aborted) return;
    const now = await fingerprint(dir);
    if (now !== last) {
      last = now;
      onChange();
    }
  }
}
