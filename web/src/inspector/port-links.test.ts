import { describe, expect, it } from 'vitest';
import { checkConnection } from '../canvas/check-connection';
import { graphEdits } from '../canvas/graph-edits';
import { testGraph, testRegistry } from '../canvas/test-nodes.test-helper';
import { asConnection, inputLinks, upstreamChoices } from './port-links';

const registry = testRegistry();

describe('inputs in the inspector', () => {
  it('lists each input with what feeds it', () => {
    expect(inputLinks(testGraph(), registry, 'pick')).toEqual([
      { port: 'table', spec: expect.objectContaining({ kind: 'table' }), connected: ['load.table'] },
    ]);
    expect(inputLinks(testGraph(), registry, 'load')).toEqual([]);
    expect(inputLinks(testGraph(), registry, 'nowhere')).toEqual([]);
  });

  it('offers only the outputs dragging would accept: no model into a table, no duplicate, no cycle, not itself', () => {
    const graph = graphEdits.addNode(testGraph(), { id: 'pick2', type: 'test.keep', version: 1, config: {}, position: [0, 0] });
    const linked = graphEdits.connect(graph, { from: 'pick.table', to: 'pick2.table' }, true);
    // pick is fed by load already; pick2 is downstream of pick (a cycle); fit gives a model.
    expect(upstreamChoices(linked, registry, 'pick', 'table')).toEqual([]);
    expect(upstreamChoices(linked, registry, 'fit', 'table').map((c) => c.from)).toEqual(['load.table', 'pick.table', 'pick2.table']);
    expect(upstreamChoices(linked, registry, 'fit', 'table')[0]?.label).toBe('Source (load) · table');
  });

  it('every choice passes the canvas check, and a single input is replaced', () => {
    const graph = graphEdits.addNode(testGraph(), { id: 'load2', type: 'test.source', version: 1, config: {}, position: [0, 0] });
    const [choice] = upstreamChoices(graph, registry, 'pick', 'table');
    expect(choice?.from).toBe('load2.table');
    expect(checkConnection(graph, registry, asConnection('load2.table', 'pick.table'))).toEqual({
      ok: true,
      from: 'load2.table',
      to: 'pick.table',
      replaces: true,
    });
  });

  it('a multiple input keeps what it has and offers the rest', () => {
    let graph = graphEdits.addNode(testGraph(), { id: 'all', type: 'test.union', version: 1, config: {}, position: [0, 0] });
    graph = graphEdits.connect(graph, { from: 'load.table', to: 'all.tables' }, false);
    expect(inputLinks(graph, registry, 'all')[0]?.connected).toEqual(['load.table']);
    expect(upstreamChoices(graph, registry, 'all', 'tables').map((c) => c.from)).toEqual(['pick.table']);
  });
});
