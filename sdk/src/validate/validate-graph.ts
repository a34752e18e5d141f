import type { Issue } from '../errors/issue';
import { isParsedGraph } from '../graph/parsed-graphs';
import { type Graph, graphSchema } from '../graph/schema';
import { schemaErrorMap, schemaIssues } from '../graph/schema-issues';
import type { NodeRegistry } from '../node/registry';
import { type BoundGraph, bindGraph } from './bind-graph';
import { type InferOptions, inferBound } from './infer-graph';
import { type Topology, topologicalOrder } from './topology';

/**
 * Options of {@link validateGraph}.
 *
 * @example
 * validateGraph(graph, registry, { infer: false })
 */
export interface ValidateOptions extends InferOptions {
  /** Also propagate schemas and report design-time errors such as unknown columns (default true). */
  infer?: boolean;
}

/**
 * What {@link validateGraph} returns: never an exception.
 *
 * @example
 * const { ok, issues } = validateGraph(graph, registry);
 */
export interface Validation {
  ok: boolean;
  issues: Issue[];
}

/**
 * A full check's findings, with the bound graph and its order for callers that go on to run it.
 *
 * @example
 * const { ok, topology } = checkGraph(graph, registry); if (ok) console.log(topology?.order);
 */
export interface GraphCheck extends Validation {
  bound?: BoundGraph;
  topology?: Topology;
}

/**
 * Checks a graph against the format and the registry: format, duplicate ids, unknown node types and
 * versions, config errors with paths into the config, unknown ports, port kind mismatches, several
 * edges into a single input, open required inputs, cycles (naming their nodes) and, unless turned
 * off, schema propagation. Never throws.
 *
 * @example
 * const { ok, issues } = validateGraph(graph, registry);
 * for (const issue of issues) console.log(formatIssue(issue));
 */
export function validateGraph(graph: unknown, registry: NodeRegistry, options: ValidateOptions = {}): Validation {
  const { ok, issues } = checkGraph(graph, registry, options);
  return { ok, issues };
}

/**
 * {@link validateGraph} that also hands back the bound graph (nodes resolved, configs parsed) and the
 * topological order, so the engine does not resolve every node a second time.
 *
 * @example
 * const check = checkGraph(graph, registry, { infer: false });
 * if (check.ok) for (const id of check.topology.order) check.bound.nodes.get(id);
 */
export function checkGraph(graph: unknown, registry: NodeRegistry, options: ValidateOptions = {}): GraphCheck {
  try {
    let doc: Graph;
    if (isParsedGraph(graph)) doc = graph;
    else {
      const parsed = graphSchema.safeParse(graph, { error: schemaErrorMap });
      if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error.issues, graph) };
      doc = parsed.data;
    }
    const bound = bindGraph(doc, registry);
    const issues = [...bound.issues];
    const topology = topologicalOrder(
      [...bound.nodes.keys()],
      bound.edges.map((edge) => ({ from: edge.fromNode, to: edge.toNode })),
    );
    for (const cycle of topology.cycles) {
      issues.push({
        code: 'GRAPH_CYCLE',
        path: ['edges'],
        nodeId: cycle[0] as string,
        message: `The graph has a cycle: ${cycle.join(' → ')}.`,
      });
    }
    if (options.infer !== false && topology.cycles.length === 0) issues.push(...inferBound(bound, topology.order, options).issues);
    return { ok: issues.length === 0, issues, bound, topology };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, issues: [{ code: 'INTERNAL', path: [], message: `Validation stopped on an unexpected error: ${message}` }] };
  }
}
