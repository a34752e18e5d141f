import { type Graph, parseGraph, UserError } from '@causeway/sdk';

/**
 * Saved graphs a run thread has parsed, by graph version, so repeated runs skip parsing. A graph
 * that cannot be read is kept as its error. At `maxEntries` the cache starts over: versions are
 * immutable, so nothing goes stale, and starting over costs one parse per graph in use.
 */
export class ParsedGraphs {
  private readonly graphs = new Map<string, Graph | UserError>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.graphs.size;
  }

  /** The parsed graph of `key` (a graph id and version), parsing `text` on first use. */
  get(key: string, text: string): Graph | UserError {
    let graph = this.graphs.get(key);
    if (graph === undefined) {
      const parsed = parseGraph(text);
      graph = parsed.ok ? parsed.value : new UserError('GRAPH_SCHEMA', 'The saved graph cannot be read.', { issues: parsed.issues });
      if (this.graphs.size >= this.maxEntries) this.graphs.clear();
      this.graphs.set(key, graph);
    }
    return graph;
  }
}
