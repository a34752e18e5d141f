import { arePortsCompatible, type Graph, type NodeRegistry, type PortSpec, splitEndpoint } from '@causeway/sdk';

/** A connection as the canvas proposes it while the user drags. */
export interface ProposedConnection {
  source: string | null;
  sourceHandle?: string | null | undefined;
  target: string | null;
  targetHandle?: string | null | undefined;
}

/** Whether a connection may be made, and why not. `replaces` is set when it takes over a single input. */
export type ConnectionCheck = { ok: true; from: string; to: string; replaces: boolean } | { ok: false; reason: string };

function portOf(graph: Graph, registry: NodeRegistry, nodeId: string, portId: string, side: 'inputs' | 'outputs') {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return undefined;
  const definition = registry.get(node.type, node.version) ?? registry.latest(node.type);
  const ports: Record<string, PortSpec> | undefined = definition?.[side];
  return ports && Object.hasOwn(ports, portId) ? ports[portId] : undefined;
}

/** True when `to` can already reach `from`: the new edge would close a cycle. */
function reaches(graph: Graph, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const a = splitEndpoint(edge.from)?.node;
    const b = splitEndpoint(edge.to)?.node;
    if (a && b) next.set(a, [...(next.get(a) ?? []), b]);
  }
  const seen = new Set<string>();
  const stack = [to];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === from) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}

/**
 * Checks a connection from an output port to an input port: both ports exist, their kinds are
 * compatible, it is not a duplicate and it closes no cycle. Runs on every pointer move while dragging.
 */
export function checkConnection(graph: Graph, registry: NodeRegistry, c: ProposedConnection): ConnectionCheck {
  if (!c.source || !c.target || !c.sourceHandle || !c.targetHandle)
    return { ok: false, reason: 'Connect an output port to an input port.' };
  if (c.source === c.target) return { ok: false, reason: 'A node cannot feed itself.' };
  const out = portOf(graph, registry, c.source, c.sourceHandle, 'outputs');
  const input = portOf(graph, registry, c.target, c.targetHandle, 'inputs');
  if (!out) return { ok: false, reason: `"${c.source}" has no output "${c.sourceHandle}".` };
  if (!input) return { ok: false, reason: `"${c.target}" has no input "${c.targetHandle}".` };
  if (!arePortsCompatible(out, input)) return { ok: false, reason: `A ${out.kind} output cannot feed a ${input.kind} input.` };
  const from = `${c.source}.${c.sourceHandle}`;
  const to = `${c.target}.${c.targetHandle}`;
  if (graph.edges.some((e) => e.from === from && e.to === to)) return { ok: false, reason: 'These ports are already connected.' };
  if (reaches(graph, c.source, c.target)) return { ok: false, reason: 'This connection would make a cycle.' };
  const replaces = !input.multiple && graph.edges.some((e) => e.to === to);
  return { ok: true, from, to, replaces };
}
