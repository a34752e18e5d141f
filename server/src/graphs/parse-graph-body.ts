import {
  canonicalJson,
  fromZodIssues,
  type Graph,
  graphSchema,
  type Issue,
  type NodeRegistry,
  UserError,
  validateGraph,
} from '@causeway/sdk';

/** A graph accepted for saving: its parsed value, its stored text and what validation found. */
export interface AcceptedGraph {
  graph: Graph;
  text: string;
  /** Issues against the registry (unknown types, bad config…): reported, not blocking a save. */
  issues: Issue[];
}

/**
 * Checks a graph body: it must match the `causeway.graph/1` format (else `GRAPH_SCHEMA` → 400);
 * registry issues are returned so the editor can show them, since a work in progress must save.
 * The request body already passed the hostile-JSON guard. Stored text has sorted keys.
 */
export function parseGraphBody(value: unknown, registry: NodeRegistry): AcceptedGraph {
  const parsed = graphSchema.safeParse(value);
  if (!parsed.success) {
    const issues = fromZodIssues(parsed.error.issues, 'GRAPH_SCHEMA', ['graph']);
    throw new UserError('GRAPH_SCHEMA', `The graph does not match the causeway.graph format: ${issues[0]?.message ?? ''}`, {
      issues: issues.slice(0, 50),
    });
  }
  const validation = validateGraph(parsed.data, registry, { infer: false });
  return { graph: parsed.data, text: canonicalJson(parsed.data), issues: validation.issues };
}
