import { join } from 'node:path';
import { UserError } from '@causeway/sdk';
import type { PluginsRepository } from './plugins-repository';
import type { SandboxRuntime } from './sandbox/build-sandbox-runtime';
import { writeSandboxBundle } from './write-sandbox-bundle';

// Bundles this process already wrote for a runtime: a later run skips the database and the disk.
const written = new Set<string>();

/**
 * Writes a plugin version's bundle from the database to `<dir>/<sha256>/plugin.mjs`, its
 * `@causeway/sdk` and `apache-arrow` imports pointed at the sandbox runtime, so a worker never
 * lacks a plugin that was installed through another machine. Kept when already up to date.
 * Returns the folder, which holds nothing but the bundle.
 */
export async function materializeBundle(
  repository: PluginsRepository,
  plugin: { name: string; version: string; sha256: string },
  runtime: SandboxRuntime,
  dir: string,
): Promise<string> {
  const key = `${join(dir, plugin.sha256)}\n${runtime.dir}`;
  if (written.has(key)) return join(dir, plugin.sha256);
  const stored = await repository.bundle(plugin.name, plugin.version);
  if (stored === undefined || stored.sha256 !== plugin.sha256) {
    throw new UserError('PLUGIN_MISSING', `Plugin ${plugin.name}@${plugin.version} was removed or replaced while the run started.`);
  }
  const folder = await writeSandboxBundle(stored.bytes, plugin.sha256, runtime, dir);
  written.add(key);
  return folder;
}
