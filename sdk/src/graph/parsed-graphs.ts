import type { Graph } from './schema';

// Graphs that parseGraph / parseGraphValue produced: their format is already checked.
const parsedGraphs = new WeakSet<object>();

/** Records a graph object the parser produced, so validation does not check its format a second time. */
export function markParsed(graph: Graph): Graph {
  parsedGraphs.add(graph);
  return graph;
}

/**
 * Whether this exact object came out of the parser. Edits build new objects (graphs are treated as
 * immutable), so an edited graph is checked in full again.
 *
 * @example
 * const r = parseGraph(text);
 * if (r.ok) isParsedGraph(r.value) // true
 */
export function isParsedGraph(value: unknown): value is Graph {
  return typeof value === 'object' && value !== null && parsedGraphs.has(value);
}
