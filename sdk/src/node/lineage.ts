/**
 * A node upstream of the asking node, as {@link Lineage} shows it: its type, parsed config, what feeds
 * each input port, and the values it output (every upstream node has finished by then).
 *
 * @example
 * const trainer = ctx.lineage?.node('train');
 * const tableFrom = trainer?.sources.table?.[0]; // { node: 'impute', port: 'table' }
 */
export interface LineageNode {
  id: string;
  type: string;
  version: number;
  /** The definition's category: `source`, `transform`, `model`, `validate`, `visualize`, `deploy` or `plugin`. */
  category: string;
  config: unknown;
  /** For each input port, the outputs wired to it, in edge order. */
  sources: Readonly<Record<string, ReadonlyArray<{ node: string; port: string }>>>;
  /** Its output values; undefined for a node that did not run. */
  outputs: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The graph around a running node that declared `lineage: true` (e.g. a deploy node that records how
 * its model's inputs were made): read-only, by node id.
 *
 * @example
 * const self = ctx.lineage?.node(ctx.nodeId);
 * const modelFrom = self?.sources.model?.[0];
 */
export interface Lineage {
  node(id: string): LineageNode | undefined;
}
