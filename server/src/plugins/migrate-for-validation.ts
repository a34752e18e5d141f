import { mkdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Graph, NodeRegistry } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { materializeBundle } from './materialize-bundle';
import type { MigratedGraph } from './migrate-plugin-nodes';
import type { SandboxPlugin } from './plugin-host-calls';
import { pluginSandboxSettings } from './plugin-sandbox-settings';
import { PluginsRepository } from './plugins-repository';
import type { ResolvedPlugin } from './resolve-plugins';
import { buildSandboxRuntime } from './sandbox/build-sandbox-runtime';
import { sandboxCacheDir } from './sandbox-cache-dir';
import { sandboxSetupOf } from './sandbox-setup';
import { sandboxRegistry } from './sandboxed-plugins';

/** True when a node of the graph has an older version of a plugin node type that migrates. */
export function needsPluginMigration(graph: Graph, builtins: NodeRegistry, registry: NodeRegistry): boolean {
  return graph.nodes.some((node) => !builtins.has(node.type) && registry.resolve(node.type, node.version).status === 'migrate');
}

/**
 * The graph with its nodes of older plugin versions migrated for validation on the server: the
 * plugins' bundles are loaded in a sandbox process (never in this process), their `migrate` run,
 * and the sandbox stopped.
 */
export async function migrateForValidation(
  db: Kysely<Database>,
  builtins: NodeRegistry,
  plugins: readonly ResolvedPlugin[],
  graph: Graph,
): Promise<MigratedGraph> {
  const dir = sandboxCacheDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const runtime = await buildSandboxRuntime(dir);
  const repository = new PluginsRepository(db);
  const readDirs = [runtime.dir];
  const ready: SandboxPlugin[] = [];
  for (const plugin of plugins) {
    const folder = await materializeBundle(repository, plugin, runtime, dir);
    readDirs.push(folder);
    ready.push({ ...plugin, bundle: pathToFileURL(`${folder}/plugin.mjs`).href });
  }
  const sandbox = sandboxRegistry(builtins, ready, sandboxSetupOf(pluginSandboxSettings(process.env), runtime.entry, readDirs));
  try {
    return await sandbox.migrate(graph);
  } finally {
    sandbox.close();
  }
}
