import { describeNode, type NodeDescriptor, type NodeRegistry, type PluginManifest } from '@causeway/sdk';
import { rcompare } from 'semver';

/** One node type as the editor's palette and inspector need it. */
export type CatalogEntry = NodeDescriptor;

/** A plugin version offered to the catalogue: enabled on a server, or loaded by the CLI. */
export interface CatalogPlugin {
  name: string;
  version: string;
  manifest: PluginManifest;
}

/**
 * The node catalogue `GET /api/nodes` and `causeway nodes --json` both print: every registered
 * node type described by `describeNode`, plus the node descriptors of the newest version of each
 * plugin (as its manifest states them: no plugin code runs), sorted by type, then version.
 */
export function nodeCatalog(registry: NodeRegistry, plugins: readonly CatalogPlugin[] = []): CatalogEntry[] {
  const newest = new Map<string, CatalogPlugin>();
  for (const plugin of [...plugins].sort((a, b) => rcompare(a.version, b.version))) {
    if (!newest.has(plugin.name)) newest.set(plugin.name, plugin);
  }
  const entries = [...registry.list().map(describeNode), ...[...newest.values()].flatMap((plugin) => plugin.manifest.nodes)];
  return entries.sort((a, b) => (a.type === b.type ? a.version - b.version : a.type < b.type ? -1 : 1));
}
