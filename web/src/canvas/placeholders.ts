import { type Graph, type GraphNode, type Issue, splitEndpoint } from '@causeway/sdk';
import { satisfies, validRange } from 'semver';
import type { EditorCatalog, PluginStatus } from '../registry';

/** A plugin a graph requires (`requires`) that the editor does not have in a version the range accepts. */
export interface MissingPlugin {
  name: string;
  range: string;
  /** Versions of it that are loaded, none of which fits the range. */
  loaded: string[];
}

/** The package a node type comes from: the `requires` entry whose name prefixes the type (`<name>/node`, `<name>.node`). */
export function pluginOfType(graph: Graph, type: string): { name: string; range: string } | undefined {
  let best: { name: string; range: string } | undefined;
  for (const [name, range] of Object.entries(graph.requires ?? {})) {
    if ((type.startsWith(`${name}/`) || type.startsWith(`${name}.`)) && name.length > (best?.name.length ?? 0)) best = { name, range };
  }
  return best;
}

function fits(plugin: PluginStatus, range: string): boolean {
  if (plugin.error !== undefined) return false;
  return validRange(range) ? satisfies(plugin.version, range, { includePrerelease: true }) : plugin.version === range;
}

/** The plugins the graph requires that are not loaded in a fitting version. */
export function missingPlugins(graph: Graph, plugins: readonly PluginStatus[]): MissingPlugin[] {
  return Object.entries(graph.requires ?? {}).flatMap(([name, range]) => {
    const same = plugins.filter((p) => p.name === name);
    if (same.some((p) => fits(p, range))) return [];
    return [{ name, range, loaded: same.filter((p) => p.error === undefined).map((p) => p.version) }];
  });
}

/** How the card and the inspector explain a node whose type is not known here. */
export function placeholderReason(graph: Graph, node: GraphNode, plugins: readonly PluginStatus[]): string {
  const plugin = pluginOfType(graph, node.type);
  if (!plugin) return `Unknown node type “${node.type}” v${node.version}. It cannot run until the plugin that provides it is installed.`;
  const missing = missingPlugins(graph, plugins).find((m) => m.name === plugin.name);
  const loaded = missing?.loaded.length ? ` (installed: ${missing.loaded.join(', ')})` : '';
  return `Needs plugin ${plugin.name} ${plugin.range}, which is not installed${loaded}. The node is kept as it is and cannot run.`;
}

/** Node issues of unknown types re-worded to name the plugin they need. */
export function explainUnknownTypes(graph: Graph, issues: Issue[], catalog: EditorCatalog): Issue[] {
  let byId: Map<string, GraphNode> | undefined;
  return issues.map((issue) => {
    if (issue.code !== 'NODE_TYPE_UNKNOWN' || issue.nodeId === undefined) return issue;
    byId ??= new Map(graph.nodes.map((n) => [n.id, n]));
    const node = byId.get(issue.nodeId);
    return node ? { ...issue, code: 'PLUGIN_MISSING', message: placeholderReason(graph, node, catalog.plugins) } : issue;
  });
}

const portsByGraph = new WeakMap<Graph, Map<string, { inputs: string[]; outputs: string[] }>>();

/**
 * The ports a node of an unknown type shows: those its edges name. Enough to draw the edges and keep
 * them, since the node's real ports are unknown here.
 */
export function placeholderPorts(graph: Graph, nodeId: string): { inputs: string[]; outputs: string[] } {
  let byNode = portsByGraph.get(graph);
  if (!byNode) {
    byNode = new Map();
    const entry = (id: string) => {
      let found = byNode?.get(id);
      if (!found) {
        found = { inputs: [], outputs: [] };
        byNode?.set(id, found);
      }
      return found;
    };
    for (const edge of graph.edges) {
      const from = splitEndpoint(edge.from);
      const to = splitEndpoint(edge.to);
      if (from && !entry(from.node).outputs.includes(from.port)) entry(from.node).outputs.push(from.port);
      if (to && !entry(to.node).inputs.includes(to.port)) entry(to.node).inputs.push(to.port);
    }
    portsByGraph.set(graph, byNode);
  }
  return byNode.get(nodeId) ?? { inputs: [], outputs: [] };
}
