import { bindGraph, type Graph, type GraphNode, type Issue, topologicalOrder } from '@causeway/sdk';
import type { EditorCatalog } from '../registry';
import { explainUnknownTypes } from './placeholders';
import { nodeIndex } from './to-flow';

/** What the canvas knows about a graph before it runs: issues by node and the propagated port descriptors. */
export interface Analysis {
  byNode: ReadonlyMap<string, readonly Issue[]>;
  /** Issues that belong to no node (format, limits). */
  general: readonly Issue[];
  /** Output descriptors by `node.port` (table schemas, value schemas). */
  ports: ReadonlyMap<string, unknown>;
}

export const emptyAnalysis: Analysis = { byNode: new Map(), general: [], ports: new Map() };

/** A full check by the real node definitions (config, schema inference), as the worker answers it. */
export interface FullAnalysis {
  issues: Issue[];
  /** Output descriptors by `node.port`. */
  ports: Array<[string, unknown]>;
}

/** Runs the full check of a graph somewhere else (the runner worker), answering later. */
export type GraphAnalyzer = (graph: Graph) => Promise<FullAnalysis>;

/** A full check and the graph it was made for, with what the page itself found in that graph. */
export interface CheckedGraph {
  graph: Graph;
  full: FullAnalysis;
  structural: readonly Issue[];
  ports: ReadonlyMap<string, unknown>;
}

const issueKey = (i: Issue) => `${i.nodeId ?? ''}|${i.code}|${i.path.join('/')}|${i.message}`;

const sameIssues = (a: readonly Issue[], b: readonly Issue[]) =>
  a.length === b.length && a.every((x, i) => issueKey(x) === issueKey(b[i] as Issue));

/** Same type, version and config (moving or relabelling a node does not change its issues). */
function sameNode(a: GraphNode | undefined, b: GraphNode | undefined): boolean {
  return a !== undefined && b !== undefined && (a === b || (a.type === b.type && a.version === b.version && a.config === b.config));
}

/**
 * Ids, types, ports, kinds, single inputs and cycles, checked on the page with code-free definitions.
 * The file format is not parsed again: the store's graphs come from a parsed graph through edits that
 * keep it (the worker's full check parses it anyway).
 */
export function structuralIssues(graph: Graph, catalog: EditorCatalog): Issue[] {
  const bound = bindGraph(graph, catalog.registry);
  const issues = [...bound.issues];
  const order = topologicalOrder(
    [...bound.nodes.keys()],
    bound.edges.map((edge) => ({ from: edge.fromNode, to: edge.toNode })),
  );
  for (const cycle of order.cycles)
    issues.push({
      code: 'GRAPH_CYCLE',
      path: ['edges'],
      nodeId: cycle[0] as string,
      message: `The graph has a cycle: ${cycle.join(' → ')}.`,
    });
  return issues;
}

/**
 * The issues to draw: the page's structural check of the current graph, plus what the last full check
 * found beyond it (config errors, unknown columns, expression errors) on nodes that have not changed
 * since. Issue lists equal to the previous analysis keep their identity, so only nodes whose issues
 * changed re-render.
 */
export function combineAnalysis(
  graph: Graph,
  structural: readonly Issue[],
  checked: CheckedGraph | undefined,
  catalog: EditorCatalog,
  previous: Analysis = emptyAnalysis,
): Analysis {
  const all = [...structural];
  if (checked) {
    const known = new Set(checked.structural.map(issueKey));
    const before = nodeIndex(checked.graph);
    const now = nodeIndex(graph);
    const same = checked.graph === graph;
    for (const issue of checked.full.issues) {
      if (known.has(issueKey(issue))) continue;
      if (issue.nodeId === undefined ? same : sameNode(before.get(issue.nodeId), now.get(issue.nodeId))) all.push(issue);
    }
  }
  const byNode = new Map<string, Issue[]>();
  const general: Issue[] = [];
  for (const issue of explainUnknownTypes(graph, all, catalog)) {
    if (issue.nodeId === undefined) general.push(issue);
    else {
      const list = byNode.get(issue.nodeId);
      if (list) list.push(issue);
      else byNode.set(issue.nodeId, [issue]);
    }
  }
  const stable = new Map<string, readonly Issue[]>();
  for (const [id, list] of byNode) {
    const old = previous.byNode.get(id);
    stable.set(id, old && sameIssues(old, list) ? old : list);
  }
  return {
    byNode: stable,
    general: sameIssues(previous.general, general) ? previous.general : general,
    ports: checked?.ports ?? previous.ports,
  };
}

/** The issues of one config field of a node: those whose path runs through `config.<field…>`. */
export function fieldIssues(issues: readonly Issue[], field: ReadonlyArray<string | number>): Issue[] {
  return issues.filter((issue) => {
    const at = issue.path.indexOf('config');
    if (at < 0) return false;
    const rest = issue.path.slice(at + 1);
    return field.every((part, i) => String(rest[i]) === String(part)) && rest.length >= field.length;
  });
}
