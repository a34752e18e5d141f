import type { ColumnSchema, Graph } from '@causeway/sdk';
import { splitEndpoint } from '@causeway/sdk';

const isTableSchema = (v: unknown): v is { columns: ColumnSchema[] } =>
  typeof v === 'object' && v !== null && Array.isArray((v as { columns?: unknown }).columns);

/** The columns of every table feeding a node, in input order, without repeats: what column pickers offer. */
export function inputColumns(graph: Graph, ports: ReadonlyMap<string, unknown>, nodeId: string): ColumnSchema[] {
  const seen = new Set<string>();
  const out: ColumnSchema[] = [];
  for (const edge of graph.edges) {
    if (splitEndpoint(edge.to)?.node !== nodeId) continue;
    const schema = ports.get(edge.from);
    if (!isTableSchema(schema)) continue;
    for (const column of schema.columns) {
      if (seen.has(column.name)) continue;
      seen.add(column.name);
      out.push(column);
    }
  }
  return out;
}
