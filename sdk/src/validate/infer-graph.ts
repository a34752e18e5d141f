import type { ErrorCode } from '../errors/catalog';
import type { Issue } from '../errors/issue';
import type { Graph } from '../graph/schema';
import type { DesignFiles, InputDescriptors } from '../node/define-node';
import type { NodeRegistry } from '../node/registry';
import { type PortSpec, valueDescriptor } from '../ports/port';
import { type BoundGraph, bindGraph } from './bind-graph';
import { topologicalOrder } from './topology';

/**
 * Design-time descriptors by `node.port` (outputs only), plus the problems inference found.
 *
 * @example
 * const { ports } = inferGraph(graph, registry); ports.get('split.train') // the TableSchema there
 */
export interface InferredGraph {
  ports: Map<string, unknown>;
  issues: Issue[];
}

/**
 * What inference may know beyond the graph: file schemas for source nodes.
 *
 * @example
 * inferGraph(graph, registry, { files: { schemaOf: (name) => schemas.get(name) } })
 */
export interface InferOptions {
  files?: DesignFiles | undefined;
  /** A descriptor a run observed at `node.port`, used where `infer` leaves the port unknown. */
  observed?: ((nodeId: string, portId: string) => unknown) | undefined;
}

/**
 * Propagates schemas through the whole graph before anything runs: each node's `infer` receives
 * the descriptors of what feeds it and returns its outputs', so every table port's columns are known.
 *
 * @example
 * const { ports } = inferGraph(graph, registry);
 * ports.get('load.table') // { columns: [{ name: 'age', type: 'integer', nullable: true }, …] }
 */
export function inferGraph(graph: Graph, registry: NodeRegistry, options: InferOptions = {}): InferredGraph {
  const bound = bindGraph(graph, registry);
  const order = topologicalOrder(
    [...bound.nodes.keys()],
    bound.edges.map((edge) => ({ from: edge.fromNode, to: edge.toNode })),
  ).order;
  return inferBound(bound, order, options);
}

/**
 * Inference over an already bound graph in a known order (validation reuses its own binding).
 *
 * @example
 * const bound = bindGraph(graph, registry); const inferred = inferBound(bound, topologicalOrder(ids, deps).order);
 */
export function inferBound(bound: BoundGraph, order: readonly string[], options: InferOptions = {}): InferredGraph {
  const ports = new Map<string, unknown>();
  const issues: Issue[] = [];
  const feeding = new Map<string, string[]>();
  for (const edge of bound.edges) {
    const key = `${edge.toNode}.${edge.toPort}`;
    const sources = feeding.get(key);
    const from = `${edge.fromNode}.${edge.fromPort}`;
    if (sources) sources.push(from);
    else feeding.set(key, [from]);
  }
  for (const nodeId of order) {
    const bn = bound.nodes.get(nodeId);
    if (!bn?.resolved) continue;
    const { definition, config } = bn.resolved;
    const inputs: Record<string, unknown> = {};
    for (const [portId, spec] of Object.entries<PortSpec>(definition.inputs)) {
      const sources = (feeding.get(`${nodeId}.${portId}`) ?? []).map((from) => ports.get(from));
      inputs[portId] = spec.multiple ? sources : sources[0];
    }
    const issue = (message: string, field: ReadonlyArray<string | number> = [], code: ErrorCode = 'SCHEMA_INVALID') => {
      issues.push({ code, path: ['nodes', bn.index, 'config', ...field], nodeId, message });
    };
    let outputs: Record<string, unknown> = {};
    try {
      // Descriptors were produced by the upstream nodes' own `infer`, so they match the port kinds the edges checked.
      outputs =
        definition.infer?.({ inputs: inputs as InputDescriptors<typeof definition.inputs>, config, issue, files: options.files }) ?? {};
    } catch (cause) {
      issue(`Could not work out this node's output schema: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
    for (const [portId, spec] of Object.entries<PortSpec>(definition.outputs)) {
      const descriptor = Object.hasOwn(outputs, portId)
        ? outputs[portId]
        : spec.kind === 'value'
          ? valueDescriptor(spec)
          : options.observed?.(nodeId, portId);
      if (descriptor !== undefined) ports.set(`${nodeId}.${portId}`, descriptor);
    }
  }
  return { ports, issues };
}
