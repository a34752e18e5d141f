import { type Graph, type GraphEdge, type GraphNode, type GraphNote, graphFormat, graphSchema, splitEndpoint } from '@causeway/sdk';
import { newId } from './new-id';

/** Copies the selected nodes and notes, with the edges between them, as a graph JSON text. */
export function copySelection(graph: Graph, ids: ReadonlySet<string>): string | undefined {
  const nodes = graph.nodes.filter((n) => ids.has(n.id));
  const notes = (graph.notes ?? []).filter((n) => ids.has(n.id));
  if (nodes.length + notes.length === 0) return undefined;
  const inside = (endpoint: string) => ids.has(splitEndpoint(endpoint)?.node ?? '');
  const edges = graph.edges.filter((e) => inside(e.from) && inside(e.to));
  const clip: Graph = { format: graphFormat, id: 'clipboard', name: 'Clipboard', nodes, edges, ...(notes.length ? { notes } : {}) };
  return JSON.stringify(clip, null, 2);
}

/** What a paste adds: the new graph and the ids of the pasted items (to select them). */
export interface Pasted {
  graph: Graph;
  ids: string[];
}

/**
 * Pastes a graph JSON text into `graph`: every pasted node and note gets a fresh id (edges follow),
 * shifted by `offset`. Text that is not a graph is refused with a reason; nothing in it is evaluated.
 */
export function pasteGraph(
  graph: Graph,
  text: string,
  offset: readonly [number, number],
): { ok: true; value: Pasted } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The clipboard does not hold graph JSON.' };
  }
  const parsed = graphSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'The clipboard JSON is not a Causeway graph.' };
  const clip = parsed.data;
  const taken = new Set([...graph.nodes.map((n) => n.id), ...(graph.notes ?? []).map((n) => n.id)]);
  const rename = new Map<string, string>();
  const fresh = (old: string) => {
    const id = newId(old, taken);
    taken.add(id);
    rename.set(old, id);
    return id;
  };
  const shift = (p: [number, number]): [number, number] => [p[0] + offset[0], p[1] + offset[1]];
  const nodes: GraphNode[] = clip.nodes.map((n) => ({ ...n, id: fresh(n.id), position: shift(n.position) }));
  const notes: GraphNote[] = (clip.notes ?? []).map((n) => ({ ...n, id: fresh(n.id), position: shift(n.position) }));
  const edges: GraphEdge[] = [];
  for (const e of clip.edges) {
    const from = splitEndpoint(e.from);
    const to = splitEndpoint(e.to);
    const a = from && rename.get(from.node);
    const b = to && rename.get(to.node);
    if (from && to && a && b) edges.push({ from: `${a}.${from.port}`, to: `${b}.${to.port}` });
  }
  const allNotes = [...(graph.notes ?? []), ...notes];
  const next: Graph = {
    ...graph,
    nodes: [...graph.nodes, ...nodes],
    edges: [...graph.edges, ...edges],
    ...(allNotes.length ? { notes: allNotes } : {}),
  };
  return { ok: true, value: { graph: next, ids: [...nodes.map((n) => n.id), ...notes.map((n) => n.id)] } };
}
