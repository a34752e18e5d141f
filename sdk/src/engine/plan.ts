import { type Graph, splitEndpoint } from '../graph/schema';
import type { AnyNodeDefinition } from '../node/define-node';
import type { PortSpec } from '../ports/port';

/** An output feeding an input: the index of its node in the plan and its port id. */
export interface PlanSource {
  node: number;
  port: string;
}

/** An input port of a planned node with the outputs wired to it, in edge order. */
export interface PlanInput {
  port: string;
  multiple: boolean;
  sources: PlanSource[];
}

/** A node ready for scheduling: everything the engine needs, worked out once before the run. */
export interface PlanNode {
  id: string;
  definition: AnyNodeDefinition;
  config: unknown;
  inputs: PlanInput[];
  outputs: Array<[string, PortSpec]>;
  /** One entry per outgoing edge (a node fed twice by the same node appears twice). */
  dependents: number[];
  /** The number of incoming edges. */
  inDegree: number;
  timeoutMs: number;
  /** `cache: 'volatile'` or `effects: true`: never cached, a fresh key every run. */
  fresh: boolean;
}

/** A resolved node: its definition and migrated, parsed config. */
export interface PlannedDefinition {
  definition: AnyNodeDefinition;
  config: unknown;
}

/**
 * Turns a validated graph into arrays indexed by node, in graph order, so the scheduler does no
 * lookups by id. `resolved` holds the nodes to run (all, or the targets' upstream); edges touching
 * other nodes are dropped.
 */
export function buildPlan(graph: Graph, resolved: ReadonlyMap<string, PlannedDefinition>, defaultTimeoutMs: number): PlanNode[] {
  const index = new Map<string, number>();
  const nodes: PlanNode[] = [];
  for (const node of graph.nodes) {
    const r = resolved.get(node.id);
    if (!r) continue;
    index.set(node.id, nodes.length);
    const { definition } = r;
    nodes.push({
      id: node.id,
      definition,
      config: r.config,
      inputs: Object.entries<PortSpec>(definition.inputs).map(([port, spec]) => ({ port, multiple: spec.multiple, sources: [] })),
      outputs: Object.entries<PortSpec>(definition.outputs),
      dependents: [],
      inDegree: 0,
      timeoutMs: definition.timeoutMs ?? defaultTimeoutMs,
      fresh: definition.cache === 'volatile' || definition.effects === true,
    });
  }
  for (const edge of graph.edges) {
    const from = splitEndpoint(edge.from);
    const to = splitEndpoint(edge.to);
    if (!from || !to) continue;
    const source = index.get(from.node);
    const target = index.get(to.node);
    if (source === undefined || target === undefined) continue;
    const targetNode = nodes[target] as PlanNode;
    const input = targetNode.inputs.find((i) => i.port === to.port);
    if (!input) continue;
    input.sources.push({ node: source, port: from.port });
    targetNode.inDegree++;
    (nodes[source] as PlanNode).dependents.push(target);
  }
  return nodes;
}

/** The ids of `targets` and every node they depend on, following edges upstream. */
export function upstreamOf(graph: Graph, targets: readonly string[]): Set<string> {
  const feeders = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const from = splitEndpoint(edge.from);
    const to = splitEndpoint(edge.to);
    if (!from || !to) continue;
    const list = feeders.get(to.node);
    if (list) list.push(from.node);
    else feeders.set(to.node, [from.node]);
  }
  const seen = new Set<string>(targets);
  const stack = [...targets];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const feeder of feeders.get(id) ?? []) {
      if (seen.has(feeder)) continue;
      seen.add(feeder);
      stack.push(feeder);
    }
  }
  return seen;
}
