import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunsTestApp, readEvents, runsTestApp, testGraph } from './runs-test-app';

// One thread carries several runs at once; stopping it for a runaway run must not cost the others.
let t: RunsTestApp;

beforeAll(async () => {
  t = await runsTestApp('pglite', { threads: 1, runsPerThread: 4, runTimeoutMs: 20_000 });
  for (const graph of [
    testGraph('spin', [{ id: 'loop', type: 'test.fail', config: { mode: 'spin' } }]),
    testGraph('slow', [{ id: 'wait', type: 'test.slow', config: { ms: 3_000 } }]),
  ]) {
    expect((await t.call('POST', '/api/graphs', { graph })).status).toBe(201);
  }
}, 120_000);
afterAll(() => t?.close(), 60_000);

async function runOf(id: number) {
  return (await (await t.call('GET', `/api/runs/${id}`)).json()) as { status: string; attempts: number; error: unknown };
}

test('runs share a thread; a runaway one is failed and the others on its thread are re-queued and finish', {
  timeout: 60_000,
}, async () => {
  const slow = (await (await t.call('POST', '/api/runs', { graphId: 'slow' })).json()) as { id: number };
  // The runaway run gets a short time limit of its own, so it is stopped while the slow run is still waiting on the same thread.
  const inserted = await sql<{ id: number }>`
    insert into runs (graph_id, graph_version, max_attempts, timeout_ms, created_by)
    values ('spin', 1, 1, 800, 'test') returning id`.execute(t.handle.db);
  const spin = Number(inserted.rows[0]?.id);
  t.runtime.hub.bus.publish({ kind: 'queued' });

  const spinEvents = await readEvents(await t.call('GET', `/api/runs/${spin}/events`));
  expect(spinEvents.at(-1)?.data).toMatchObject({ type: 'run:done', status: 'failed' });
  expect(await runOf(spin)).toMatchObject({ status: 'failed', error: { code: 'RUN_TIMEOUT' } });

  const slowEvents = await readEvents(await t.call('GET', `/api/runs/${slow.id}/events`));
  expect(slowEvents.map((e) => e.event)).toContain('run:requeued');
  expect(slowEvents.at(-1)?.data).toMatchObject({ type: 'run:done', status: 'succeeded' });
  expect(await runOf(slow.id)).toMatchObject({ status: 'succeeded' });
});
