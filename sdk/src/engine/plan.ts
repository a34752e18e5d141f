import type { Graph } from '../graph/schema';
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

interface PortLists {
  inputs: Array<[string, boolean]>;
  outputs: Array<[string, PortSpec]>;
}

// Definitions are frozen, so their port lists are worked out once per definition, not once per node.
const portLists = new WeakMap<AnyNodeDefinition, PortLists>();

function portListsOf(definition: AnyNodeDefinition): PortLists {
  let lists = portLists.get(definition);
  if (!lists) {
    lists = {
      inputs: Object.entries<PortSpec>(definition.inputs).map(([port, spec]) => [port, spec.multiple]),
      outputs: Object.entries<PortSpec>(definition.outputs),
    };
    portLists.set(definition, lists);
  }
  return lists;
}

/** `node.port` → [node, port]; endpoints were checked by validation, so a plain split suffices. */
function split(endpoint: string): [string, string] {
  const dot = endpoint.indexOf('.');
  return [endpoint.slice(0, dot), endpoint.slice(dot + 1)];
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
    const ports = portListsOf(definition);
    nodes.push({
      id: node.id,
      definition,
      config: r.config,
      inputs: ports.inputs.map(([port, multiple]) => ({ port, multiple, sources: [] })),
      outputs: ports.outputs,
      dependents: [],
      inDegree: 0,
      timeoutMs: definition.timeoutMs ?? defaultTimeoutMs,
      fresh: definition.cache === 'volatile' || definition.effects === true,
    });
  }
  for (const edge of graph.edges) {
    const [fromNode, fromPort] = split(edge.from);
    const [toNode, toPort] = split(edge.to);
    const source = index.get(fromNode);
    const target = index.get(toNode);
    if (source === undefined || target === undefined) continue;
    const targetNode = nodes[target] as PlanNode;
    const input = targetNode.inputs.find((i) => i.port === toPort);
    if (!input) continue;
    input.sources.push({ node: source, port: fromPort });
    targetNode.inDegree++;
    (nodes[source] as PlanNode).dependents.push(target);
  }
  return nodes;
}

/** The ids of `targets` and every node they depend on, following edges upstream. */
export function upstreamOf(graph: Graph, targets: readonly string[]): Set<string> {
  const feeders = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const from = split(edge.from)[0];
    const to = split(edge.to)[0];
    const list = feeders.get(to);
    if (list) list.push(from);
    else feeders.set(to, [from]);
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
