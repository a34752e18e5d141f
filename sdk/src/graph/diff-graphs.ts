import { canonicalJson } from './canonical-json';
import type { Graph, GraphEdge, GraphNode } from './schema';

/**
 * A value that changed, at a path inside a node's config.
 *
 * @example
 * const change: ConfigChange = { path: ['test'], before: 0.2, after: 0.3 };
 */
export interface ConfigChange {
  path: Array<string | number>;
  /** Absent when the field was added (JSON drops an undefined value). */
  before?: unknown;
  /** Absent when the field was removed. */
  after?: unknown;
}

/**
 * A node present in both versions whose type, version, label, position or config changed.
 *
 * @example
 * const change: NodeChange = { id: 'split', fields: [{ field: 'label', before: 'Split', after: 'Hold-out' }], config: [] };
 */
export interface NodeChange {
  id: string;
  /** Top-level node fields that changed, with before/after. */
  fields: Array<{ field: 'type' | 'version' | 'label' | 'position'; before?: unknown; after?: unknown }>;
  config: ConfigChange[];
}

/**
 * The structural difference between two versions of a graph.
 *
 * @example
 * const diff: GraphDiff = diffGraphs(v1, v2);
 * diff.nodesAdded.map((node) => node.id); // ['impute']
 */
export interface GraphDiff {
  nodesAdded: Array<Pick<GraphNode, 'id' | 'type' | 'version'>>;
  nodesRemoved: Array<Pick<GraphNode, 'id' | 'type' | 'version'>>;
  nodesChanged: NodeChange[];
  edgesAdded: GraphEdge[];
  edgesRemoved: GraphEdge[];
  /** Graph-level fields (name, description, requires) that changed. */
  graphFields: Array<{ field: 'name' | 'description' | 'requires'; before?: unknown; after?: unknown }>;
}

/**
 * Compares two graphs by node id and edge endpoints. Config objects are compared field by field
 * (nested objects too); arrays and other values as a whole. Pure: no I/O, no mutation.
 *
 * @example
 * diffGraphs(v1, v2).nodesChanged[0]?.config // [{ path: ['test'], before: 0.2, after: 0.3 }]
 */
export function diffGraphs(before: Graph, after: Graph): GraphDiff {
  const oldNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const newNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const nodesAdded = after.nodes.filter((n) => !oldNodes.has(n.id)).map(brief);
  const nodesRemoved = before.nodes.filter((n) => !newNodes.has(n.id)).map(brief);
  const nodesChanged: NodeChange[] = [];
  for (const next of after.nodes) {
    const prev = oldNodes.get(next.id);
    if (prev === undefined) continue;
    const fields: NodeChange['fields'] = [];
    for (const field of ['type', 'version', 'label', 'position'] as const) {
      if (!same(prev[field], next[field])) fields.push({ field, before: prev[field], after: next[field] });
    }
    const config: ConfigChange[] = [];
    diffValues(prev.config, next.config, [], config);
    if (fields.length > 0 || config.length > 0) nodesChanged.push({ id: next.id, fields, config });
  }
  const edgeKey = (e: GraphEdge) => `${e.from}→${e.to}`;
  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  const graphFields: GraphDiff['graphFields'] = [];
  for (const field of ['name', 'description', 'requires'] as const) {
    if (!same(before[field], after[field])) graphFields.push({ field, before: before[field], after: after[field] });
  }
  return {
    nodesAdded,
    nodesRemoved,
    nodesChanged,
    edgesAdded: after.edges.filter((e) => !oldEdges.has(edgeKey(e))),
    edgesRemoved: before.edges.filter((e) => !newEdges.has(edgeKey(e))),
    graphFields,
  };
}

function brief(node: GraphNode): Pick<GraphNode, 'id' | 'type' | 'version'> {
  return { id: node.id, type: node.type, version: node.version };
}

function diffValues(before: unknown, after: unknown, path: Array<string | number>, out: ConfigChange[]): void {
  if (isRecord(before) && isRecord(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) diffValues(before[key], after[key], [...path, key], out);
    return;
  }
  if (!same(before, after)) out.push({ path, before, after });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return canonicalJson(a) === canonicalJson(b);
}
