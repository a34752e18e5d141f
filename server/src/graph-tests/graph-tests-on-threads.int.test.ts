import { afterEach, describe, expect, test } from 'vitest';
import { type RunsTestApp, runsTestApp, testGraph } from '../runs/runs-test-app';

// Server test runs go to the worker pool's threads, beside runs, never onto the API's event loop.
let t: RunsTestApp | undefined;
afterEach(() => t?.close(), 60_000);

const guarded = testGraph('guarded', [{ id: 'guard', type: 'test.off-main' }]);
const graph = {
  ...guarded,
  nodes: [
    ...guarded.nodes,
    {
      id: 'load',
      type: 'source.inline',
      version: 1,
      config: { columns: [{ name: 'price', type: 'number' }], rows: [[1], [2]] },
      position: [0, 100],
    },
  ],
};
const tests = { format: 'causeway.tests/1', cases: [{ name: 'two prices', expect: [{ output: 'load.table', rows: 2 }] }] };

describe.each(['pglite', 'postgres'] as const)('on %s', (kind) => {
  test('a test run executes on a run thread and its verdict is stored', { timeout: 90_000 }, async () => {
    t = await runsTestApp(kind, { threads: 1 });
    const app = t;
    expect(app.runtime.pool?.threads).toBe(0);
    expect((await app.call('POST', '/api/graphs', { graph })).status).toBe(201);
    expect((await app.call('PUT', '/api/graphs/guarded/versions/1/tests', { tests })).status).toBe(200);
    const answer = await app.call('POST', '/api/graphs/guarded/versions/1/tests/run');
    expect(answer.status).toBe(200);
    // test.off-main fails its case when it runs on the API's thread.
    expect(await answer.json()).toMatchObject({ status: 'passed', cases: [{ name: 'two prices', status: 'passed' }] });
    expect(app.runtime.pool?.threads).toBe(1);
    // The thread goes on taking runs.
    const run = await app.call('POST', '/api/runs', { graphId: 'guarded' });
    expect(run.status).toBe(201);
  });
});
