import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../node/define-node';
import type { LineageNode } from '../node/lineage';
import { port } from '../ports/port';
import { runGraph } from './run-graph';
import { graph, recordingRegistry } from './test-nodes';

describe('ctx.lineage', () => {
  const seen: Array<{ self: LineageNode | undefined; feeder: LineageNode | undefined } | 'none'> = [];
  const probe = (lineage: boolean) =>
    defineNode({
      type: lineage ? 'test.lineage' : 'test.plain',
      version: 2,
      category: 'deploy',
      title: 'Probe',
      description: 'Records what it sees of the graph upstream.',
      inputs: { in: port.value(z.number()) },
      outputs: {},
      config: z.object({}),
      lineage,
      run: ({ ctx }) => {
        if (ctx.lineage === undefined) seen.push('none');
        else {
          const self = ctx.lineage.node(ctx.nodeId);
          seen.push({ self, feeder: ctx.lineage.node(self?.sources.in?.[0]?.node ?? '') });
        }
        return {};
      },
    });

  it('shows a node that declares lineage its feeders: type, parsed config and outputs; others get none', async () => {
    const { registry } = recordingRegistry();
    registry.add(probe(true), probe(false));
    const g = graph(
      [
        { id: 'a', type: 'test.sum', config: { add: 5 } },
        { id: 'p', type: 'test.lineage', version: 2 },
        { id: 'q', type: 'test.plain', version: 2 },
      ],
      ['a.out -> p.in', 'a.out -> q.in'],
    );
    const result = await runGraph(g, { registry, concurrency: 1 });
    expect(result.status).toBe('succeeded');
    expect(seen).toEqual([
      {
        self: {
          id: 'p',
          type: 'test.lineage',
          version: 2,
          category: 'deploy',
          config: {},
          sources: { in: [{ node: 'a', port: 'out' }] },
          outputs: undefined,
        },
        feeder: {
          id: 'a',
          type: 'test.sum',
          version: 1,
          category: 'transform',
          config: { add: 5, yields: 0 },
          sources: { in: [] },
          outputs: { out: 5 },
        },
      },
      'none',
    ]);
  });
});
