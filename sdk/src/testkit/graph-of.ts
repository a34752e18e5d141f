import { UserError } from '../errors/errors';
import { fromZodIssues } from '../errors/zod-issues';
import { type Graph, graphFormat, graphSchema, splitEndpoint } from '../graph/schema';

/**
 * A node as {@link graphOf} takes it: version defaults to 1, config to `{}`.
 *
 * @example
 * const node: GraphOfNode = { id: 'split', type: 'transform.split', config: { test: 0.2 } };
 */
export interface GraphOfNode {
  id: string;
  type: string;
  version?: number;
  config?: Record<string, unknown>;
  label?: string;
}

/**
 * What {@link graphOf} takes: nodes and edges written `'a.table -> b.table'`.
 *
 * @example
 * graphOf({ nodes: [{ id: 'a', type: 'source.csv' }, { id: 'b', type: 'transform.filter' }], edges: ['a.table -> b.table'] })
 */
export interface GraphOfSpec {
  id?: string;
  name?: string;
  nodes: GraphOfNode[];
  edges?: string[];
}

const arrow = /\s*(?:->|→)\s*/;

function parseEdge(text: string, index: number): { from: string; to: string } {
  const parts = text.split(arrow);
  const [from = '', to = ''] = parts;
  if (parts.length !== 2 || !splitEndpoint(from) || !splitEndpoint(to)) {
    throw new UserError('EDGE_ENDPOINT_INVALID', `edges[${index}]: "${text}" is not written "node.port -> node.port".`);
  }
  return { from, to };
}

/** Columns by longest path from a source, rows by order within a column; cycles stop at the node count. */
function layout(ids: string[], edges: { from: string; to: string }[]): Map<string, [number, number]> {
  const depth = new Map(ids.map((id) => [id, 0]));
  for (let pass = 0; pass < ids.length; pass++) {
    let changed = false;
    for (const edge of edges) {
      const from = depth.get(splitEndpoint(edge.from)?.node ?? '');
      const toId = splitEndpoint(edge.to)?.node ?? '';
      const to = depth.get(toId);
      if (from !== undefined && to !== undefined && to < from + 1) {
        depth.set(toId, from + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  const positions = new Map<string, [number, number]>();
  for (const id of ids) {
    const column = depth.get(id) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    positions.set(id, [column * 260, row * 140]);
  }
  return positions;
}

/**
 * Builds a valid `causeway.graph/1` graph from a short description, laying nodes out left to
 * right by depth. Throws a `UserError` listing the issues when the result would not be valid.
 *
 * @example
 * const graph = graphOf({
 *   nodes: [
 *     { id: 'people', type: 'source.inline', config: { columns: [{ name: 'age', type: 'integer' }], rows: [[31]] } },
 *     { id: 'pick', type: 'transform.select', config: { columns: [{ name: 'age' }] } },
 *   ],
 *   edges: ['people.table -> pick.table'],
 * });
 */
export function graphOf(spec: GraphOfSpec): Graph {
  const edges = (spec.edges ?? []).map(parseEdge);
  const positions = layout(
    spec.nodes.map((n) => n.id),
    edges,
  );
  const graph = {
    format: graphFormat,
    id: spec.id ?? 'test-graph',
    name: spec.name ?? spec.id ?? 'Test graph',
    nodes: spec.nodes.map((node) => ({
      id: node.id,
      type: node.type,
      version: node.version ?? 1,
      config: node.config ?? {},
      position: positions.get(node.id) ?? [0, 0],
      ...(node.label === undefined ? {} : { label: node.label }),
    })),
    edges,
  };
  const parsed = graphSchema.safeParse(graph);
  if (!parsed.success) {
    const issues = fromZodIssues(parsed.error.issues, 'GRAPH_SCHEMA', []);
    throw new UserError('GRAPH_SCHEMA', `graphOf: ${issues.map((i) => i.message).join('; ')}`, { issues });
  }
  return parsed.data;
}
