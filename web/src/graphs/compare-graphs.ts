import type { Graph, GraphEdge } from '@causeway/sdk';
import type { GraphDiffAnswer } from '../api/api-client';

/** How a node differs between the two versions being compared. */
export type DiffMark = 'added' | 'removed' | 'changed';

/** What changed in one node: top-level fields and config values by path. */
export interface NodeChanges {
  fields: GraphDiffAnswer['nodesChanged'][number]['fields'];
  config: GraphDiffAnswer['nodesChanged'][number]['config'];
}

/** Two versions side by side on one canvas. */
export interface Comparison {
  graphId: string;
  from: number;
  to: number;
  /** The newer version, with the nodes (and their edges) it removed added back, to be drawn ghosted. */
  graph: Graph;
  marks: ReadonlyMap<string, DiffMark>;
  changes: ReadonlyMap<string, NodeChanges>;
  edgesAdded: number;
  edgesRemoved: number;
}

/**
 * Builds the compare view from the server's structural diff of `older` → `newer`. Removed nodes keep
 * the place they had in the older version; removed edges are kept when both their ends are drawn.
 */
export function compareGraphs(older: Graph, newer: Graph, diff: GraphDiffAnswer): Comparison {
  const marks = new Map<string, DiffMark>();
  for (const n of diff.nodesAdded) marks.set(n.id, 'added');
  for (const n of diff.nodesChanged) marks.set(n.id, 'changed');
  const removed = new Set(diff.nodesRemoved.map((n) => n.id));
  for (const id of removed) marks.set(id, 'removed');
  const ghosts = older.nodes.filter((n) => removed.has(n.id));
  const drawn = new Set([...newer.nodes.map((n) => n.id), ...ghosts.map((n) => n.id)]);
  const endsDrawn = (e: GraphEdge) => drawn.has(e.from.split('.')[0] ?? '') && drawn.has(e.to.split('.')[0] ?? '');
  const key = (e: GraphEdge) => `${e.from}→${e.to}`;
  const present = new Set(newer.edges.map(key));
  const ghostEdges = diff.edgesRemoved.filter((e) => endsDrawn(e) && !present.has(key(e)));
  return {
    graphId: newer.id,
    from: diff.from,
    to: diff.to,
    graph: { ...newer, nodes: [...newer.nodes, ...ghosts], edges: [...newer.edges, ...ghostEdges] },
    marks,
    changes: new Map(diff.nodesChanged.map((n) => [n.id, { fields: n.fields, config: n.config }])),
    edgesAdded: diff.edgesAdded.length,
    edgesRemoved: diff.edgesRemoved.length,
  };
}

/** A config path the way the inspector names it: `columns[0].name`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(whole config)';
}

/** A short rendering of a changed value; long values are cut. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
