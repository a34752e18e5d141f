import { type Graph, type GraphNode, type NodeRegistry, splitEndpoint } from '@causeway/sdk';
import { pushableTypes } from './chain-sql';
import { pushdownType } from './pushdown-node';

/** A chain the rewrite fused: the source, the nodes after it, and the node id that now stands for them all. */
export interface FusedChain {
  sourceId: string;
  members: string[];
  lastId: string;
}

/**
 * The graph with every `source.postgres` and the chain of pushable nodes after it (each the only
 * consumer of the one before, with the registry's current version) replaced by one
 * `pushdown.postgres` node bearing the last node's id, so edges out of the chain are unchanged.
 * A chain ends at a node a run targets, so "run up to here" keeps its target.
 *
 * @example
 * const { graph: planned, chains } = pushDownGraph(graph, registry, options.targets);
 */
export function pushDownGraph(graph: Graph, registry: NodeRegistry, targets?: readonly string[]): { graph: Graph; chains: FusedChain[] } {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, number>();
  for (const edge of graph.edges) {
    const from = splitEndpoint(edge.from)?.node;
    const to = splitEndpoint(edge.to);
    if (from === undefined || to === undefined) continue;
    outgoing.set(from, [...(outgoing.get(from) ?? []), edge.to]);
    incoming.set(to.node, (incoming.get(to.node) ?? 0) + 1);
  }
  const stopAt = new Set(targets ?? []);
  const removed = new Set<string>();
  const replaced = new Map<string, GraphNode>();
  const chains: FusedChain[] = [];
  for (const source of graph.nodes) {
    if (source.type !== 'source.postgres' || stopAt.has(source.id)) continue;
    const members: GraphNode[] = [];
    let current = source;
    for (;;) {
      const outs = outgoing.get(current.id) ?? [];
      const next = outs.length === 1 ? splitEndpoint(outs[0] as string) : undefined;
      const node = next === undefined ? undefined : byId.get(next.node);
      if (node === undefined || next?.port !== 'table' || incoming.get(node.id) !== 1) break;
      const definition = registry.latest(node.type);
      if (!pushableTypes.has(node.type) || definition?.version !== node.version) break;
      // A config the node would refuse stays in the graph, so the run is refused with its issues as before.
      if (!definition.config.safeParse(node.config).success) break;
      members.push(node);
      current = node;
      if (stopAt.has(node.id)) break;
    }
    const last = members.at(-1);
    if (last === undefined) continue;
    removed.add(source.id);
    for (const member of members.slice(0, -1)) removed.add(member.id);
    replaced.set(last.id, {
      ...last,
      id: last.id,
      type: pushdownType,
      version: 1,
      config: {
        sourceId: source.id,
        source: source.config,
        steps: members.map((m) => ({ id: m.id, type: m.type, version: m.version, config: m.config })),
      },
    });
    chains.push({ sourceId: source.id, members: members.map((m) => m.id), lastId: last.id });
  }
  if (chains.length === 0) return { graph, chains };
  const nodes = graph.nodes.filter((n) => !removed.has(n.id)).map((n) => replaced.get(n.id) ?? n);
  const edges = graph.edges.filter((e) => {
    const to = splitEndpoint(e.to)?.node;
    return to === undefined || !(removed.has(to) || replaced.has(to));
  });
  return { graph: { ...graph, nodes, edges }, chains };
}
