import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { ManualClock } from './clock';
import { Scheduler } from './scheduler';
import { type ScheduleInput, SchedulesRepository } from './schedules-repository';

const minute = 60_000;
let t: TestApp;
let schedules: SchedulesRepository;

beforeAll(async () => {
  t = await makeTestApp();
  schedules = new SchedulesRepository(t.handle.db);
  const graph = (name: string) => ({
    graph: JSON.stringify({ format: 'causeway.graph/1', id: 'g', name, nodes: [], edges: [] }),
    name: 'G',
    author: 'test',
  });
  await t.services.graphs.create({ id: 'g', ...graph('v1'), message: 'v1' });
  await t.services.graphs.addVersion('g', { ...graph('v2'), message: 'v2' });
}, 120_000);
afterAll(() => t.close());

const settings = (change: Partial<ScheduleInput> = {}): ScheduleInput => ({
  graphId: 'g',
  version: 'latest',
  cron: '*/5 * * * *',
  timezone: 'UTC',
  overlap: 'skip',
  catchUp: { policy: 'skip', limit: 10 },
  retries: { max: 0, baseMs: 1_000, maxMs: 1_000 },
  alertUrl: null,
  alertSecret: null,
  paused: false,
  ...change,
});

const schedulerAt = (clock: ManualClock, onQueued?: () => void) =>
  new Scheduler({
    db: t.handle.db,
    logger: t.logger,
    runDefaults: { maxAttempts: 1, timeoutMs: 60_000 },
    post: async () => {
      throw new Error('no alerts here');
    },
    publicUrl: undefined,
    clock,
    seed: 'unit',
    ...(onQueued === undefined ? {} : { onQueued }),
  });

/** What a worker would write when it finishes a run. */
const finish = (runId: number, status: string) =>
  sql`update runs set status = ${status}, finished_at = now() where id = ${runId}`.execute(t.handle.db);

const historyOf = async (id: number) =>
  (await schedules.history(id, { limit: 100, offset: 0 })).items
    .map((o) => ({ at: o.fireAt.slice(11, 16), status: o.status, reason: o.reason, runs: o.runs.length }))
    .reverse();

test('the scheduler ticks on its clock’s timers and stops', async () => {
  const t0 = Date.parse('2026-02-02T10:00:00Z');
  const schedule = await schedules.create('loop', settings({ cron: '0 * * * *' }), 'test', t0 - minute);
  const clock = new ManualClock(t0 - 30_000);
  let queued = 0;
  const scheduler = schedulerAt(clock, () => queued++);
  // A tick is over when the loop has armed its next timer on the clock.
  const ticked = () => expect.poll(() => clock.pending, { interval: 5, timeout: 30_000 }).toBe(1);
  scheduler.start();
  await ticked();
  expect(queued).toBe(0);
  // Each poll interval (2 s) on the clock is one tick; the occurrence at 10:00 fires on the first tick after it.
  for (let i = 0; i < 16; i++) {
    clock.advance(2_000);
    await ticked();
  }
  await scheduler.stop();
  expect(queued).toBe(1);
  expect(await historyOf(schedule.id)).toEqual([{ at: '10:00', status: 'running', reason: null, runs: 1 }]);
  // Stopped: no timer is left to fire, however far the clock moves.
  expect(clock.pending).toBe(0);
  clock.advance(2 * 60 * minute);
  expect(await historyOf(schedule.id)).toHaveLength(1);
  await schedules.delete(schedule.id);
}, 60_000);

test('overlap skip: an occurrence while the previous run is still going is recorded as skipped', async () => {
  const t0 = Date.parse('2026-02-03T00:00:00Z');
  const schedule = await schedules.create('overlap-skip', settings(), 'test', t0 - minute);
  const clock = new ManualClock(t0 + 5_000);
  const scheduler = schedulerAt(clock);
  const [first] = (await scheduler.tick()).started;
  clock.set(t0 + 5 * minute + 5_000);
  expect((await scheduler.tick()).started).toEqual([]);
  await finish(first as number, 'succeeded');
  clock.set(t0 + 10 * minute + 5_000);
  expect((await scheduler.tick()).started).toHaveLength(1);
  expect(await historyOf(schedule.id)).toEqual([
    { at: '00:00', status: 'succeeded', reason: null, runs: 1 },
    { at: '00:05', status: 'skipped', reason: 'overlap', runs: 0 },
    { at: '00:10', status: 'running', reason: null, runs: 1 },
  ]);
  await schedules.delete(schedule.id);
});

test('overlap queue: occurrences wait and start one after another as runs finish', async () => {
  const t0 = Date.parse('2026-02-04T00:00:00Z');
  const schedule = await schedules.create('overlap-queue', settings({ overlap: 'queue' }), 'test', t0 - minute);
  const clock = new ManualClock(t0 + 5_000);
  const scheduler = schedulerAt(clock);
  const [first] = (await scheduler.tick()).started;
  for (const at of [5, 10]) {
    clock.set(t0 + at * minute + 5_000);
    expect((await scheduler.tick()).started).toEqual([]);
  }
  await finish(first as number, 'failed');
  const [second] = (await scheduler.tick()).started;
  expect(await historyOf(schedule.id)).toEqual([
    { at: '00:00', status: 'failed', reason: null, runs: 1 },
    { at: '00:05', status: 'running', reason: null, runs: 1 },
    { at: '00:10', status: 'waiting', reason: null, runs: 0 },
  ]);
  await finish(second as number, 'succeeded');
  expect((await scheduler.tick()).started).toHaveLength(1);
  expect((await historyOf(schedule.id)).map((o) => o.status)).toEqual(['failed', 'succeeded', 'running']);
  await schedules.delete(schedule.id);
});

test('pinned version or latest; pause stops firing and resume counts from then on', async () => {
  const t0 = Date.parse('2026-02-05T00:00:00Z');
  const pinned = await schedules.create('pinned', settings({ version: 1, cron: '0 * * * *' }), 'test', t0 - minute);
  const latest = await schedules.create('latest', settings({ cron: '0 * * * *' }), 'test', t0 - minute);
  const clock = new ManualClock(t0 + 5_000);
  const scheduler = schedulerAt(clock);
  const started = (await scheduler.tick()).started;
  const versions = await t.handle.db
    .selectFrom('runs')
    .select(['graph_version', 'created_by'])
    .where('id', 'in', started)
    .orderBy('created_by')
    .execute();
  expect(versions).toEqual([
    { graph_version: 2, created_by: 'schedule:latest' },
    { graph_version: 1, created_by: 'schedule:pinned' },
  ]);
  for (const id of started) await finish(id, 'succeeded');

  const input = { ...settings({ version: 1, cron: '0 * * * *' }) };
  await schedules.update(pinned.id, { ...input, paused: true }, t0 + minute, false);
  clock.set(t0 + 3 * 60 * minute + 5_000);
  await scheduler.tick();
  expect((await historyOf(pinned.id)).map((o) => o.at)).toEqual(['00:00']);
  const resumed = await schedules.update(pinned.id, input, clock.now(), true);
  expect(resumed.next_fire_at?.toISOString()).toBe('2026-02-05T04:00:00.000Z');
  clock.set(t0 + 4 * 60 * minute + 5_000);
  await scheduler.tick();
  // The hours while paused are neither run nor caught up.
  expect((await historyOf(pinned.id)).map((o) => o.at)).toEqual(['00:00', '04:00']);
  // Not paused, catch-up skip: the schedule that kept running recorded the hours the scheduler did not tick as missed.
  expect((await historyOf(latest.id)).map((o) => `${o.at} ${o.status}`)).toEqual([
    '00:00 succeeded',
    '01:00 skipped',
    '02:00 skipped',
    '03:00 running',
    '04:00 skipped',
  ]);
});

test('a schedule that cannot be tended is logged and does not hold up the others', async () => {
  const t0 = Date.parse('2026-02-06T00:00:00Z');
  const broken = await schedules.create('broken', settings({ cron: '0 * * * *' }), 'test', t0 - minute);
  const fine = await schedules.create('fine', settings({ cron: '0 * * * *' }), 'test', t0 - minute);
  // A zone the runtime no longer knows, as after an ICU update.
  await t.handle.db.updateTable('schedules').set({ timezone: 'Mars/Olympus' }).where('id', '=', broken.id).execute();
  const scheduler = schedulerAt(new ManualClock(t0 + 5_000));
  const result = await scheduler.tick();
  expect(result.started).toHaveLength(1);
  expect(await historyOf(fine.id)).toEqual([{ at: '00:00', status: 'running', reason: null, runs: 1 }]);
  expect(await historyOf(broken.id)).toEqual([]);
  expect(t.logger.lines.some((line) => line.includes('schedule not tended') && line.includes('Mars/Olympus'))).toBe(true);
});
