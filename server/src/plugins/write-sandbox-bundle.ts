import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rewriteBundleImports } from './rewrite-bundle-imports';
import type { SandboxRuntime } from './sandbox/build-sandbox-runtime';

/**
 * Writes a checked bundle to `<dir>/<sha256>/plugin.mjs`, its `@causeway/sdk` and `apache-arrow`
 * imports pointed at the sandbox runtime; kept when already up to date. Returns the folder, which
 * holds nothing but the bundle (the sandbox may read it).
 */
export async function writeSandboxBundle(bytes: Uint8Array, sha256: string, runtime: SandboxRuntime, dir: string): Promise<string> {
  const folder = join(dir, sha256);
  const file = join(folder, 'plugin.mjs');
  const text = await rewriteBundleImports(new TextDecoder().decode(bytes), runtime.specifiers);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current !== text) {
    await mkdir(folder, { recursive: true });
    // Written beside, then renamed: a sandbox starting meanwhile never reads half a bundle.
    const temp = `${file}.${process.pid}.${Date.now()}.part`;
    await writeFile(temp, text);
    await rename(temp, file);
  }
  return folder;
}
