import { z } from 'zod';
import type { Graph } from '../graph/schema';
import { defineNode } from '../node/define-node';
import { NodeRegistry } from '../node/registry';
import { port } from '../ports/port';

/** What the recording test node saw: one entry when a node starts and one when it ends. */
export interface Trace {
  events: Array<{ kind: 'start' | 'end'; id: string }>;
  running: number;
  maxRunning: number;
}

/**
 * Test fixtures for the engine: a `test.sum` node (adds its numeric inputs and `add`) that records
 * when it runs, and a graph builder. Not exported from the SDK.
 */
export function recordingRegistry(trace: Trace = { events: [], running: 0, maxRunning: 0 }) {
  const sum = defineNode({
    type: 'test.sum',
    version: 1,
    category: 'transform',
    title: 'Sum',
    description: 'Adds its inputs and a constant, yielding to the event loop `yields` times.',
    inputs: { in: port.value(z.number(), { multiple: true, optional: true }) },
    outputs: { out: port.value(z.number()) },
    config: z.object({ add: z.number(), yields: z.number().int().min(0).default(0) }),
    run: async ({ inputs, config, ctx }) => {
      trace.events.push({ kind: 'start', id: ctx.nodeId });
      trace.running++;
      trace.maxRunning = Math.max(trace.maxRunning, trace.running);
      for (let i = 0; i < config.yields; i++) await Promise.resolve();
      trace.running--;
      trace.events.push({ kind: 'end', id: ctx.nodeId });
      return { out: inputs.in.reduce((a, b) => a + b, config.add) };
    },
  });
  return { registry: new NodeRegistry().add(sum), trace, sum };
}

/** Node ids started, in order. */
export const started = (trace: Trace): string[] => trace.events.filter((e) => e.kind === 'start').map((e) => e.id);

/** A `causeway.graph/1` graph from nodes and `a.out -> b.in` edges. */
export function graph(
  nodes: Array<{ id: string; type: string; config?: Record<string, unknown>; version?: number }>,
  edges: string[] = [],
): Graph {
  return {
    format: 'causeway.graph/1',
    id: 'g',
    name: 'test graph',
    nodes: nodes.map((n, i) => ({ id: n.id, type: n.type, version: n.version ?? 1, config: n.config ?? {}, position: [i * 100, 0] })),
    edges: edges.map((e) => {
      const [from = '', to = ''] = e.split(' -> ');
      return { from, to };
    }),
  };
}
