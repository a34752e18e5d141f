import { type Graph, graphFormat } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import type { GraphDiffAnswer } from '../api/api-client';
import { compareGraphs, formatPath, formatValue } from './compare-graphs';

const node = (id: string, x: number, config: Record<string, unknown> = {}) => ({
  id,
  type: 'transform.filter',
  version: 1,
  position: [x, 0] as [number, number],
  config,
});
const older: Graph = {
  format: graphFormat,
  id: 'g',
  name: 'G',
  nodes: [node('load', 0), node('old', 200), node('keep', 400, { expression: 'a > 1' })],
  edges: [
    { from: 'load.table', to: 'old.table' },
    { from: 'old.table', to: 'keep.table' },
  ],
};
const newer: Graph = {
  ...older,
  nodes: [node('load', 0), node('keep', 400, { expression: 'a > 2' }), node('fresh', 600)],
  edges: [
    { from: 'load.table', to: 'keep.table' },
    { from: 'keep.table', to: 'fresh.table' },
  ],
};
// The shape the server's diff route answers with for these two versions.
const diff: GraphDiffAnswer = {
  from: 1,
  to: 2,
  nodesAdded: [{ id: 'fresh', type: 'transform.filter', version: 1 }],
  nodesRemoved: [{ id: 'old', type: 'transform.filter', version: 1 }],
  nodesChanged: [{ id: 'keep', fields: [], config: [{ path: ['expression'], before: 'a > 1', after: 'a > 2' }] }],
  edgesAdded: [
    { from: 'load.table', to: 'keep.table' },
    { from: 'keep.table', to: 'fresh.table' },
  ],
  edgesRemoved: [
    { from: 'load.table', to: 'old.table' },
    { from: 'old.table', to: 'keep.table' },
  ],
  graphFields: [],
};

describe('compareGraphs', () => {
  it('marks added, removed and changed nodes; unchanged nodes carry no mark', () => {
    const view = compareGraphs(older, newer, diff);
    expect(Object.fromEntries(view.marks)).toEqual({ fresh: 'added', old: 'removed', keep: 'changed' });
    expect(view.marks.has('load')).toBe(false);
    expect(view.changes.get('keep')?.config).toEqual([{ path: ['expression'], before: 'a > 1', after: 'a > 2' }]);
  });

  it('draws the newer version with removed nodes ghosted where they were, and their edges', () => {
    const view = compareGraphs(older, newer, diff);
    expect(view.graph.nodes.map((n) => n.id)).toEqual(['load', 'keep', 'fresh', 'old']);
    expect(view.graph.nodes.find((n) => n.id === 'old')?.position).toEqual([200, 0]);
    expect(view.graph.edges).toHaveLength(4);
    expect(view.edgesAdded).toBe(2);
    expect(view.edgesRemoved).toBe(2);
  });

  it('drops removed edges whose ends are gone from both versions', () => {
    const partial = { ...diff, edgesRemoved: [...diff.edgesRemoved, { from: 'ghost.table', to: 'keep.table' }] };
    expect(compareGraphs(older, newer, partial).graph.edges).toHaveLength(4);
  });
});

describe('formatting changes', () => {
  it('names config paths and cuts long values', () => {
    expect(formatPath(['columns', 0, 'name'])).toBe('columns[0].name');
    expect(formatPath([])).toBe('(whole config)');
    expect(formatValue(undefined)).toBe('(none)');
    expect(formatValue('x'.repeat(100))).toHaveLength(78);
  });
});
