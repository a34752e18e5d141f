import { CausewayError, type Graph, type GraphNode, type Issue, type NodeRegistry } from '@causeway/sdk';

/** What a host's migration pass gives back: the graph with its old plugin nodes migrated, and why any could not be. */
export interface MigratedGraph {
  graph: Graph;
  issues: Issue[];
}

/**
 * Migrates the graph's nodes of plugin types whose version is older than the registered one (a
 * descriptor that `migrates`): `migrate` runs the plugin's own `migrate` where its code runs (the
 * sandbox) and the node takes the new version and config. The graph's other nodes are left to the
 * engine. A migration that fails is a `CONFIG_INVALID` issue on the node's config (or the
 * sandbox's code, e.g. `PLUGIN_TIMEOUT`), naming both versions and the reason.
 */
export async function migratePluginNodes(
  graph: Graph,
  registry: NodeRegistry,
  isPluginType: (type: string) => boolean,
  migrate: (node: GraphNode, toVersion: number) => Promise<unknown>,
): Promise<MigratedGraph> {
  const issues: Issue[] = [];
  const nodes: GraphNode[] = [];
  for (const [index, node] of graph.nodes.entries()) {
    const resolution = isPluginType(node.type) ? registry.resolve(node.type, node.version) : undefined;
    if (resolution?.status !== 'migrate') {
      nodes.push(node);
      continue;
    }
    const to = resolution.definition.version;
    try {
      const config = await migrate(node, to);
      nodes.push({ ...node, version: to, config: config as GraphNode['config'] });
    } catch (error) {
      const code = error instanceof CausewayError && error.code !== 'NODE_FAILED' ? error.code : 'CONFIG_INVALID';
      const reason = error instanceof Error ? error.message : String(error);
      issues.push({
        code,
        path: ['nodes', index, 'config'],
        nodeId: node.id,
        message: `The config of node "${node.id}" (${node.type} version ${node.version}) cannot be migrated to version ${to}: ${reason}`,
      });
      nodes.push(node);
    }
  }
  return { graph: { ...graph, nodes }, issues };
}

/** The migration's issues, then the validation's except those on nodes whose migration failed (already reported). */
export function mergeMigrationIssues(migration: readonly Issue[], validation: readonly Issue[]): Issue[] {
  const failed = new Set(migration.map((issue) => issue.nodeId));
  return [...migration, ...validation.filter((issue) => issue.nodeId === undefined || !failed.has(issue.nodeId))];
}
