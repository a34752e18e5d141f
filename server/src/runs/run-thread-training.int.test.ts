import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunsTestApp, readEvents, runsTestApp, testGraph } from './runs-test-app';

// A long fit shares its thread with other runs: they go on while it trains, and a cancel reaches it mid-fit.
let t: RunsTestApp;

beforeAll(async () => {
  t = await runsTestApp('pglite', { threads: 1, runsPerThread: 4, runTimeoutMs: 120_000 });
  for (const graph of [
    testGraph(
      'long-fit',
      [
        { id: 'data', type: 'source.sample', config: { dataset: 'churn' } },
        {
          id: 'boost',
          type: 'model.gradient-boosting',
          config: { target: 'churned', rounds: 10_000, maxLeafNodes: 1000, minSamplesLeaf: 1 },
        },
      ],
      ['data.table -> boost.table'],
    ),
    testGraph('quick', [{ id: 'data', type: 'source.sample', config: { dataset: 'visitors' } }]),
  ]) {
    expect((await t.call('POST', '/api/graphs', { graph })).status).toBe(201);
  }
}, 120_000);
afterAll(() => t?.close(), 60_000);

async function statusOf(id: number): Promise<string> {
  return ((await (await t.call('GET', `/api/runs/${id}`)).json()) as { status: string }).status;
}

test('a run finishes on the thread of a fit in progress, and cancelling the fit stops it mid-way', { timeout: 120_000 }, async () => {
  const long = (await (await t.call('POST', '/api/runs', { graphId: 'long-fit' })).json()) as { id: number };
  const progressed = await readEvents(
    await t.call('GET', `/api/runs/${long.id}/events`),
    (e) => e.event === 'node:progress' && e.data.nodeId === 'boost',
  );
  expect(progressed.at(-1)?.event).toBe('node:progress');

  const quick = (await (await t.call('POST', '/api/runs', { graphId: 'quick' })).json()) as { id: number };
  const quickEvents = await readEvents(await t.call('GET', `/api/runs/${quick.id}/events`));
  expect(quickEvents.at(-1)?.data).toMatchObject({ type: 'run:done', status: 'succeeded' });
  expect(await statusOf(long.id)).toBe('running');

  expect((await t.call('POST', `/api/runs/${long.id}/cancel`)).status).toBe(202);
  const longEvents = await readEvents(await t.call('GET', `/api/runs/${long.id}/events`));
  expect(longEvents.map((e) => e.event)).not.toContain('run:requeued');
  expect(longEvents.at(-1)?.data).toMatchObject({ type: 'run:done', status: 'cancelled' });
  const boostDone = longEvents.filter((e) => e.event === 'node:done' && e.data.nodeId === 'boost');
  expect(boostDone).toEqual([]);
});
