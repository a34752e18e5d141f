import { type Graph, splitEndpoint } from '@causeway/sdk';
import { crowded } from './crowded';
import { graphEdits } from './graph-edits';

type Size = { width?: number; height?: number } | undefined;

/**
 * Lays the graph out left to right with ELK's layered algorithm. ELK (≈1.4 MB) loads on first use,
 * so it never weighs on opening the editor. Returns the new top-left position of every node.
 */
export async function autoLayout(graph: Graph, sizes: ReadonlyMap<string, Size>): Promise<Map<string, [number, number]>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ids = new Set(graph.nodes.map((n) => n.id));
  const layout = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '40',
    },
    children: graph.nodes.map((n) => ({ id: n.id, width: sizes.get(n.id)?.width ?? 220, height: sizes.get(n.id)?.height ?? 110 })),
    edges: graph.edges.flatMap((e, i) => {
      const from = splitEndpoint(e.from)?.node;
      const to = splitEndpoint(e.to)?.node;
      return from && to && ids.has(from) && ids.has(to) ? [{ id: `e${i}`, sources: [from], targets: [to] }] : [];
    }),
  });
  const positions = new Map<string, [number, number]>();
  for (const child of layout.children ?? []) positions.set(child.id, [Math.round(child.x ?? 0), Math.round(child.y ?? 0)]);
  return positions;
}

/** The graph as given when its cards do not overlap, else laid out (templates, imported files). */
export async function arrangeIfCrowded(graph: Graph): Promise<Graph> {
  if (!crowded(graph)) return graph;
  return graphEdits.move(graph, await autoLayout(graph, new Map()));
}
