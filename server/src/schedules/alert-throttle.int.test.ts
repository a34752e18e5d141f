import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { ManualClock } from './clock';
import { Scheduler } from './scheduler';
import { SchedulesRepository } from './schedules-repository';
import type { AlertBody, FailureAlert } from './send-alerts';

const minute = 60_000;

describe.each(['pglite', 'postgres'] as const)('schedule alerts on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const scratch = kind === 'postgres' ? await scratchPostgresDatabase() : undefined;
    drop = scratch?.drop;
    t = await makeTestApp(scratch ? { target: { kind: 'postgres', url: scratch.url } } : {});
    const graph = JSON.stringify({ format: 'causeway.graph/1', id: 'g', name: 'G', nodes: [], edges: [] });
    await t.services.graphs.create({ id: 'g', graph, name: 'G', author: 'test', message: 'v1' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  /** Runs an every-minute schedule whose runs end as `outcomes` says, minute by minute; returns what was posted. */
  async function minuteByMinute(name: string, outcomes: string, change: { alertThrottleMs?: number; alertFormat?: 'slack' }) {
    const t0 = Date.parse('2026-03-02T10:00:00Z');
    const schedules = new SchedulesRepository(t.handle.db);
    const settings = {
      graphId: 'g',
      version: 'latest' as const,
      cron: '* * * * *',
      timezone: 'UTC',
      overlap: 'queue' as const,
      catchUp: { policy: 'skip' as const, limit: 10 },
      retries: { max: 0, baseMs: 1_000, maxMs: 1_000 },
      alertUrl: 'https://hooks.example.com/services/T/B/X',
      alertSecret: null,
      paused: false,
      ...change,
    };
    await schedules.create(name, settings, 'test', t0 - 30_000);
    const posted: { at: number; body: AlertBody }[] = [];
    const clock = new ManualClock(t0);
    const scheduler = new Scheduler({
      db: t.handle.db,
      logger: t.logger,
      runDefaults: { maxAttempts: 1, timeoutMs: 60_000 },
      post: async (_url, body) => {
        posted.push({ at: clock.now(), body });
      },
      publicUrl: 'https://causeway.example.com',
      clock,
      seed: 'throttle',
    });
    for (let i = 0; i < outcomes.length; i++) {
      clock.set(t0 + i * minute + 1_000);
      const { started } = await scheduler.tick();
      expect(started).toHaveLength(1);
      const status = outcomes[i] === 'x' ? 'failed' : 'succeeded';
      const error = status === 'failed' ? JSON.stringify({ code: 'NODE_FAILED', message: 'boom', nodeId: 'train' }) : null;
      await sql`update runs set status = ${status}, error = ${error}::jsonb, finished_at = now() where id = ${started[0]}`.execute(
        t.handle.db,
      );
      clock.set(t0 + i * minute + 2_000);
      await scheduler.tick();
    }
    return posted.map((p) => ({ minute: Math.floor((p.at - t0) / minute), body: p.body }));
  }

  test('a failing every-minute schedule alerts once per throttle window, then once when it recovers', async () => {
    // 15 failures, a success, a failure, a success; a 10-minute window.
    const posted = await minuteByMinute('flaky', `${'x'.repeat(15)}.x.`, { alertThrottleMs: 10 * minute });
    const alerts = posted.map((p) => ({ minute: p.minute, ...(p.body as FailureAlert) }));
    expect(alerts.map((a) => [a.minute, a.event, a.suppressed])).toEqual([
      [0, 'schedule.run_failed', 0],
      [10, 'schedule.run_failed', 9],
      [15, 'schedule.recovered', 4],
    ]);
    expect(alerts[1]?.text).toContain('(9 failures since the last alert not alerted)');
    expect(alerts[2]?.text).toMatch(/^Schedule "flaky" recovered: the run of 2026-03-02T10:15:00.000Z succeeded \(4 failures/);
    expect(alerts[2]?.run.url).toMatch(/^https:\/\/causeway\.example\.com\/api\/runs\/\d+$/);
    const lines = t.logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.schedule === 'flaky');
    expect(lines.filter((l) => l.message === 'schedule occurrence failed' && l.alert === 'throttled')).toHaveLength(14);
    expect(lines.filter((l) => l.message === 'schedule recovered')).toHaveLength(1);
    expect(lines.filter((l) => l.message === 'alert sent').map((l) => l.event)).toEqual([
      'schedule.run_failed',
      'schedule.run_failed',
      'schedule.recovered',
    ]);
  });

  test('without a throttle every failure alerts; the slack format posts only the text', async () => {
    const posted = await minuteByMinute('strict', 'xx.', { alertThrottleMs: 0, alertFormat: 'slack' });
    expect(posted.map((p) => p.minute)).toEqual([0, 1, 2]);
    for (const p of posted) expect(Object.keys(p.body)).toEqual(['text']);
    expect(JSON.stringify(posted[2]?.body)).toContain('recovered');
    const shown = await t.call('GET', '/api/schedules?limit=50', { token: t.tokens.ops });
    const strict = ((await shown.json()) as { items: { name: string; alertThrottleMs: number; alertFormat: string }[] }).items.find(
      (s) => s.name === 'strict',
    );
    expect(strict).toMatchObject({ alertThrottleMs: 0, alertFormat: 'slack' });
    const bad = await t.call('PATCH', '/api/schedules/1', { token: t.tokens.ops, body: { alertFormat: 'teams' } });
    expect(bad.status).toBe(400);
  });
});
