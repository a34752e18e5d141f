import { describe, expect, it } from 'vitest';
import { checkConnection } from './check-connection';
import { graphEdits } from './graph-edits';
import { testGraph, testRegistry } from './test-nodes.test-helper';

const registry = testRegistry();
const c = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({ source, sourceHandle, target, targetHandle });

describe('checkConnection', () => {
  it('accepts a table output into a table input', () => {
    const result = checkConnection(testGraph(), registry, c('pick', 'table', 'fit', 'table'));
    expect(result).toEqual({ ok: true, from: 'pick.table', to: 'fit.table', replaces: false });
  });

  it('refuses ports of different kinds, naming both', () => {
    const graph = graphEdits.addNode(testGraph(), { id: 'pick2', type: 'test.keep', version: 1, config: {}, position: [0, 0] });
    const result = checkConnection(graph, registry, c('fit', 'model', 'pick2', 'table'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/model output cannot feed a table input/);
  });

  it('refuses unknown ports, self loops, duplicates and cycles', () => {
    const graph = testGraph();
    expect(checkConnection(graph, registry, c('load', 'nope', 'pick', 'table')).ok).toBe(false);
    expect(checkConnection(graph, registry, c('pick', 'table', 'pick', 'table')).ok).toBe(false);
    expect(checkConnection(graph, registry, c('load', 'table', 'pick', 'table')).ok).toBe(false);
    const chained = graphEdits.addNode(graph, { id: 'pick2', type: 'test.keep', version: 1, config: {}, position: [0, 0] });
    const linked = graphEdits.connect(chained, { from: 'pick.table', to: 'pick2.table' }, true);
    const cycle = checkConnection(linked, registry, c('pick2', 'table', 'pick', 'table'));
    expect(cycle).toEqual({ ok: false, reason: 'This connection would make a cycle.' });
  });

  it('marks a connection into an occupied single input as a replacement, never into a multiple one', () => {
    let graph = graphEdits.addNode(testGraph(), { id: 'load2', type: 'test.source', version: 1, config: {}, position: [0, 0] });
    expect(checkConnection(graph, registry, c('load2', 'table', 'pick', 'table'))).toMatchObject({ ok: true, replaces: true });
    graph = graphEdits.addNode(graph, { id: 'u', type: 'test.union', version: 1, config: {}, position: [0, 0] });
    graph = graphEdits.connect(graph, { from: 'load.table', to: 'u.tables' }, false);
    expect(checkConnection(graph, registry, c('load2', 'table', 'u', 'tables'))).toMatchObject({ ok: true, replaces: false });
  });
});
