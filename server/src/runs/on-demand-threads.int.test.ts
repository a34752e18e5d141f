import { setTimeout } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import type { RunQueue } from './run-queue';
import { type RunsTestApp, readEvents, runsTestApp, testGraph } from './runs-test-app';

// Run threads start when runs wait, not with the server: an idle server holds none.
let t: RunsTestApp | undefined;
afterEach(() => t?.close(), 60_000);

async function queue(app: RunsTestApp, graphId: string): Promise<number> {
  const response = await app.call('POST', '/api/runs', { graphId });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

describe.each(['pglite', 'postgres'] as const)('on %s', (kind) => {
  test('an idle pool holds no thread; waiting runs start threads up to the limit', { timeout: 90_000 }, async () => {
    t = await runsTestApp(kind, { threads: 2, runsPerThread: 1 });
    const app = t;
    const pool = app.runtime.pool;
    expect(pool?.threads).toBe(0);
    const graph = testGraph('slow', [{ id: 'wait', type: 'test.slow', config: { ms: 1_500 } }]);
    expect((await app.call('POST', '/api/graphs', { graph })).status).toBe(201);

    const first = await queue(app, 'slow');
    const events = await readEvents(await app.call('GET', `/api/runs/${first}/events`));
    expect(events.at(-1)?.data).toMatchObject({ type: 'run:done', status: 'succeeded' });
    expect(pool?.threads).toBe(1);

    // Two at once with one run per thread: the second needs a thread of its own, and no third starts.
    const both = [await queue(app, 'slow'), await queue(app, 'slow')];
    for (const id of both) {
      const done = await readEvents(await app.call('GET', `/api/runs/${id}/events`));
      expect(done.at(-1)?.data).toMatchObject({ type: 'run:done', status: 'succeeded' });
    }
    expect(pool?.threads).toBe(2);
  });

  test('a thread idle for threadIdleMs ends, giving its memory back; the next run starts another', { timeout: 90_000 }, async () => {
    t = await runsTestApp(kind, { threads: 1, threadIdleMs: 300 });
    const app = t;
    const pool = app.runtime.pool;
    const graph = testGraph('quick', [{ id: 'wait', type: 'test.slow', config: { ms: 10 } }]);
    expect((await app.call('POST', '/api/graphs', { graph })).status).toBe(201);
    // The claim that picks up the second run is held until the idle thread's time is up by a few
    // heartbeats: a thread retired under that claim would take the run down with it.
    const runQueue = (pool as unknown as { queue: RunQueue }).queue;
    const claim = runQueue.claim.bind(runQueue);
    let hold = false;
    runQueue.claim = async (limit) => {
      const claimed = await claim(limit);
      if (hold && claimed.length > 0) await setTimeout(300 + 3 * 200);
      return claimed;
    };
    for (let round = 0; round < 2; round++) {
      hold = round === 1;
      const id = await queue(app, 'quick');
      const events = await readEvents(await app.call('GET', `/api/runs/${id}/events`));
      expect(events.at(-1)?.data).toMatchObject({ type: 'run:done', status: 'succeeded' });
      await expect.poll(() => pool?.threads, { timeout: 30_000 }).toBe(0);
    }
  });
});

test('a thread that cannot start is logged and retried; the run waits in the queue', { timeout: 90_000 }, async () => {
  t = await runsTestApp('pglite', { registryModule: '/nonexistent/causeway-registry.mjs' });
  const app = t;
  const graph = testGraph('one', [{ id: 'c', type: 'test.slow', config: { ms: 1 } }]);
  expect((await app.call('POST', '/api/graphs', { graph })).status).toBe(201);
  const id = await queue(app, 'one');
  await expect
    .poll(() => app.logger.lines.filter((line) => line.includes('run thread did not start')).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(2);
  expect(app.logger.lines.find((line) => line.includes('run thread did not start'))).toContain('causeway-registry.mjs');
  const run = (await (await app.call('GET', `/api/runs/${id}`)).json()) as { status: string };
  expect(run.status).toBe('queued');
});
