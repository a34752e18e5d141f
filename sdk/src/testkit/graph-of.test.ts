import { describe, expect, it } from 'vitest';
import { graphSchema } from '../graph/schema';
import { graphOf } from './graph-of';

describe('graphOf', () => {
  it('builds a valid graph with defaults and positions laid out by depth', () => {
    const graph = graphOf({
      nodes: [
        { id: 'c', type: 'x.join' },
        { id: 'a', type: 'x.source', config: { n: 1 } },
        { id: 'b', type: 'x.source', version: 2 },
      ],
      edges: ['a.table -> c.left', 'b.table→c.right'],
    });
    expect(graphSchema.safeParse(graph).success).toBe(true);
    expect(graph.nodes.map((n) => [n.id, n.version, n.config, n.position])).toEqual([
      ['c', 1, {}, [260, 0]],
      ['a', 1, { n: 1 }, [0, 0]],
      ['b', 2, {}, [0, 140]],
    ]);
    expect(graph.edges).toEqual([
      { from: 'a.table', to: 'c.left' },
      { from: 'b.table', to: 'c.right' },
    ]);
    expect(graph.format).toBe('causeway.graph/1');
  });

  it('rejects malformed edges and invalid ids', () => {
    expect(() => graphOf({ nodes: [{ id: 'a', type: 'x.y' }], edges: ['a.table b.table'] })).toThrow(/edges\[0\]/);
    expect(() => graphOf({ nodes: [{ id: 'a.b', type: 'x.y' }] })).toThrow(/nodes\[0\]\.id/);
  });

  it('terminates on a cycle', () => {
    const graph = graphOf({
      nodes: [
        { id: 'a', type: 'x.y' },
        { id: 'b', type: 'x.y' },
      ],
      edges: ['a.out -> b.in', 'b.out -> a.in'],
    });
    expect(graph.nodes).toHaveLength(2);
  });
});
