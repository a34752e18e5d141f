import { type Graph, type GraphNode, splitEndpoint } from '../graph/schema';
import type { AnyNodeDefinition } from '../node/define-node';
import type { NodeRegistry } from '../node/registry';

interface Link {
  node: string;
  port: string;
  other: string;
  otherPort: string;
}

/** What the structural lint rules ask of a graph: definitions, edges each way, and what lies upstream. */
export interface GraphFacts {
  nodes: readonly GraphNode[];
  index: ReadonlyMap<string, number>;
  definition(id: string): AnyNodeDefinition | undefined;
  /** Edges into a node: `port` is its input, `other.otherPort` the output feeding it. */
  incoming(id: string): readonly Link[];
  /** Edges out of a node: `port` is its output, `other.otherPort` the input it feeds. */
  outgoing(id: string): readonly Link[];
  /** Every output endpoint (`node.port`) a node's table inputs are derived from, through table edges only. */
  tableAncestry(id: string): ReadonlySet<string>;
  /** Every node upstream of a node, through any edge. */
  upstream(id: string): ReadonlySet<string>;
}

/** Builds the {@link GraphFacts} of a graph once, for all rules. */
export function graphFacts(graph: Graph, registry: NodeRegistry): GraphFacts {
  const index = new Map(graph.nodes.map((node, i) => [node.id, i]));
  const definitions = new Map<string, AnyNodeDefinition | undefined>();
  for (const node of graph.nodes) {
    const resolution = registry.resolve(node.type, node.version);
    definitions.set(node.id, resolution.status === 'exact' || resolution.status === 'migrate' ? resolution.definition : undefined);
  }
  const incoming = new Map<string, Link[]>();
  const outgoing = new Map<string, Link[]>();
  for (const edge of graph.edges) {
    const from = splitEndpoint(edge.from);
    const to = splitEndpoint(edge.to);
    if (!from || !to || !index.has(from.node) || !index.has(to.node)) continue;
    incoming.set(to.node, [...(incoming.get(to.node) ?? []), { node: to.node, port: to.port, other: from.node, otherPort: from.port }]);
    outgoing.set(from.node, [...(outgoing.get(from.node) ?? []), { node: from.node, port: from.port, other: to.node, otherPort: to.port }]);
  }
  const ancestry = new Map<string, Set<string>>();
  const tableAncestry = (id: string): Set<string> => {
    const known = ancestry.get(id);
    if (known) return known;
    const out = new Set<string>();
    ancestry.set(id, out); // a cycle stops here rather than looping
    const inputs = definitions.get(id)?.inputs ?? {};
    for (const link of incoming.get(id) ?? []) {
      if (inputs[link.port]?.kind !== 'table') continue;
      out.add(`${link.other}.${link.otherPort}`);
      for (const endpoint of tableAncestry(link.other)) out.add(endpoint);
    }
    return out;
  };
  const upstreamSets = new Map<string, Set<string>>();
  const upstream = (id: string): Set<string> => {
    const known = upstreamSets.get(id);
    if (known) return known;
    const out = new Set<string>();
    upstreamSets.set(id, out);
    for (const link of incoming.get(id) ?? []) {
      out.add(link.other);
      for (const node of upstream(link.other)) out.add(node);
    }
    return out;
  };
  return {
    nodes: graph.nodes,
    index,
    definition: (id) => definitions.get(id),
    incoming: (id) => incoming.get(id) ?? [],
    outgoing: (id) => outgoing.get(id) ?? [],
    tableAncestry,
    upstream,
  };
}
