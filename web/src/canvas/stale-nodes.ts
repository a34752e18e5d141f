import { type Graph, type GraphNode, splitEndpoint } from '@causeway/sdk';

/**
 * The nodes whose last results an edit from `before` to `after` may have changed: nodes whose type,
 * version or config changed, nodes whose inputs were rewired, and everything downstream of them.
 * Moves, labels and notes change no result. Linear in the graph's size.
 */
export function staleNodes(before: Graph, after: Graph): Set<string> {
  return downstreamOf(after, editedNodes(before, after));
}

/** Nodes of `after` edited since `before` (not counting what lies downstream). */
export function editedNodes(before: Graph, after: Graph): Set<string> {
  const seeds = new Set<string>();
  if (before.nodes !== after.nodes) {
    const old = new Map<string, GraphNode>();
    for (const node of before.nodes) old.set(node.id, node);
    for (const node of after.nodes) {
      const was = old.get(node.id);
      if (was !== node && !sameResult(was, node)) seeds.add(node.id);
    }
  }
  if (before.edges !== after.edges) {
    const key = (e: Graph['edges'][number]) => `${e.from}->${e.to}`;
    const oldKeys = new Set(before.edges.map(key));
    const newKeys = new Set(after.edges.map(key));
    for (const edge of after.edges) if (!oldKeys.has(key(edge))) addTarget(seeds, edge.to);
    for (const edge of before.edges) if (!newKeys.has(key(edge))) addTarget(seeds, edge.to);
  }
  return seeds;
}

/** `seeds` and every node they feed, directly or not, in `graph`. */
export function downstreamOf(graph: Graph, seeds: ReadonlySet<string>): Set<string> {
  const reached = new Set<string>();
  if (seeds.size === 0) return reached;
  const next = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const from = splitEndpoint(edge.from)?.node;
    const to = splitEndpoint(edge.to)?.node;
    if (from === undefined || to === undefined) continue;
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  }
  const queue = [...seeds];
  for (const id of queue) reached.add(id);
  for (let i = 0; i < queue.length; i++) {
    for (const to of next.get(queue[i] as string) ?? []) {
      if (reached.has(to)) continue;
      reached.add(to);
      queue.push(to);
    }
  }
  return reached;
}

function addTarget(seeds: Set<string>, endpoint: string): void {
  const node = splitEndpoint(endpoint)?.node;
  if (node !== undefined) seeds.add(node);
}

function sameResult(a: GraphNode | undefined, b: GraphNode): boolean {
  return a !== undefined && a.type === b.type && a.version === b.version && a.config === b.config;
}
