import { expect, test } from 'vitest';
import { mergeGraphs } from './merge-graphs';
import type { Graph, GraphNode } from './schema';

const node = (id: string, config: Record<string, unknown> = {}): GraphNode => ({
  id,
  type: 'transform.filter',
  version: 1,
  config,
  position: [0, 0],
});

const base: Graph = {
  format: 'causeway.graph/1',
  id: 'g',
  name: 'G',
  nodes: [node('a', { file: 'x.csv', opts: { sep: ',', quote: '"' } }), node('b', { where: 'x > 1' }), node('c')],
  edges: [
    { from: 'a.table', to: 'b.table' },
    { from: 'b.table', to: 'c.table' },
  ],
};

/** A copy of the base with `edit` applied to it. */
const edited = (edit: (g: Graph) => void): Graph => {
  const graph = structuredClone(base);
  edit(graph);
  return graph;
};
const find = (g: Graph, id: string) => g.nodes.find((n) => n.id === id) as GraphNode;

test('disjoint edits merge without conflict and both survive', () => {
  const mine = edited((g) => {
    g.nodes.push(node('mine'));
    g.edges.push({ from: 'c.table', to: 'mine.table' });
    (find(g, 'a').config.opts as Record<string, unknown>).sep = ';';
    find(g, 'b').label = 'My filter';
    g.description = 'mine';
  });
  const theirs = edited((g) => {
    g.nodes.push(node('theirs'));
    g.edges.push({ from: 'a.table', to: 'theirs.table' });
    (find(g, 'a').config.opts as Record<string, unknown>).quote = "'";
    find(g, 'b').config.where = 'x > 2';
    g.name = 'Theirs';
  });
  const { graph, conflicts } = mergeGraphs(base, mine, theirs);
  expect(conflicts).toEqual([]);
  expect(graph.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c', 'theirs', 'mine']);
  expect(find(graph, 'a').config).toEqual({ file: 'x.csv', opts: { sep: ';', quote: "'" } });
  expect(find(graph, 'b')).toMatchObject({ label: 'My filter', config: { where: 'x > 2' } });
  expect(graph).toMatchObject({ name: 'Theirs', description: 'mine' });
  expect(graph.edges).toEqual([...base.edges, { from: 'a.table', to: 'theirs.table' }, { from: 'c.table', to: 'mine.table' }]);
  expect(theirs.nodes).toHaveLength(4);
});

test('the same edit on both sides is no conflict and is not doubled', () => {
  const edit = (g: Graph) => {
    g.nodes.push(node('same', { k: 1 }));
    g.edges.push({ from: 'c.table', to: 'same.table' });
    find(g, 'b').config.where = 'x > 5';
    g.nodes = g.nodes.filter((n) => n.id !== 'a');
    g.edges = g.edges.filter((e) => !e.from.startsWith('a.'));
  };
  const { graph, conflicts } = mergeGraphs(base, edited(edit), edited(edit));
  expect(conflicts).toEqual([]);
  expect(graph).toEqual(edited(edit));
});

test('a config path changed differently on both sides is a conflict naming node and path', () => {
  const mine = edited((g) => {
    (find(g, 'a').config.opts as Record<string, unknown>).sep = ';';
    find(g, 'c').config.keep = true;
  });
  const theirs = edited((g) => {
    (find(g, 'a').config.opts as Record<string, unknown>).sep = '|';
  });
  const { graph, conflicts } = mergeGraphs(base, mine, theirs);
  expect(conflicts).toEqual([
    {
      key: 'a/config.opts.sep',
      node: 'a',
      field: 'config.opts.sep',
      mine: ';',
      theirs: '|',
      message: 'Node “a”, config.opts.sep: you set ";", they set "|".',
    },
  ]);
  expect(find(graph, 'a').config.opts).toEqual({ sep: '|', quote: '"' });
  expect(find(graph, 'c').config).toEqual({ keep: true });
  const kept = mergeGraphs(base, mine, theirs, new Set(['a/config.opts.sep']));
  expect(find(kept.graph, 'a').config.opts).toEqual({ sep: ';', quote: '"' });
});

test('a node field and a graph field changed on both sides are conflicts; a removed config key too', () => {
  const mine = edited((g) => {
    find(g, 'b').label = 'Mine';
    g.name = 'Mine';
    delete find(g, 'b').config.where;
  });
  const theirs = edited((g) => {
    find(g, 'b').label = 'Theirs';
    g.name = 'Theirs';
    find(g, 'b').config.where = 'x > 9';
  });
  const { conflicts } = mergeGraphs(base, mine, theirs);
  expect(conflicts.map((c) => [c.key, c.message])).toEqual([
    ['b/label', 'Node “b”, label: you set "Mine", they set "Theirs".'],
    ['b/config.where', 'Node “b”, config.where: you set nothing (removed), they set "x > 9".'],
    ['/name', 'Graph name: you set "Mine", they set "Theirs".'],
  ]);
  const kept = mergeGraphs(base, mine, theirs, new Set(['b/config.where', '/name']));
  expect(find(kept.graph, 'b')).toMatchObject({ label: 'Theirs', config: {} });
  expect(kept.graph.name).toBe('Mine');
});

test('a node I changed that they removed is a conflict; keeping mine brings it back', () => {
  const mine = edited((g) => {
    find(g, 'c').config.keep = true;
  });
  const theirs = edited((g) => {
    g.nodes = g.nodes.filter((n) => n.id !== 'c');
    g.edges = g.edges.filter((e) => !e.to.startsWith('c.'));
  });
  const { graph, conflicts } = mergeGraphs(base, mine, theirs);
  expect(conflicts).toEqual([
    { key: 'c/node', node: 'c', field: 'node', mine: find(mine, 'c'), message: 'Node “c”: changed by you, removed by them.' },
  ]);
  expect(graph.nodes.map((n) => n.id)).toEqual(['a', 'b']);
  const kept = mergeGraphs(base, mine, theirs, new Set(['c/node']));
  expect(find(kept.graph, 'c').config).toEqual({ keep: true });
});

test('a node I removed that they changed is a conflict; one they left alone goes, with its edges', () => {
  const mine = edited((g) => {
    g.nodes = g.nodes.filter((n) => n.id !== 'b' && n.id !== 'c');
    g.edges = [];
  });
  const theirs = edited((g) => {
    find(g, 'b').config.where = 'x > 3';
    g.edges.push({ from: 'a.table', to: 'c.other' });
  });
  const { graph, conflicts } = mergeGraphs(base, mine, theirs);
  expect(conflicts.map((c) => c.message)).toEqual(['Node “b”: removed by you, changed by them.']);
  expect(graph.nodes.map((n) => n.id)).toEqual(['a', 'b']);
  // My removed connections stay removed; their new one to my removed node goes with it.
  expect(graph.edges).toEqual([]);
  const kept = mergeGraphs(base, mine, theirs, new Set(['b/node']));
  expect(kept.graph.nodes.map((n) => n.id)).toEqual(['a']);
  expect(kept.graph.edges).toEqual([]);
});

test('a node added on both sides differently is a conflict', () => {
  const mine = edited((g) => g.nodes.push(node('d', { v: 1 })));
  const theirs = edited((g) => g.nodes.push(node('d', { v: 2 })));
  const { graph, conflicts } = mergeGraphs(base, mine, theirs);
  expect(conflicts.map((c) => c.key)).toEqual(['d/node']);
  expect(find(graph, 'd').config).toEqual({ v: 2 });
  expect(find(mergeGraphs(base, mine, theirs, new Set(['d/node'])).graph, 'd').config).toEqual({ v: 1 });
});
