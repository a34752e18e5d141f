import { afterEach, describe, expect, test } from 'vitest';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { ManualClock } from './clock';
import { Scheduler } from './scheduler';
import { SchedulesRepository } from './schedules-repository';

// A schedule whose policy requires graph tests runs a new graph version only once its tests passed.
let t: RunsTestApp | undefined;
afterEach(() => t?.close(), 60_000);

const hour = 3_600_000;
const start = Date.parse('2026-06-01T08:00:00Z');
const graphOf = (rows: number[][]) => ({
  format: 'causeway.graph/1',
  id: 'prices',
  name: 'Prices',
  nodes: [
    {
      id: 'load',
      type: 'source.inline',
      version: 1,
      config: { columns: [{ name: 'price', type: 'number' }], rows },
      position: [0, 0],
    },
  ],
  edges: [],
});
const tests = { format: 'causeway.tests/1', cases: [{ name: 'three prices', expect: [{ output: 'load.table', rows: 3 }] }] };

describe.each(['pglite', 'postgres'] as const)('on %s', (kind) => {
  test('a new graph version whose tests failed is refused, naming the cases; the version before runs', { timeout: 120_000 }, async () => {
    t = await runsTestApp(kind, { maxAttempts: 1 });
    const app = t;
    const db = app.handle.db;
    expect((await app.call('POST', '/api/graphs', { graph: graphOf([[1], [2], [3]]) })).status).toBe(201);
    expect((await app.call('PUT', '/api/graphs/prices/versions/1/tests', { tests })).status).toBe(200);
    expect(await (await app.call('POST', '/api/graphs/prices/versions/1/tests/run')).json()).toMatchObject({ status: 'passed' });

    const settings = {
      graphId: 'prices',
      version: 'latest' as const,
      cron: '0 * * * *',
      timezone: 'UTC',
      overlap: 'skip' as const,
      catchUp: { policy: 'skip' as const, limit: 10 },
      retries: { max: 0, baseMs: 1_000, maxMs: 1_000 },
      alertUrl: null,
      alertSecret: null,
      paused: false,
      requireGraphTests: true,
    };
    const schedule = await new SchedulesRepository(db).create('hourly-prices', settings, 'ops', start - 60_000);
    const shown = await app.call('GET', `/api/schedules/${schedule.id}`);
    expect(await shown.json()).toMatchObject({ requireGraphTests: true });
    const clock = new ManualClock(start + 1_000);
    const scheduler = new Scheduler({
      db,
      logger: app.logger,
      runDefaults: { maxAttempts: 1, timeoutMs: 30_000 },
      post: async () => {},
      publicUrl: undefined,
      clock,
      seed: 'tests',
      onQueued: () => app.runtime.hub.bus.publish({ kind: 'queued' }),
    });
    const occurrences = () =>
      db.selectFrom('schedule_occurrences').selectAll().where('schedule_id', '=', schedule.id).orderBy('fire_at').execute();
    const settle = async () => {
      await expect
        .poll(async () => (await db.selectFrom('runs').select('status').where('status', 'in', ['queued', 'running']).execute()).length, {
          timeout: 60_000,
        })
        .toBe(0);
      await scheduler.tick();
    };

    // Version 1's tests passed: it runs.
    expect((await scheduler.tick()).started).toHaveLength(1);
    await settle();
    expect((await occurrences()).map((o) => o.status)).toEqual(['succeeded']);

    // Version 2 drops a row; its tests fail, so the next occurrence does not run it.
    expect((await app.call('POST', '/api/graphs/prices/versions', { graph: graphOf([[1], [2]]) })).status).toBe(201);
    expect((await app.call('PUT', '/api/graphs/prices/versions/2/tests', { tests })).status).toBe(200);
    expect(await (await app.call('POST', '/api/graphs/prices/versions/2/tests/run')).json()).toMatchObject({ status: 'failed' });
    clock.advance(hour);
    expect((await scheduler.tick()).started).toEqual([]);
    const refused = (await occurrences())[1];
    expect(refused?.status).toBe('failed');
    expect(refused?.error).toMatchObject({
      code: 'SCHEDULE_TESTS_REQUIRED',
      message: expect.stringContaining('"three prices"'),
      details: { graphVersion: 2, failing: ['three prices'] },
    });
    const history = await app.call('GET', `/api/schedules/${schedule.id}/history`);
    expect(JSON.stringify(await history.json())).toContain('SCHEDULE_TESTS_REQUIRED');

    // A schedule pinned to version 1, which it ran before, keeps running it.
    const ops = (await app.services.tokens.create({ name: 'ops-test', role: 'ops', createdBy: null })).token;
    const pinned = await app.call('PATCH', `/api/schedules/${schedule.id}`, { version: 1 }, { authorization: `Bearer ${ops}` });
    expect(pinned.status).toBe(200);
    clock.advance(hour);
    expect((await scheduler.tick()).started).toHaveLength(1);
    await settle();
    // With the policy off, version 2 runs.
    const off = await app.call(
      'PATCH',
      `/api/schedules/${schedule.id}`,
      { version: 'latest', requireGraphTests: false },
      { authorization: `Bearer ${ops}` },
    );
    expect(await off.json()).toMatchObject({ requireGraphTests: false });
    clock.advance(hour);
    expect((await scheduler.tick()).started).toHaveLength(1);
    await settle();
    const runs = await db.selectFrom('runs').select(['graph_version', 'status']).orderBy('id').execute();
    expect(runs.map((r) => [r.graph_version, r.status])).toEqual([
      [1, 'succeeded'],
      [1, 'succeeded'],
      [2, 'succeeded'],
    ]);
  });
});
