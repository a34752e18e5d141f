import fc from 'fast-check';
import { expect, test } from 'vitest';
import { diffGraphs } from './diff-graphs';
import type { Graph } from './schema';

const base: Graph = {
  format: 'causeway.graph/1',
  id: 'g',
  name: 'G',
  nodes: [
    { id: 'a', type: 'source.csv', version: 1, config: { file: 'x.csv', opts: { sep: ',', quote: '"' } }, position: [0, 0] },
    { id: 'b', type: 'transform.filter', version: 1, config: { where: 'x > 1' }, position: [100, 0] },
  ],
  edges: [{ from: 'a.table', to: 'b.table' }],
};

test('reports added, removed and changed nodes, nested config fields and edges', () => {
  const next: Graph = {
    ...base,
    name: 'G2',
    nodes: [
      {
        id: 'a',
        type: 'source.csv',
        version: 2,
        config: { file: 'x.csv', opts: { sep: ';', quote: '"' }, header: true },
        position: [0, 0],
      },
      { id: 'c', type: 'transform.select', version: 1, config: {}, position: [200, 0] },
    ],
    edges: [{ from: 'a.table', to: 'c.table' }],
  };
  const diff = diffGraphs(base, next);
  expect(diff.nodesAdded).toEqual([{ id: 'c', type: 'transform.select', version: 1 }]);
  expect(diff.nodesRemoved).toEqual([{ id: 'b', type: 'transform.filter', version: 1 }]);
  expect(diff.nodesChanged).toEqual([
    {
      id: 'a',
      fields: [{ field: 'version', before: 1, after: 2 }],
      config: [
        { path: ['header'], before: undefined, after: true },
        { path: ['opts', 'sep'], before: ',', after: ';' },
      ],
    },
  ]);
  expect(diff.edgesAdded).toEqual([{ from: 'a.table', to: 'c.table' }]);
  expect(diff.edgesRemoved).toEqual([{ from: 'a.table', to: 'b.table' }]);
  expect(diff.graphFields).toEqual([{ field: 'name', before: 'G', after: 'G2' }]);
});

test('a graph diffed with itself (or a key-reordered copy) is empty; swapping sides swaps added and removed', () => {
  const config = fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }));
  const node = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), config });
  fc.assert(
    fc.property(fc.uniqueArray(node, { selector: (n) => n.id }), fc.uniqueArray(node, { selector: (n) => n.id }), (xs, ys) => {
      const graphOf = (nodes: typeof xs): Graph => ({
        ...base,
        nodes: nodes.map((n) => ({ id: n.id, type: 't.x', version: 1, config: n.config, position: [0, 0] })),
        edges: [],
      });
      const a = graphOf(xs);
      const reordered = JSON.parse(JSON.stringify(a), (_k, v) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ) as Graph;
      const same = diffGraphs(a, reordered);
      expect(same.nodesAdded.length + same.nodesRemoved.length + same.nodesChanged.length).toBe(0);
      const forward = diffGraphs(a, graphOf(ys));
      const backward = diffGraphs(graphOf(ys), a);
      expect(backward.nodesAdded).toEqual(forward.nodesRemoved);
      expect(backward.nodesChanged.map((c) => c.id).sort()).toEqual(forward.nodesChanged.map((c) => c.id).sort());
    }),
  );
});
