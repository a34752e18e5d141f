import type { Graph } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { graphEdits } from './graph-edits';
import { missingPlugins, placeholderPorts, pluginOfType } from './placeholders';
import { testGraph, testStore } from './test-nodes.test-helper';

/** The test graph with a node from a plugin that is not installed between `load` and `pick`. */
function withPluginNode(): Graph {
  const graph = testGraph();
  return {
    ...graph,
    requires: { '@acme/causeway-text': '^1.2.0' },
    nodes: [
      ...graph.nodes,
      {
        id: 'tok',
        type: '@acme/causeway-text/tokenize',
        version: 3,
        config: { column: 'a', keep: { stop: ['the'] } },
        position: [100, 100],
      },
    ],
    edges: [
      { from: 'load.table', to: 'tok.text' },
      { from: 'tok.tokens', to: 'pick.table' },
    ],
  };
}

describe('placeholders', () => {
  it('finds the plugin a node type comes from and which required plugins are missing', () => {
    const graph = withPluginNode();
    expect(pluginOfType(graph, '@acme/causeway-text/tokenize')).toEqual({ name: '@acme/causeway-text', range: '^1.2.0' });
    expect(pluginOfType(graph, 'test.keep')).toBeUndefined();
    expect(missingPlugins(graph, [])).toEqual([{ name: '@acme/causeway-text', range: '^1.2.0', loaded: [] }]);
    expect(missingPlugins(graph, [{ name: '@acme/causeway-text', version: '1.4.0', nodes: [] }])).toEqual([]);
    expect(missingPlugins(graph, [{ name: '@acme/causeway-text', version: '2.0.0', nodes: [] }])).toEqual([
      { name: '@acme/causeway-text', range: '^1.2.0', loaded: ['2.0.0'] },
    ]);
  });

  it('gives an unknown node the ports its edges name', () => {
    expect(placeholderPorts(withPluginNode(), 'tok')).toEqual({ inputs: ['text'], outputs: ['tokens'] });
    expect(placeholderPorts(withPluginNode(), 'fit')).toEqual({ inputs: [], outputs: [] });
  });

  it('marks the node with an issue naming the plugin, and keeps its config through other edits and undo', async () => {
    const graph = withPluginNode();
    const store = testStore(graph);
    const issues = store.getState().analysis.byNode.get('tok') ?? [];
    expect(issues.map((i) => i.code)).toEqual(['PLUGIN_MISSING']);
    expect(issues[0]?.message).toMatch(/^Needs plugin @acme\/causeway-text \^1\.2\.0, which is not installed/);
    store.commit(graphEdits.setConfig(store.getState().graph, 'pick', { column: 'b' }));
    store.commit(graphEdits.move(store.getState().graph, new Map([['fit', [5, 5] as const]])));
    store.undo();
    await store.whenChecked();
    const kept = store.getState().graph.nodes.find((n) => n.id === 'tok');
    expect(kept).toBe(graph.nodes.find((n) => n.id === 'tok'));
    expect(store.getState().graph.requires).toBe(graph.requires);
  });
});
