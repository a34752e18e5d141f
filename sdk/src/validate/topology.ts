/**
 * A dependency between two nodes, by id.
 *
 * @example
 * const deps: Dependency[] = [{ from: 'load', to: 'split' }];
 */
export interface Dependency {
  from: string;
  to: string;
}

/**
 * The result of ordering a graph: every node once, or the cycles that prevent it.
 *
 * @example
 * const { order, cycles } = topologicalOrder(['load', 'split'], [{ from: 'load', to: 'split' }]); // order ['load', 'split']
 */
export interface Topology {
  /** Nodes in an order consistent with the dependencies (nodes on or after a cycle are left out). */
  order: string[];
  /** Each cycle found, as the node ids along it, the first repeated at the end: `['a', 'b', 'a']`. */
  cycles: string[][];
}

/**
 * Orders nodes so every dependency comes before its dependents (Kahn's algorithm), and names the
 * cycles when there are any. Iterative, O(nodes + dependencies).
 *
 * @example
 * topologicalOrder(['a', 'b'], [{ from: 'a', to: 'b' }]).order // ['a', 'b']
 */
export function topologicalOrder(nodeIds: readonly string[], dependencies: readonly Dependency[]): Topology {
  const successors = new Map<string, string[]>();
  const inDegree = new Map<string, number>();
  for (const id of nodeIds) {
    successors.set(id, []);
    inDegree.set(id, 0);
  }
  for (const { from, to } of dependencies) {
    const next = successors.get(from);
    if (!next || !inDegree.has(to)) continue;
    next.push(to);
    inDegree.set(to, (inDegree.get(to) ?? 0) + 1);
  }
  const order: string[] = [];
  const ready = nodeIds.filter((id) => inDegree.get(id) === 0);
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i] as string;
    order.push(id);
    for (const next of successors.get(id) ?? []) {
      const left = (inDegree.get(next) ?? 0) - 1;
      inDegree.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  const cycles = order.length === nodeIds.length ? [] : findCycles(nodeIds, successors, new Set(order));
  return { order, cycles };
}

/** Finds cycles among the nodes Kahn's algorithm could not order: at least one per tangled group. */
function findCycles(nodeIds: readonly string[], successors: Map<string, string[]>, ordered: Set<string>): string[][] {
  const onCycles = withoutDeadEnds(nodeIds, successors, ordered);
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of nodeIds) {
    if (!onCycles.has(start) || done.has(start)) continue;
    // Every remaining node has a remaining successor, so walking forward must repeat a node.
    const onPath = new Map<string, number>();
    const path: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !done.has(current) && !onPath.has(current)) {
      onPath.set(current, path.length);
      path.push(current);
      current = (successors.get(current) ?? []).find((next) => onCycles.has(next) && !done.has(next));
    }
    if (current !== undefined && onPath.has(current)) cycles.push([...path.slice(onPath.get(current)), current]);
    for (const id of path) done.add(id);
  }
  return cycles;
}

/** The unordered nodes left after repeatedly removing those with no unordered successor (nodes merely downstream of a cycle). */
function withoutDeadEnds(nodeIds: readonly string[], successors: Map<string, string[]>, ordered: Set<string>): Set<string> {
  const remaining = new Set(nodeIds.filter((id) => !ordered.has(id)));
  const predecessors = new Map<string, string[]>();
  const outDegree = new Map<string, number>();
  for (const id of remaining) {
    const next = (successors.get(id) ?? []).filter((s) => remaining.has(s));
    outDegree.set(id, next.length);
    for (const s of next) {
      const list = predecessors.get(s);
      if (list) list.push(id);
      else predecessors.set(s, [id]);
    }
  }
  const deadEnds = [...remaining].filter((id) => outDegree.get(id) === 0);
  for (let i = 0; i < deadEnds.length; i++) {
    const id = deadEnds[i] as string;
    remaining.delete(id);
    for (const p of predecessors.get(id) ?? []) {
      const left = (outDegree.get(p) ?? 0) - 1;
      outDegree.set(p, left);
      if (left === 0) deadEnds.push(p);
    }
  }
  return remaining;
}
