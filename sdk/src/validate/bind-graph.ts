import type { Issue } from '../errors/issue';
import { type Graph, type GraphNode, splitEndpoint } from '../graph/schema';
import type { NodeRegistry } from '../node/registry';
import { arePortsCompatible, type PortSpec } from '../ports/port';
import { type ResolvedNode, resolveNode } from './resolve-node';

/**
 * A graph node with its place in the file and, when it resolved, its definition and parsed config.
 *
 * @example
 * const split = bindGraph(graph, registry).nodes.get('split'); split?.resolved?.definition.type
 */
export interface BoundNode {
  node: GraphNode;
  index: number;
  resolved: ResolvedNode | undefined;
}

/**
 * An edge whose endpoints both exist and whose ports fit.
 *
 * @example
 * for (const edge of bindGraph(graph, registry).edges) console.log(`${edge.fromNode}.${edge.fromPort} → ${edge.toNode}.${edge.toPort}`);
 */
export interface BoundEdge {
  index: number;
  fromNode: string;
  fromPort: string;
  toNode: string;
  toPort: string;
}

/**
 * A graph checked node by node and edge by edge: what later passes (cycles, inference, running) work on.
 *
 * @example
 * const { nodes, edges, issues } = bindGraph(graph, registry);
 */
export interface BoundGraph {
  nodes: Map<string, BoundNode>;
  edges: BoundEdge[];
  issues: Issue[];
}

/**
 * Resolves every node and checks every edge: duplicate ids, unknown types and versions, config errors,
 * unknown ports, kind mismatches, several edges into a single input, open required inputs.
 *
 * @example
 * const bound = bindGraph(graph, registry);
 * bound.issues // [] when every node and edge is sound
 */
export function bindGraph(graph: Graph, registry: NodeRegistry): BoundGraph {
  const issues: Issue[] = [];
  const nodes = new Map<string, BoundNode>();
  graph.nodes.forEach((node, index) => {
    if (nodes.has(node.id)) {
      issues.push({
        code: 'GRAPH_DUPLICATE_ID',
        path: ['nodes', index, 'id'],
        nodeId: node.id,
        message: `Node id "${node.id}" is used twice.`,
      });
      return;
    }
    const result = resolveNode(node, registry, ['nodes', index]);
    if (!result.ok) issues.push(...result.issues);
    nodes.set(node.id, { node, index, resolved: result.ok ? result.value : undefined });
  });
  const edges = bindEdges(graph, nodes, issues);
  checkRequiredInputs(nodes, edges, issues);
  return { nodes, edges, issues };
}

function bindEdges(graph: Graph, nodes: Map<string, BoundNode>, issues: Issue[]): BoundEdge[] {
  const edges: BoundEdge[] = [];
  const seen = new Set<string>();
  const intoPort = new Map<string, number>();
  graph.edges.forEach((edge, index) => {
    const from = splitEndpoint(edge.from);
    const to = splitEndpoint(edge.to);
    if (!from || !to) {
      issues.push({
        code: 'EDGE_ENDPOINT_INVALID',
        path: ['edges', index],
        message: `Edge "${edge.from}" → "${edge.to}" is not "node.port" → "node.port".`,
      });
      return;
    }
    const key = `${edge.from}>${edge.to}`;
    if (seen.has(key)) {
      issues.push({ code: 'EDGE_DUPLICATE', path: ['edges', index], message: `Edge ${edge.from} → ${edge.to} appears twice.` });
      return;
    }
    seen.add(key);
    const source = portOf(nodes, from.node, from.port, 'outputs', ['edges', index, 'from'], issues);
    const target = portOf(nodes, to.node, to.port, 'inputs', ['edges', index, 'to'], issues);
    if (source === undefined || target === undefined) return;
    if (source !== null && target !== null) {
      if (!arePortsCompatible(source, target)) {
        issues.push({
          code: 'PORT_KIND_MISMATCH',
          path: ['edges', index],
          nodeId: to.node,
          message: `${edge.from} is a ${source.kind} port and cannot feed ${edge.to}, a ${target.kind} port.`,
        });
        return;
      }
      const count = (intoPort.get(edge.to) ?? 0) + 1;
      intoPort.set(edge.to, count);
      if (count > 1 && !target.multiple) {
        issues.push({
          code: 'PORT_MULTIPLE_EDGES',
          path: ['edges', index, 'to'],
          nodeId: to.node,
          message: `Input ${edge.to} takes one edge but has several.`,
        });
        return;
      }
    }
    edges.push({ index, fromNode: from.node, fromPort: from.port, toNode: to.node, toPort: to.port });
  });
  return edges;
}

/** The port spec; `null` when the node exists but did not resolve (its issue is already reported); `undefined` on a new issue. */
function portOf(
  nodes: Map<string, BoundNode>,
  nodeId: string,
  portId: string,
  side: 'inputs' | 'outputs',
  path: Array<string | number>,
  issues: Issue[],
): PortSpec | null | undefined {
  const bound = nodes.get(nodeId);
  if (!bound) {
    issues.push({ code: 'EDGE_NODE_UNKNOWN', path, message: `No node has the id "${nodeId}".` });
    return undefined;
  }
  if (!bound.resolved) return null;
  const ports: Record<string, PortSpec> = bound.resolved.definition[side];
  const spec = Object.hasOwn(ports, portId) ? ports[portId] : undefined;
  if (!spec) {
    const known = Object.keys(ports).join(', ') || 'none';
    const word = side === 'inputs' ? 'input' : 'output';
    issues.push({
      code: 'PORT_UNKNOWN',
      path,
      nodeId,
      message: `Node "${nodeId}" has no ${word} port "${portId}" (its ${word}s: ${known}).`,
    });
    return undefined;
  }
  return spec;
}

function checkRequiredInputs(nodes: Map<string, BoundNode>, edges: BoundEdge[], issues: Issue[]): void {
  const connected = new Set(edges.map((edge) => `${edge.toNode}.${edge.toPort}`));
  for (const { node, index, resolved } of nodes.values()) {
    if (!resolved) continue;
    for (const [portId, spec] of Object.entries<PortSpec>(resolved.definition.inputs)) {
      if (spec.optional || connected.has(`${node.id}.${portId}`)) continue;
      issues.push({
        code: 'PORT_INPUT_MISSING',
        path: ['nodes', index],
        nodeId: node.id,
        message: `Input "${portId}" of node "${node.id}" needs a ${spec.kind} connected to it.`,
      });
    }
  }
}
