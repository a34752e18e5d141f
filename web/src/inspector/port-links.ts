import { type Graph, type NodeRegistry, type PortSpec, splitEndpoint } from '@causeway/sdk';
import { checkConnection } from '../canvas/check-connection';

/** An output that may feed an input: its endpoint (`node.port`) and how the inspector names it. */
export interface UpstreamChoice {
  from: string;
  label: string;
}

/** One input port of a node and the endpoints feeding it now, in edge order. */
export interface InputLinks {
  port: string;
  spec: PortSpec;
  connected: string[];
}

function definitionOf(registry: NodeRegistry, node: { type: string; version: number }) {
  return registry.get(node.type, node.version) ?? registry.latest(node.type);
}

/** The inputs of a node and what feeds each. Empty for a node whose type is unknown. */
export function inputLinks(graph: Graph, registry: NodeRegistry, nodeId: string): InputLinks[] {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const definition = node && definitionOf(registry, node);
  if (!definition) return [];
  return Object.entries<PortSpec>(definition.inputs).map(([port, spec]) => ({
    port,
    spec,
    connected: graph.edges.filter((e) => e.to === `${nodeId}.${port}`).map((e) => e.from),
  }));
}

/**
 * Every output that may feed an input, by the same check dragging a connection applies (so not one
 * already connected there, nor one that would close a cycle). Costs a walk of the graph per output:
 * the inspector asks only when the list is about to be used.
 */
export function upstreamChoices(graph: Graph, registry: NodeRegistry, nodeId: string, port: string): UpstreamChoice[] {
  const choices: UpstreamChoice[] = [];
  for (const other of graph.nodes) {
    const upstream = other.id === nodeId ? undefined : definitionOf(registry, other);
    if (!upstream) continue;
    for (const output of Object.keys(upstream.outputs)) {
      const check = checkConnection(graph, registry, { source: other.id, sourceHandle: output, target: nodeId, targetHandle: port });
      if (check.ok) choices.push({ from: check.from, label: `${other.label ?? upstream.title} (${other.id}) · ${output}` });
    }
  }
  return choices;
}

/** An edge's two endpoints as the connection check takes them. */
export function asConnection(from: string, to: string) {
  const source = splitEndpoint(from);
  const target = splitEndpoint(to);
  return {
    source: source?.node ?? null,
    sourceHandle: source?.port ?? null,
    target: target?.node ?? null,
    targetHandle: target?.port ?? null,
  };
}
