import type { Graph } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { graphEdits } from './graph-edits';
import { staleNodes } from './stale-nodes';

// a → b → c, a → d; e stands alone.
const node = (id: string) => ({ id, type: 't.x', version: 1, config: {}, position: [0, 0] as [number, number] });
const graph: Graph = {
  format: 'causeway.graph/1',
  id: 'g',
  name: 'g',
  nodes: ['a', 'b', 'c', 'd', 'e'].map(node),
  edges: [
    { from: 'a.out', to: 'b.in' },
    { from: 'b.out', to: 'c.in' },
    { from: 'a.out', to: 'd.in' },
  ],
};
const sorted = (set: Set<string>) => [...set].sort();

describe('staleNodes', () => {
  it('marks an edited node and everything downstream of it, nothing upstream or beside', () => {
    expect(sorted(staleNodes(graph, graphEdits.setConfig(graph, 'b', { x: 1 })))).toEqual(['b', 'c']);
    expect(sorted(staleNodes(graph, graphEdits.setConfig(graph, 'a', { x: 1 })))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('marks the target of a new or removed edge, and what it feeds', () => {
    expect(sorted(staleNodes(graph, graphEdits.connect(graph, { from: 'e.out', to: 'b.in' }, true)))).toEqual(['b', 'c']);
    expect(sorted(staleNodes(graph, graphEdits.removeEdges(graph, [{ from: 'a.out', to: 'd.in' }])))).toEqual(['d']);
    expect(sorted(staleNodes(graph, graphEdits.remove(graph, new Set(['b']))))).toEqual(['b', 'c']);
  });

  it('marks nothing for moves, labels and notes', () => {
    expect(staleNodes(graph, graphEdits.move(graph, new Map([['a', [50, 50] as const]]))).size).toBe(0);
    expect(staleNodes(graph, graphEdits.setLabel(graph, 'a', 'Load')).size).toBe(0);
    expect(staleNodes(graph, graphEdits.addNote(graph, { id: 'n', text: '', position: [0, 0], size: [1, 1] })).size).toBe(0);
  });

  it('follows a long chain without recursion', () => {
    const n = 5000;
    const chain: Graph = {
      ...graph,
      nodes: Array.from({ length: n }, (_, i) => node(`n${i}`)),
      edges: Array.from({ length: n - 1 }, (_, i) => ({ from: `n${i}.out`, to: `n${i + 1}.in` })),
    };
    expect(staleNodes(chain, graphEdits.setConfig(chain, 'n0', { x: 1 })).size).toBe(n);
  });
});
