import type { Graph, GraphNode, InferOptions, TableSchema } from '@causeway/sdk';

/** A node's type, version and config: what its observed outputs depend on besides its data. */
const configKey = (node: GraphNode) => JSON.stringify([node.type, node.version, node.config]);

/**
 * What the runner knows about tables before a run: the schema of each file as it was read when
 * added or uploaded, and the output schemas source nodes last produced, valid while their config
 * is unchanged. Inference uses the first in `infer` and the second where `infer` knows nothing.
 */
export class DesignSchemas {
  readonly #files = new Map<string, TableSchema>();
  readonly #observed = new Map<string, { key: string; ports: ReadonlyMap<string, TableSchema> }>();

  setFile(name: string, schema: TableSchema | undefined): void {
    if (schema) this.#files.set(name, schema);
    else this.#files.delete(name);
  }

  observe(node: GraphNode, ports: ReadonlyMap<string, TableSchema>): void {
    this.#observed.set(node.id, { key: configKey(node), ports });
  }

  /** The options `inferBound` takes for one graph. */
  inferOptions(graph: Graph): InferOptions {
    const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
    return {
      files: { schemaOf: (name) => this.#files.get(name) },
      observed: (nodeId, portId) => {
        const seen = this.#observed.get(nodeId);
        const node = nodes.get(nodeId);
        return seen && node && seen.key === configKey(node) ? seen.ports.get(portId) : undefined;
      },
    };
  }
}
