import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { ManualClock } from './clock';
import { Scheduler } from './scheduler';
import { SchedulesRepository } from './schedules-repository';

const monitor = (endpoint: string) => ({
  format: 'causeway.graph/1',
  name: 'monitor',
  nodes: [
    { id: 'requests', type: 'source.endpoint-requests', version: 1, position: [0, 0], config: { endpoint } },
    { id: 'drift', type: 'validate.drift', version: 1, position: [200, 0], config: { stopOnFailure: true } },
  ],
  edges: [{ from: 'requests.table', to: 'drift.table' }],
});

// A schedule "on drift of endpoint X" fires once for each failed drift check of X, across schedulers.
describe.each(['pglite', 'postgres'] as const)('schedules fired by drift alerts on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;
  let schedules: SchedulesRepository;

  beforeAll(async () => {
    const scratch = kind === 'postgres' ? await scratchPostgresDatabase() : undefined;
    drop = scratch?.drop;
    t = await makeTestApp(scratch ? { target: { kind: 'postgres', url: scratch.url } } : {});
    schedules = new SchedulesRepository(t.handle.db);
    for (const [id, graph] of [
      ['monitor-churn', monitor('churn')],
      ['monitor-other', monitor('other')],
      ['retrain', { format: 'causeway.graph/1', name: 'retrain', nodes: [], edges: [] }],
    ] as const) {
      await t.services.graphs.create({ id, graph: JSON.stringify({ ...graph, id }), name: id, author: 'test', message: 'v1' });
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  const failedRun = async (graphId: string, nodeId: string, finishedAt: Date) =>
    t.handle.db
      .insertInto('runs')
      .values({
        graph_id: graphId,
        graph_version: 1,
        status: 'failed',
        timeout_ms: 60_000,
        retry_of: null,
        created_by: 'test',
        finished_at: finishedAt,
        error: JSON.stringify({ code: 'VALIDATION_FAILED', message: 'Drift: 2 of 5 checks failed.', nodeId }),
      })
      .execute();
  const scheduler = (clock: ManualClock, id: string) =>
    new Scheduler({
      db: t.handle.db,
      logger: t.logger,
      runDefaults: { maxAttempts: 1, timeoutMs: 60_000 },
      post: async () => {},
      publicUrl: undefined,
      clock,
      seed: id,
      schedulerId: id,
    });

  test('a failed drift check of the endpoint starts one run; other failures and endpoints start none', async () => {
    const now = Date.now();
    const yearly = { cron: '0 0 1 1 *', timezone: 'UTC', overlap: 'skip' as const, catchUp: { policy: 'skip' as const, limit: 1 } };
    const base = { ...yearly, graphId: 'retrain', version: 'latest' as const, retries: { max: 0, baseMs: 1_000, maxMs: 1_000 } };
    const input = { ...base, alertUrl: null, alertSecret: null, paused: false };
    const onDrift = await schedules.create('retrain-on-drift', { ...input, onDriftOf: 'churn' }, 'test', now - 60_000);
    const cronOnly = await schedules.create('retrain-weekly', input, 'test', now - 60_000);

    // Alerts after the schedules were made (a schedule never fires for drift seen before it existed).
    const at = Date.now() + 1_000;
    await failedRun('monitor-churn', 'requests', new Date(at)); // the read failed: not a drift alert
    await failedRun('monitor-other', 'drift', new Date(at + 1_000)); // drift of another endpoint
    await failedRun('monitor-churn', 'drift', new Date(at + 2_000));
    const clock = new ManualClock(at + 3_000);
    // Two schedulers tick at once, then again: the alert fires once.
    await Promise.all([scheduler(clock, 'a').tick(), scheduler(clock, 'b').tick()]);
    await scheduler(clock, 'a').tick();

    const history = (await schedules.history(onDrift.id, { limit: 10, offset: 0 })).items;
    expect(history.map((o) => ({ fireAt: o.fireAt, reason: o.reason, status: o.status, runs: o.runs.length }))).toEqual([
      { fireAt: new Date(at + 2_000).toISOString(), reason: 'drift', status: 'running', runs: 1 },
    ]);
    expect((await schedules.history(cronOnly.id, { limit: 10, offset: 0 })).items).toEqual([]);
    const info = await t.call('GET', `/api/schedules/${onDrift.id}`, { token: t.tokens.ops });
    expect(await info.json()).toMatchObject({ onDriftOf: 'churn' });
  });
});
