import { checkGraph, type Graph, type InferOptions, inferBound, type NodeRegistry } from '@causeway/sdk';
import type { FullAnalysis } from '../canvas/analyze-graph';

/**
 * Validates a graph with the real node definitions and propagates schemas: config errors with their
 * paths, unknown columns, expression errors and every port's descriptor (with the files' schemas and
 * what runs observed, when `options` gives them). Runs where node code lives
 * (the runner worker; Storybook and tests in-process). Answers only with JSON-safe values.
 */
export function fullAnalysis(graph: Graph, registry: NodeRegistry, options: InferOptions = {}): FullAnalysis {
  const check = checkGraph(graph, registry, { infer: false });
  if (!check.bound || !check.topology || check.topology.cycles.length > 0) return { issues: check.issues, ports: [] };
  const inferred = inferBound(check.bound, check.topology.order, options);
  return { issues: [...check.issues, ...inferred.issues], ports: [...inferred.ports] };
}

/** A full check in the same thread, for hosts that hold node code (Storybook, unit tests). */
export function localAnalyzer(registry: NodeRegistry): (graph: Graph) => Promise<FullAnalysis> {
  return async (graph) => fullAnalysis(graph, registry);
}
