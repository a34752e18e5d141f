import { type DescriptorRun, type NodeDescriptor, NodeRegistry, nodeFromDescriptor } from '@causeway/sdk';
import type { ResolvedPlugin } from './resolve-plugins';

/**
 * The built-ins plus a definition per node type of the given plugin versions, built from their
 * descriptors (`nodeFromDescriptor`), never from their code. `runOf` supplies how a node runs
 * (a sandbox call); without it running one fails with `PLUGIN_MISSING`.
 */
export function registryWithPlugins<P extends ResolvedPlugin>(
  base: NodeRegistry,
  plugins: readonly P[],
  runOf?: (plugin: P, node: NodeDescriptor) => DescriptorRun,
): NodeRegistry {
  if (plugins.length === 0) return base;
  const registry = new NodeRegistry().add(...base.list());
  for (const plugin of plugins) for (const node of plugin.nodes) registry.add(nodeFromDescriptor(node, runOf?.(plugin, node)));
  return registry;
}
