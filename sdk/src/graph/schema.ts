import { z } from 'zod';

/**
 * The format string of the current graph file version.
 *
 * @example
 * const doc = { format: graphFormat, id: 'churn', nodes: [], edges: [] };
 */
export const graphFormat = 'causeway.graph/1';

/**
 * Node, graph and note ids: identifiers that never contain a dot (edges join node and port with one).
 *
 * @example
 * idPattern.test('load_csv') // true; idPattern.test('load.csv') // false
 */
export const idPattern = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
/**
 * An edge endpoint: `node.port`.
 *
 * @example
 * endpointPattern.exec('load.table')?.slice(1) // ['load', 'table']
 */
export const endpointPattern = /^([A-Za-z_][A-Za-z0-9_-]{0,63})\.([A-Za-z_][A-Za-z0-9_]{0,63})$/;

const id = z.string().regex(idPattern, 'an id is a letter or _ followed by up to 63 letters, digits, _ or -');
const position = z.tuple([z.number().finite(), z.number().finite()]);
const endpoint = z.string().regex(endpointPattern, 'an endpoint is written "node.port"');

/**
 * A node in a saved graph.
 *
 * @example
 * graphNodeSchema.safeParse({ id: 'load', type: 'source.csv', version: 1, config: { file: 'churn.csv' }, position: [0, 0] }).success // true
 */
export const graphNodeSchema = z
  .object({
    id,
    type: z.string().min(1).max(200),
    version: z.number().int().min(1),
    config: z.record(z.string(), z.unknown()),
    position,
    label: z.string().max(200).optional(),
  })
  .strict();

/**
 * An edge from an output port to an input port.
 *
 * @example
 * graphEdgeSchema.parse({ from: 'load.table', to: 'split.table' })
 */
export const graphEdgeSchema = z.object({ from: endpoint, to: endpoint }).strict();

/**
 * A sticky note on the canvas.
 *
 * @example
 * graphNoteSchema.parse({ id: 'note1', text: 'Training data from March', position: [0, 0] })
 */
export const graphNoteSchema = z
  .object({
    id,
    text: z.string().max(10_000),
    position,
    size: z.tuple([z.number().positive(), z.number().positive()]).optional(),
  })
  .strict();

/**
 * Limits on graph size, shared by the parser and the schema.
 *
 * @example
 * if (text.length > graphLimits.bytes) throw new UserError('GRAPH_TOO_LARGE', 'The graph is too large.');
 */
export const graphLimits = {
  bytes: 16 * 1024 * 1024,
  nodes: 5_000,
  edges: 20_000,
  notes: 1_000,
  depth: 64,
  stringLength: 1_000_000,
  keysPerObject: 10_000,
} as const;

/**
 * The `causeway.graph/1` format as a zod schema: the one source of the published JSON Schema.
 *
 * @example
 * const r = graphSchema.safeParse(JSON.parse(text));
 */
export const graphSchema = z
  .object({
    format: z.literal(graphFormat),
    id,
    name: z.string().min(1).max(200),
    description: z.string().max(10_000).optional(),
    nodes: z.array(graphNodeSchema).max(graphLimits.nodes),
    edges: z.array(graphEdgeSchema).max(graphLimits.edges),
    notes: z.array(graphNoteSchema).max(graphLimits.notes).optional(),
    /** Plugin packages the graph needs, with semver ranges. */
    requires: z.record(z.string().min(1).max(214), z.string().min(1).max(100)).optional(),
  })
  .strict();

/**
 * A parsed graph.
 *
 * @example
 * const graph: Graph = graphOf({ nodes: [{ id: 'load', type: 'source.csv' }] });
 */
export type Graph = z.infer<typeof graphSchema>;
/**
 * A node of a parsed graph.
 *
 * @example
 * const node: GraphNode | undefined = graph.nodes.find((n) => n.id === 'split');
 */
export type GraphNode = z.infer<typeof graphNodeSchema>;
/**
 * An edge of a parsed graph.
 *
 * @example
 * const into = graph.edges.filter((e: GraphEdge) => e.to.startsWith('split.'));
 */
export type GraphEdge = z.infer<typeof graphEdgeSchema>;
/**
 * A sticky note of a parsed graph.
 *
 * @example
 * const notes: GraphNote[] = graph.notes ?? [];
 */
export type GraphNote = z.infer<typeof graphNoteSchema>;

/**
 * Splits `node.port` into its parts; `undefined` when malformed.
 *
 * @example
 * splitEndpoint('split.train') // { node: 'split', port: 'train' }
 */
export function splitEndpoint(endpoint: string): { node: string; port: string } | undefined {
  const match = endpointPattern.exec(endpoint);
  return match ? { node: match[1] as string, port: match[2] as string } : undefined;
}
