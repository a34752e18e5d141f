import { canonicalJson } from './canonical-json';
import { diffGraphs } from './diff-graphs';
import type { Graph, GraphEdge, GraphNode } from './schema';

/**
 * A change of mine that meets a different change of theirs to the same thing since the base.
 *
 * @example
 * const conflict: MergeConflict = {
 *   key: 'split/config.test', node: 'split', field: 'config.test', mine: 0.3, theirs: 0.4,
 *   message: 'Node “split”, config.test: you set 0.3, they set 0.4.',
 * };
 */
export interface MergeConflict {
  /** Stable name of the conflict, for `keepMine`. */
  key: string;
  /** The node in conflict; absent for a graph field (name, description, requires). */
  node?: string;
  /** `label`, `position`, `type`, `version`, `config.<path>`, a graph field, or `node` for the node as a whole. */
  field: string;
  /** My value; absent when I removed it. */
  mine?: unknown;
  /** Their value; absent when they removed it. */
  theirs?: unknown;
  message: string;
}

/**
 * The merged graph and what could not be merged; each conflict takes their side unless its key is in
 * `keepMine`.
 *
 * @example
 * const { graph, conflicts } = mergeGraphs(base, mine, theirs);
 */
export interface GraphMerge {
  graph: Graph;
  conflicts: MergeConflict[];
}

type Path = Array<string | number>;

/**
 * Three-way merge: applies my changes since `base` (nodes added and removed, node fields and config
 * paths, edges added and removed, graph name, description and requires) onto `theirs`. The same
 * change on both sides is no conflict. Connections left without a node are dropped. Notes are theirs.
 * Pure: no I/O, no mutation of the arguments.
 *
 * @example
 * mergeGraphs(v1, myEdit, v2).conflicts // [] when the edits touch different things
 */
export function mergeGraphs(base: Graph, mine: Graph, theirs: Graph, keepMine: ReadonlySet<string> = new Set()): GraphMerge {
  const merged: Graph = structuredClone(theirs);
  const conflicts: MergeConflict[] = [];
  const conflict = (c: Omit<MergeConflict, 'key' | 'message'>, message: string): boolean => {
    const key = `${c.node ?? ''}/${c.field}`;
    conflicts.push({ key, ...c, message });
    return keepMine.has(key);
  };
  const baseNodes = new Map(base.nodes.map((n) => [n.id, n]));
  const theirNodes = new Map(theirs.nodes.map((n) => [n.id, n]));
  const myNodes = new Map(mine.nodes.map((n) => [n.id, n]));
  const replace = (id: string, node: GraphNode | undefined) => {
    const at = merged.nodes.findIndex((n) => n.id === id);
    if (node === undefined) merged.nodes.splice(at, 1);
    else if (at < 0) merged.nodes.push(structuredClone(node));
    else merged.nodes[at] = structuredClone(node);
  };
  const mineDiff = diffGraphs(base, mine);

  for (const { id } of mineDiff.nodesAdded) {
    const myNode = myNodes.get(id) as GraphNode;
    const theirNode = theirNodes.get(id);
    if (theirNode === undefined) replace(id, myNode);
    else if (!same(theirNode, myNode)) {
      const keep = conflict(
        { node: id, field: 'node', mine: myNode, theirs: theirNode },
        `Node “${id}”: added by you and by them, differently.`,
      );
      if (keep) replace(id, myNode);
    }
  }

  for (const { id } of mineDiff.nodesRemoved) {
    const theirNode = theirNodes.get(id);
    if (theirNode === undefined) continue;
    if (same(theirNode, baseNodes.get(id))) replace(id, undefined);
    else if (conflict({ node: id, field: 'node', theirs: theirNode }, `Node “${id}”: removed by you, changed by them.`))
      replace(id, undefined);
  }

  for (const change of mineDiff.nodesChanged) {
    const myNode = myNodes.get(change.id) as GraphNode;
    const baseNode = baseNodes.get(change.id) as GraphNode;
    const target = merged.nodes.find((n) => n.id === change.id);
    if (target === undefined) {
      const message = `Node “${change.id}”: changed by you, removed by them.`;
      if (conflict({ node: change.id, field: 'node', mine: myNode }, message)) replace(change.id, myNode);
      continue;
    }
    for (const { field } of change.fields) {
      const value = myNode[field];
      if (!same(target[field], baseNode[field]) && !same(target[field], value)) {
        const message = `Node “${change.id}”, ${field}: you set ${show(value)}, they set ${show(target[field])}.`;
        if (!conflict({ node: change.id, field, mine: value, theirs: target[field] }, message)) continue;
      }
      setField(target as unknown as Record<string, unknown>, field, value);
    }
    for (const { path, after } of change.config) {
      const theirValue = valueAt(target.config, path);
      if (!same(theirValue, valueAt(baseNode.config, path)) && !same(theirValue, after)) {
        const field = `config.${path.join('.')}`;
        const message = `Node “${change.id}”, ${field}: you set ${show(after)}, they set ${show(theirValue)}.`;
        if (!conflict({ node: change.id, field, mine: after, theirs: theirValue }, message)) continue;
      }
      setAt(target.config, path, after);
    }
  }

  for (const { field, after } of mineDiff.graphFields) {
    const theirValue = theirs[field];
    if (!same(theirValue, base[field]) && !same(theirValue, after)) {
      const message = `Graph ${field}: you set ${show(after)}, they set ${show(theirValue)}.`;
      if (!conflict({ field, mine: after, theirs: theirValue }, message)) continue;
    }
    setField(merged as unknown as Record<string, unknown>, field, after);
  }

  const edgeKey = (e: GraphEdge) => `${e.from}→${e.to}`;
  const removed = new Set(mineDiff.edgesRemoved.map(edgeKey));
  const edges = merged.edges.filter((e) => !removed.has(edgeKey(e)));
  const present = new Set(edges.map(edgeKey));
  for (const edge of mineDiff.edgesAdded) if (!present.has(edgeKey(edge))) edges.push({ ...edge });
  const ids = new Set(merged.nodes.map((n) => n.id));
  const hasNode = (endpoint: string) => ids.has(endpoint.slice(0, endpoint.indexOf('.')));
  merged.edges = edges.filter((e) => hasNode(e.from) && hasNode(e.to));
  return { graph: merged, conflicts };
}

function setField(target: Record<string, unknown>, field: string, value: unknown): void {
  if (value === undefined) delete target[field];
  else target[field] = structuredClone(value);
}

function valueAt(value: unknown, path: Path): unknown {
  let at = value;
  for (const key of path) {
    if (!isRecord(at)) return undefined;
    at = at[key];
  }
  return at;
}

/** Sets (or with `undefined`, deletes) the value at `path`, making objects on the way as needed. */
function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  let at = root;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (!isRecord(next)) {
      if (value === undefined) return;
      at[key] = {};
    }
    at = at[key] as Record<string, unknown>;
  }
  setField(at, String(path[path.length - 1]), value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return canonicalJson(a) === canonicalJson(b);
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing (removed)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
