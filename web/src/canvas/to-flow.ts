import type { Graph, GraphEdge, GraphNode, GraphNote, NodeRegistry, PortKind } from '@causeway/sdk';
import { splitEndpoint } from '@causeway/sdk';
import { type Edge, type Node, type NodeHandle, Position } from '@xyflow/react';
import { edgeKey } from './graph-edits';
import { placeholderPorts } from './placeholders';

/** React Flow's view of a graph node: only its id travels in `data`; the card reads the rest from the store. */
export type FlowNode = Node<{ id: string }, 'causeway' | 'note'>;
/** React Flow's view of an edge, with the kind of value it carries (for its colour). */
export type FlowEdge = Edge<{ kind: PortKind | undefined }>;

type Measured = { width?: number; height?: number } | undefined;

/** A node card's size before React Flow has measured it. */
export const estimatedCardSize = { width: 220, height: 90 } as const;
/** A sticky note's size when the graph does not give one. */
export const defaultNoteSize: readonly [number, number] = [200, 120];

/**
 * Keeps React Flow node objects in step with the graph, reusing every object whose position,
 * selection and size are unchanged, so React Flow re-renders only the nodes that moved.
 */
export function toFlowNodes(
  graph: Graph,
  selection: ReadonlySet<string>,
  measured: ReadonlyMap<string, Measured>,
  previous: ReadonlyMap<string, FlowNode>,
  registry?: NodeRegistry,
): FlowNode[] {
  const out: FlowNode[] = [];
  const add = (item: GraphNode | GraphNote, type: 'causeway' | 'note', size?: readonly [number, number]) => {
    const old = previous.get(item.id);
    const selected = selection.has(item.id);
    const size0 = measured.get(item.id);
    const [x, y] = item.position;
    // Sizes are not compared: React Flow keeps the size of a node object it already measured.
    if (old && old.type === type && old.position.x === x && old.position.y === y && (old.selected ?? false) === selected) {
      out.push(old);
      return;
    }
    const node: FlowNode = { id: item.id, type, position: { x, y }, data: { id: item.id }, selected };
    // An estimate until React Flow measures the node: unmeasured nodes count as visible, so without
    // it a 1,000-node graph would be drawn in full once before culling.
    node.measured = size0 ?? (size ? { width: size[0], height: size[1] } : { ...estimatedCardSize });
    // React Flow draws every node once to find its handles; estimated handles let it skip the ones off screen.
    if (!size0 && type === 'causeway' && registry) node.handles = estimateHandles(graph, item as GraphNode, registry);
    if (size) node.style = { width: size[0], height: size[1] };
    out.push(node);
  };
  for (const note of graph.notes ?? []) add(note, 'note', note.size ?? defaultNoteSize);
  for (const node of graph.nodes) add(node, 'causeway');
  return out;
}

/** The React Flow edges of a graph, coloured by the kind of the output they leave. */
export function toFlowEdges(
  graph: Graph,
  registry: NodeRegistry,
  selection: ReadonlySet<string>,
  previous: ReadonlyMap<string, FlowEdge>,
): FlowEdge[] {
  const byId = nodeIndex(graph);
  return graph.edges.map((edge: GraphEdge) => {
    const id = edgeKey(edge);
    const selected = selection.has(id);
    const old = previous.get(id);
    if (old && (old.selected ?? false) === selected) return old;
    const from = splitEndpoint(edge.from);
    const to = splitEndpoint(edge.to);
    const node = from ? byId.get(from.node) : undefined;
    const definition = node ? (registry.get(node.type, node.version) ?? registry.latest(node.type)) : undefined;
    const kind = from ? definition?.outputs[from.port]?.kind : undefined;
    return {
      id,
      source: from?.node ?? '',
      sourceHandle: from?.port ?? null,
      target: to?.node ?? '',
      targetHandle: to?.port ?? null,
      selected,
      data: { kind },
      className: kind ? `edge-${kind}` : 'edge-unknown',
      ariaLabel: `Edge from ${edge.from} to ${edge.to}`,
    };
  });
}

const indexes = new WeakMap<Graph, Map<string, GraphNode>>();

/** Nodes by id, computed once per graph object. */
export function nodeIndex(graph: Graph): ReadonlyMap<string, GraphNode> {
  let index = indexes.get(graph);
  if (!index) {
    index = new Map(graph.nodes.map((n) => [n.id, n]));
    indexes.set(graph, index);
  }
  return index;
}

/** Where a node card's ports sit before it is measured (header, then one 24 px row per port). */
function estimateHandles(graph: Graph, node: GraphNode, registry: NodeRegistry): NodeHandle[] {
  const definition = registry.get(node.type, node.version) ?? registry.latest(node.type);
  // A placeholder (type not installed) shows the ports its edges name, below a line of explanation.
  const ports = definition
    ? { inputs: Object.keys(definition.inputs), outputs: Object.keys(definition.outputs), top: 38 }
    : { ...placeholderPorts(graph, node.id), top: 90 };
  const at = (i: number) => ports.top + i * 24 + 4;
  return [
    ...ports.inputs.map((id, i): NodeHandle => ({ id, type: 'target', position: Position.Left, x: -6, y: at(i), width: 11, height: 11 })),
    ...ports.outputs.map(
      (id, i): NodeHandle => ({ id, type: 'source', position: Position.Right, x: 214, y: at(i), width: 11, height: 11 }),
    ),
  ];
}
