import type { Issue, Result } from '../errors/issue';
import type { Graph } from '../graph/schema';
import type { NodeRegistry } from '../node/registry';
import { checkGraph } from '../validate/validate-graph';
import { type PlannedDefinition, upstreamOf } from './plan';

/**
 * Validates the graph and resolves the nodes a run will execute: all of them, or the `targets` and
 * their upstream. With targets, problems confined to nodes outside that set do not stop the run,
 * so "run up to here" works while another branch is half edited.
 */
export function prepareRun(
  graph: Graph,
  registry: NodeRegistry,
  targets: readonly string[] | undefined,
  infer: boolean,
): Result<Map<string, PlannedDefinition>> {
  const validation = checkGraph(graph, registry, { infer });
  // Issues without a node (format, schema, unknown edge endpoints) mean the graph cannot be trusted at all.
  if (validation.issues.some((issue) => issue.nodeId === undefined)) return { ok: false, issues: validation.issues };
  let planned: Set<string> | undefined;
  const issues: Issue[] = [];
  if (targets !== undefined) {
    const ids = new Set(graph.nodes.map((node) => node.id));
    targets.forEach((target, i) => {
      if (!ids.has(target)) {
        issues.push({
          code: 'RUN_TARGET_UNKNOWN',
          path: ['targets', i],
          message: `The run target "${target}" is not a node of this graph.`,
        });
      }
    });
    planned = upstreamOf(graph, targets);
  }
  for (const issue of validation.issues) if (!planned || planned.has(issue.nodeId as string)) issues.push(issue);
  if (issues.length > 0) return { ok: false, issues };
  const resolved = new Map<string, PlannedDefinition>();
  for (const [id, bound] of validation.bound?.nodes ?? []) {
    if (planned && !planned.has(id)) continue;
    // Every planned node resolved: an unresolved one would have left an issue on it above.
    if (bound.resolved) resolved.set(id, bound.resolved);
  }
  return { ok: true, value: resolved };
}
