import type { ColumnSchema, Graph } from '@causeway/sdk';
import { splitEndpoint } from '@causeway/sdk';

const isTableSchema = (v: unknown): v is { columns: ColumnSchema[] } =>
  typeof v === 'object' && v !== null && Array.isArray((v as { columns?: unknown }).columns);

// The columns of the table schemas among `schemas`, in order, without repeats.
function uniqueColumns(schemas: readonly unknown[]): ColumnSchema[] {
  const seen = new Set<string>();
  const out: ColumnSchema[] = [];
  for (const schema of schemas) {
    if (!isTableSchema(schema)) continue;
    for (const column of schema.columns) {
      if (seen.has(column.name)) continue;
      seen.add(column.name);
      out.push(column);
    }
  }
  return out;
}

/** The columns of every table feeding a node, in input order, without repeats: what column pickers offer. */
export function inputColumns(graph: Graph, ports: ReadonlyMap<string, unknown>, nodeId: string): ColumnSchema[] {
  return uniqueColumns(graph.edges.filter((edge) => splitEndpoint(edge.to)?.node === nodeId).map((edge) => ports.get(edge.from)));
}

/** The columns of the tables a node outputs itself: a source's columns, for its per-column settings. */
export function outputColumns(ports: ReadonlyMap<string, unknown>, nodeId: string, portIds: readonly string[]): ColumnSchema[] {
  return uniqueColumns(portIds.map((portId) => ports.get(`${nodeId}.${portId}`)));
}
