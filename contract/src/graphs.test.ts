import { diffGraphs, type Graph, type GraphDiff } from '@causeway/sdk';
import { expect, expectTypeOf, test } from 'vitest';
import { type GraphDiffAnswer, graphDiffAnswer } from './graphs';

const node = (id: string, config: Record<string, unknown>) => ({
  id,
  type: 'transform.filter',
  version: 1,
  config,
  position: [0, 0] as [number, number],
});
const before: Graph = {
  format: 'causeway.graph/1',
  id: 'g',
  name: 'G',
  nodes: [node('a', { where: 'x > 1' }), node('b', {})],
  edges: [{ from: 'a.table', to: 'b.table' }],
};
const after: Graph = { ...before, name: 'G2', nodes: [node('a', { where: 'x > 2' }), node('c', {})], edges: [] };

test("the diff answer is the SDK's GraphDiff with the two version numbers", () => {
  expectTypeOf<Omit<GraphDiffAnswer, 'from' | 'to'>>().toEqualTypeOf<GraphDiff>();
  const answer = { from: 1, to: 2, ...diffGraphs(before, after) };
  expect(graphDiffAnswer.parse(answer)).toEqual(answer);
  expect(answer.nodesChanged[0]?.config).toEqual([{ path: ['where'], before: 'x > 1', after: 'x > 2' }]);
});
