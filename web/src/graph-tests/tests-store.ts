import type { GraphTests, TestCase } from '@causeway/sdk';
import { useSyncExternalStore } from 'react';
import type { TestCaseVerdict } from '../runner/runner-protocol';

/** The tests of one graph in the editor, and the verdict of their last run. */
export interface GraphTestsView {
  tests: GraphTests;
  verdicts: TestCaseVerdict[] | undefined;
  /** Where the verdicts come from. */
  ranOn: 'browser' | 'server' | undefined;
  running: boolean;
  error: string | undefined;
}

const empty = (): GraphTestsView => ({
  tests: { format: 'causeway.tests/1', cases: [] },
  verdicts: undefined,
  ranOn: undefined,
  running: false,
  error: undefined,
});

/** The tests the editor holds per graph id: pinned cases, those read from the server, and their last verdicts. */
export class GraphTestsStore {
  readonly #views = new Map<string, GraphTestsView>();
  readonly #listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  view(graphId: string): GraphTestsView {
    let view = this.#views.get(graphId);
    if (view === undefined) {
      view = empty();
      this.#views.set(graphId, view);
    }
    return view;
  }

  update(graphId: string, change: Partial<GraphTestsView>): GraphTestsView {
    const next = { ...this.view(graphId), ...change };
    this.#views.set(graphId, next);
    for (const listener of this.#listeners) listener();
    return next;
  }

  /** Adds a case, its name made unique; earlier verdicts no longer cover every case. */
  addCase(graphId: string, testCase: TestCase): TestCase {
    const { tests } = this.view(graphId);
    const names = new Set(tests.cases.map((c) => c.name));
    let name = testCase.name;
    for (let n = 2; names.has(name); n++) name = `${testCase.name} (${n})`;
    const added = { ...testCase, name };
    this.update(graphId, { tests: { ...tests, cases: [...tests.cases, added] }, verdicts: undefined, ranOn: undefined });
    return added;
  }

  removeCase(graphId: string, name: string): void {
    const { tests } = this.view(graphId);
    this.update(graphId, { tests: { ...tests, cases: tests.cases.filter((c) => c.name !== name) }, verdicts: undefined, ranOn: undefined });
  }
}

export const graphTestsStore = new GraphTestsStore();

/** The editor's tests of `graphId`, re-rendering on change. */
export function useGraphTests(graphId: string): GraphTestsView {
  return useSyncExternalStore(graphTestsStore.subscribe, () => graphTestsStore.view(graphId));
}
