import type { Graph } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { EditorCatalog } from '../registry';
import { fullAnalysis } from '../runner/full-analysis';
import { EditorStore } from './editor-store';
import { graphEdits } from './graph-edits';
import { testGraph, testRegistry, testStore } from './test-nodes.test-helper';

describe('EditorStore', () => {
  it('undoes and redoes every edit, restoring a deleted node with its edges', () => {
    const store = testStore();
    const original = store.getState().graph;
    store.commit(graphEdits.remove(original, new Set(['load'])));
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['pick', 'fit']);
    expect(store.getState().graph.edges).toEqual([]);
    store.undo();
    expect(store.getState().graph).toBe(original);
    store.redo();
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['pick', 'fit']);
  });

  it('merges edits with the same key into one step, and a whole drag into one step', () => {
    const store = testStore();
    const original = store.getState().graph;
    for (const column of ['b', 'bb', 'bbb']) store.commit(graphEdits.setConfig(store.getState().graph, 'pick', { column }), 'pick.column');
    for (let x = 1; x <= 5; x++) store.drag(graphEdits.move(store.getState().graph, new Map([['load', [x * 10, 0] as const]])));
    store.endDrag();
    expect(store.getState().history.past).toHaveLength(2);
    store.undo();
    expect(store.getState().graph.nodes[0]?.position).toEqual([0, 0]);
    store.undo();
    expect(store.getState().graph).toBe(original);
  });

  it('puts validation issues on their node and keeps unchanged issue lists by identity', async () => {
    const store = testStore();
    const fitIssues = store.getState().analysis.byNode.get('fit');
    expect(fitIssues?.map((i) => i.code)).toEqual(['PORT_INPUT_MISSING']);
    store.commit(graphEdits.setConfig(store.getState().graph, 'pick', { column: 'zzz' }));
    await store.whenChecked();
    const pickIssues = store.getState().analysis.byNode.get('pick') ?? [];
    expect(pickIssues.map((i) => i.message)).toEqual(['Unknown column "zzz".']);
    expect(store.getState().analysis.byNode.get('fit')).toBe(fitIssues);
    expect(store.getState().analysis.ports.get('load.table')).toMatchObject({ columns: [{ name: 'a' }, { name: 'b' }] });
  });

  it('marks the edited node and everything downstream stale, not for a move', () => {
    const store = testStore();
    const done = { state: 'done', durationMs: 1, cached: false, outputs: {} } as const;
    store.runEvent({ type: 'run:start', runId: 1, at: 0, nodes: ['load', 'pick', 'fit'] });
    for (const nodeId of ['load', 'pick', 'fit'])
      store.runEvent({ type: 'node:done', runId: 1, nodeId, at: 1, durationMs: 1, cached: false, outputs: {} });
    store.commit(graphEdits.move(store.getState().graph, new Map([['load', [9, 9] as const]])));
    expect(store.getState().run.badges.get('load')).toMatchObject(done);
    store.commit(graphEdits.setConfig(store.getState().graph, 'load', { columns: ['a'] }));
    const states = () => ['load', 'pick', 'fit'].map((id) => store.getState().run.badges.get(id)?.state);
    expect(states()).toEqual(['stale', 'stale', 'done']);
  });

  it('notifies subscribers and drops removed ids from the selection on undo', () => {
    const store = testStore();
    let calls = 0;
    store.subscribe(() => calls++);
    const withNew = graphEdits.addNode(store.getState().graph, {
      id: 'extra',
      type: 'test.source',
      version: 1,
      config: {},
      position: [0, 0],
    });
    store.commit(withNew);
    store.select(['extra', 'load']);
    store.undo();
    expect([...store.getState().selection]).toEqual(['load']);
    expect(calls).toBe(3);
  });
});

describe('EditorStore with a full check that answers later', () => {
  it('shows structural issues at once, merges the later full check, and drops its issues for a node edited since', async () => {
    const registry = testRegistry();
    // The analyzer parks at the gate; the test waits until it is parked, then lets it answer.
    const parked: Array<() => void> = [];
    let onParked: (() => void) | undefined;
    const gate = () =>
      new Promise<void>((done) => {
        parked.push(done);
        onParked?.();
      });
    const analyzerParked = () =>
      new Promise<void>((done) => {
        if (parked.length > 0) done();
        else onParked = done;
      });
    const release = () => parked.shift()?.();
    const analyzer = async (graph: Graph) => {
      await gate();
      return fullAnalysis(graph, registry);
    };
    const graph = testGraph();
    const bad = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'pick' ? { ...n, config: { column: 7 } } : n)) };
    const store = new EditorStore(bad, EditorCatalog.fromRegistry(registry), { analyzer, delayMs: 0 });
    // Before the worker answers: the open input of `fit` (structure), the config error of `pick` (its
    // descriptor's JSON Schema), but no port schemas yet (those need the node code in the worker).
    expect(
      store
        .getState()
        .analysis.byNode.get('fit')
        ?.map((i) => i.code),
    ).toEqual(['PORT_INPUT_MISSING']);
    expect(
      store
        .getState()
        .analysis.byNode.get('pick')
        ?.map((i) => i.code),
    ).toEqual(['CONFIG_INVALID']);
    expect(store.getState().analysis.ports.has('load.table')).toBe(false);
    await analyzerParked();
    release();
    await store.whenChecked();
    expect(
      store
        .getState()
        .analysis.byNode.get('pick')
        ?.map((i) => i.code),
    ).toEqual(['CONFIG_INVALID']);
    expect(store.getState().analysis.ports.get('load.table')).toMatchObject({ columns: [{ name: 'a' }, { name: 'b' }] });
    // Fixing the config drops the stale error at once; moving another node keeps the other issues.
    store.commit(graphEdits.setConfig(store.getState().graph, 'pick', { column: 'a' }));
    expect(store.getState().analysis.byNode.has('pick')).toBe(false);
    expect(
      store
        .getState()
        .analysis.byNode.get('fit')
        ?.map((i) => i.code),
    ).toEqual(['PORT_INPUT_MISSING']);
    await analyzerParked();
    release();
    await store.whenChecked();
    expect(store.getState().analysis.byNode.has('pick')).toBe(false);
  });
});
