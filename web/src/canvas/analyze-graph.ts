import { type Graph, type Issue, inferGraph, type NodeRegistry, validateGraph } from '@causeway/sdk';

/** What the canvas knows about a graph before it runs: issues by node and the propagated port descriptors. */
export interface Analysis {
  byNode: ReadonlyMap<string, readonly Issue[]>;
  /** Issues that belong to no node (format, limits). */
  general: readonly Issue[];
  /** Output descriptors by `node.port` (table schemas, value schemas). */
  ports: ReadonlyMap<string, unknown>;
}

export const emptyAnalysis: Analysis = { byNode: new Map(), general: [], ports: new Map() };

const sameIssues = (a: readonly Issue[], b: readonly Issue[]) =>
  a.length === b.length &&
  a.every((x, i) => x.code === b[i]?.code && x.message === b[i]?.message && x.path.join('/') === b[i]?.path.join('/'));

/**
 * Validates the graph and propagates schemas. Issue lists equal to the previous analysis keep their
 * identity, so only nodes whose issues changed re-render.
 */
export function analyzeGraph(graph: Graph, registry: NodeRegistry, previous: Analysis = emptyAnalysis): Analysis {
  const { issues } = validateGraph(graph, registry, { infer: true });
  const byNode = new Map<string, Issue[]>();
  const general: Issue[] = [];
  for (const issue of issues) {
    if (issue.nodeId === undefined) general.push(issue);
    else byNode.set(issue.nodeId, [...(byNode.get(issue.nodeId) ?? []), issue]);
  }
  const stable = new Map<string, readonly Issue[]>();
  for (const [id, list] of byNode) {
    const old = previous.byNode.get(id);
    stable.set(id, old && sameIssues(old, list) ? old : list);
  }
  let ports: ReadonlyMap<string, unknown> = previous.ports;
  try {
    ports = inferGraph(graph, registry).ports;
  } catch {
    // validateGraph already reported why inference cannot run (e.g. a malformed graph).
  }
  return { byNode: stable, general: sameIssues(previous.general, general) ? previous.general : general, ports };
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
