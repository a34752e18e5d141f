import { describe, expect, it } from 'vitest';
import { GraphTestsStore } from './tests-store';

describe('GraphTestsStore', () => {
  it('keeps cases per graph, makes pinned names unique and drops stale verdicts on a change', () => {
    const store = new GraphTestsStore();
    let changes = 0;
    store.subscribe(() => changes++);
    const expect1 = [{ output: 'load.table', rows: 3 }];
    expect(store.addCase('g', { name: 'load.table as pinned', expect: expect1 }).name).toBe('load.table as pinned');
    expect(store.addCase('g', { name: 'load.table as pinned', expect: expect1 }).name).toBe('load.table as pinned (2)');
    expect(store.view('other').tests.cases).toEqual([]);
    store.update('g', {
      verdicts: [{ name: 'load.table as pinned', status: 'passed', durationMs: 1, issues: [], failures: [] }],
      ranOn: 'browser',
    });
    store.removeCase('g', 'load.table as pinned');
    expect(store.view('g').tests.cases.map((c) => c.name)).toEqual(['load.table as pinned (2)']);
    expect(store.view('g').verdicts).toBeUndefined();
    expect(changes).toBe(4);
  });
});
