import type { Graph, GraphEdge, GraphNode, GraphNote } from '@causeway/sdk';
import { splitEndpoint } from '@causeway/sdk';

/**
 * Pure edits of a graph. Each returns a new graph and keeps every untouched node, edge and note
 * object as it was, so views can skip what did not change.
 */
export const graphEdits = {
  addNode(graph: Graph, node: GraphNode): Graph {
    return { ...graph, nodes: [...graph.nodes, node] };
  },

  /** Records that the graph needs a plugin (`requires`), unless it already names a range for it. */
  require(graph: Graph, name: string, range: string): Graph {
    if (graph.requires && Object.hasOwn(graph.requires, name)) return graph;
    return { ...graph, requires: { ...graph.requires, [name]: range } };
  },

  /** Removes nodes and notes by id, with every edge touching a removed node. */
  remove(graph: Graph, ids: ReadonlySet<string>): Graph {
    if (ids.size === 0) return graph;
    const nodes = graph.nodes.filter((n) => !ids.has(n.id));
    const edges = graph.edges.filter((e) => !ids.has(nodeOf(e.from)) && !ids.has(nodeOf(e.to)));
    const notes = graph.notes?.filter((n) => !ids.has(n.id));
    return withNotes({ ...graph, nodes, edges }, notes);
  },

  removeEdges(graph: Graph, edges: ReadonlyArray<GraphEdge>): Graph {
    const keys = new Set(edges.map(edgeKey));
    return { ...graph, edges: graph.edges.filter((e) => !keys.has(edgeKey(e))) };
  },

  /** Adds an edge; a single input that is already fed gets the new edge instead of the old one. */
  connect(graph: Graph, edge: GraphEdge, replaceInput: boolean): Graph {
    const kept = graph.edges.filter((e) => edgeKey(e) !== edgeKey(edge) && !(replaceInput && e.to === edge.to));
    return { ...graph, edges: [...kept, edge] };
  },

  /** Moves nodes and notes to new positions. */
  move(graph: Graph, positions: ReadonlyMap<string, readonly [number, number]>): Graph {
    if (positions.size === 0) return graph;
    const at = (id: string, old: [number, number]): [number, number] => {
      const p = positions.get(id);
      return p && (p[0] !== old[0] || p[1] !== old[1]) ? [p[0], p[1]] : old;
    };
    const nodes = graph.nodes.map((n) => {
      const position = at(n.id, n.position);
      return position === n.position ? n : { ...n, position };
    });
    const notes = graph.notes?.map((n) => {
      const position = at(n.id, n.position);
      return position === n.position ? n : { ...n, position };
    });
    return withNotes({ ...graph, nodes }, notes);
  },

  setConfig(graph: Graph, nodeId: string, config: Record<string, unknown>): Graph {
    return { ...graph, nodes: graph.nodes.map((n) => (n.id === nodeId ? { ...n, config } : n)) };
  },

  setLabel(graph: Graph, nodeId: string, label: string): Graph {
    return {
      ...graph,
      nodes: graph.nodes.map((n) => {
        if (n.id !== nodeId) return n;
        const { label: _old, ...rest } = n;
        return label.trim() === '' ? rest : { ...rest, label };
      }),
    };
  },

  addNote(graph: Graph, note: GraphNote): Graph {
    return { ...graph, notes: [...(graph.notes ?? []), note] };
  },

  setNote(graph: Graph, noteId: string, patch: Partial<Pick<GraphNote, 'text' | 'size'>>): Graph {
    return withNotes(
      graph,
      graph.notes?.map((n) => (n.id === noteId ? { ...n, ...patch } : n)),
    );
  },
};

function withNotes(graph: Graph, notes: GraphNote[] | undefined): Graph {
  const { notes: _old, ...rest } = graph;
  return notes && notes.length > 0 ? { ...rest, notes } : rest;
}

function nodeOf(endpoint: string): string {
  return splitEndpoint(endpoint)?.node ?? '';
}

/** A key that identifies an edge. */
export function edgeKey(edge: GraphEdge): string {
  return `${edge.from}->${edge.to}`;
}
