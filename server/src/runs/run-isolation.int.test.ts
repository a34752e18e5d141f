import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunsTestApp, readEvents, runsTestApp, testGraph } from './runs-test-app';

let t: RunsTestApp;

beforeAll(async () => {
  t = await runsTestApp('pglite', { threads: 1, runTimeoutMs: 1_500 });
  for (const graph of [
    testGraph('spin', [{ id: 'loop', type: 'test.fail', config: { mode: 'spin' } }]),
    testGraph('crash', [{ id: 'boom', type: 'test.fail', config: { mode: 'crash' } }]),
    testGraph('ok', [{ id: 'one', type: 'test.constant', config: { value: 1 } }]),
  ]) {
    expect((await t.call('POST', '/api/graphs', { graph })).status).toBe(201);
  }
}, 120_000);
afterAll(() => t?.close(), 60_000);

async function runToEnd(graphId: string) {
  const { id } = (await (await t.call('POST', '/api/runs', { graphId })).json()) as { id: number };
  const events = await readEvents(await t.call('GET', `/api/runs/${id}/events`));
  const run = (await (await t.call('GET', `/api/runs/${id}`)).json()) as {
    status: string;
    error: unknown;
    nodes: Array<{ nodeId: string; status: string }>;
  };
  return { events, run };
}

test('a runaway node is stopped at the run time limit by ending its thread; the pool carries on', { timeout: 60_000 }, async () => {
  const { events, run } = await runToEnd('spin');
  expect(run.status).toBe('failed');
  expect(run.error).toMatchObject({ code: 'RUN_TIMEOUT', nodeId: 'loop' });
  expect(run.nodes).toMatchObject([{ nodeId: 'loop', status: 'failed' }]);
  expect(events.at(-1)?.data).toMatchObject({ type: 'run:done', status: 'failed' });
  expect((await runToEnd('ok')).run.status).toBe('succeeded');
});

test('a node that crashes its thread fails the run with the node id, never the server', { timeout: 60_000 }, async () => {
  const { run } = await runToEnd('crash');
  expect(run.status).toBe('failed');
  expect(run.error).toMatchObject({ code: 'NODE_FAILED', nodeId: 'boom' });
  expect((await runToEnd('ok')).run.status).toBe('succeeded');
});
