import { type Graph, graphFormat, graphSchema, type Issue, parseJsonSafely, type Result } from '@causeway/sdk';

/** Reads a graph file's text: hostile-input safe, never evaluates anything, issues instead of exceptions. */
export function readGraphText(text: string): Result<Graph> {
  const json = parseJsonSafely(text);
  if (!json.ok) return json;
  const parsed = graphSchema.safeParse(json.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues: Issue[] = parsed.error.issues.map((i) => ({
    code: 'GRAPH_SCHEMA',
    path: i.path.filter((p) => typeof p !== 'symbol'),
    message: i.message,
  }));
  return { ok: false, issues };
}

/** A graph as file text: 2-space JSON with a trailing newline. */
export function writeGraphText(graph: Graph): string {
  return `${JSON.stringify(graph, null, 2)}\n`;
}

/** A new, empty graph. */
export function emptyGraph(name = 'Untitled graph'): Graph {
  return { format: graphFormat, id: 'untitled', name, nodes: [], edges: [] };
}

/** A file name for a graph: its id, `.graph.json`. */
export function graphFileName(graph: Graph): string {
  return `${graph.id}.graph.json`;
}
