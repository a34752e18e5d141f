import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AddressPolicy } from '../net/address-policy';
import { type RunsTestApp, runsTestApp, testGraph } from '../runs/runs-test-app';
import { DatabaseSecretStore } from '../secrets/database-secret-store';
import { alertPoster, alertSignature } from './alert-signature';
import { ManualClock } from './clock';
import { retryDelay } from './retry-delay';
import { Scheduler } from './scheduler';
import { type ScheduleInput, SchedulesRepository } from './schedules-repository';
import type { FailureAlert } from './send-alerts';

const minute = 60_000;
const start = Date.parse('2026-06-01T08:00:00Z');
let t: RunsTestApp;
let receiver: Server;
let hookUrl: string;
const received: Array<{ path: string; body: FailureAlert; raw: string; signature: string | undefined }> = [];
const signingKey = 'alert-signing-key-for-tests';

beforeAll(async () => {
  // Runs execute for real in this process's worker pool, on a scratch PostgreSQL database.
  t = await runsTestApp('postgres', { maxAttempts: 1 });
  const response = await t.call('POST', '/api/graphs', {
    graph: testGraph(
      'always-fails',
      [
        { id: 'one', type: 'test.constant', config: { value: 1 } },
        { id: 'boom', type: 'test.fail' },
      ],
      ['one.out -> boom.in'],
    ),
  });
  expect(response.status).toBe(201);
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const signature = req.headers['x-causeway-signature'];
      received.push({ path: req.url ?? '', body: JSON.parse(text) as FailureAlert, raw: text, signature: signature as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/ops`;
}, 120_000);

afterAll(async () => {
  receiver?.close();
  await t?.close();
}, 60_000);

const settings = (alertUrl: string): ScheduleInput => ({
  graphId: 'always-fails',
  version: 'latest',
  cron: '0 * * * *',
  timezone: 'UTC',
  overlap: 'skip',
  catchUp: { policy: 'skip', limit: 10 },
  retries: { max: 2, baseMs: 1_000, maxMs: 10_000 },
  alertUrl,
  alertSecret: null,
  paused: false,
});

function schedulerWith(clock: ManualClock, policy: AddressPolicy) {
  return new Scheduler({
    db: t.handle.db,
    secrets: new DatabaseSecretStore(t.services.secrets, t.services.cipher),
    logger: t.logger,
    runDefaults: { maxAttempts: 1, timeoutMs: 30_000 },
    post: alertPoster(policy, signingKey, 5_000),
    publicUrl: 'https://causeway.example.com/',
    clock,
    seed: 'alerts',
    onQueued: () => t.runtime.hub.bus.publish({ kind: 'queued' }),
  });
}

const occurrenceOf = (scheduleId: number) =>
  t.handle.db.selectFrom('schedule_occurrences').selectAll().where('schedule_id', '=', scheduleId).executeTakeFirstOrThrow();

/** The structured log lines written so far whose field `key` is `value`, as [message, fields]. */
function logLines(key: string, value: unknown): Array<[string, Record<string, unknown>]> {
  return t.logger.lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line[key] === value)
    .map(({ message, ...fields }) => [String(message), fields]);
}

/** Waits (real time) until no run of the schedule is queued or running. */
async function runsSettled(scheduleId: number) {
  for (let i = 0; i < 600; i++) {
    const open = await t.handle.db
      .selectFrom('schedule_runs as sr')
      .innerJoin('runs as r', 'r.id', 'sr.run_id')
      .select('r.id')
      .where('sr.schedule_id', '=', scheduleId)
      .where('r.status', 'in', ['queued', 'running'])
      .execute();
    if (open.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('runs did not finish');
}

test('an always-failing graph is retried with backoff, then alerts the webhook once with the run link and failing node', async () => {
  const schedules = new SchedulesRepository(t.handle.db);
  const schedule = await schedules.create('hourly-failing', settings(hookUrl), 'ops', start - minute);
  const clock = new ManualClock(start + 1_000);
  const scheduler = schedulerWith(clock, new AddressPolicy(['127.0.0.1']));

  expect((await scheduler.tick()).started).toHaveLength(1);
  const delays: number[] = [];
  for (let i = 0; i < 10; i++) {
    await runsSettled(schedule.id);
    const settledAt = clock.now();
    await scheduler.tick();
    const occurrence = await occurrenceOf(schedule.id);
    if (occurrence.status === 'failed') break;
    expect(occurrence.status).toBe('retrying');
    delays.push((occurrence.retry_at as Date).getTime() - settledAt);
    // Not due yet: nothing starts before the backoff has passed.
    expect((await scheduler.tick()).started).toEqual([]);
    clock.advance(10_000);
    expect((await scheduler.tick()).started).toHaveLength(1);
  }
  // Exponential backoff with jitter: [base/2, base], then [base, 2·base]; the seed reproduces them.
  expect(delays).toHaveLength(2);
  expect(delays[0]).toBeGreaterThanOrEqual(500);
  expect(delays[0]).toBeLessThanOrEqual(1_000);
  expect(delays[1]).toBeGreaterThanOrEqual(1_000);
  expect(delays[1]).toBeLessThanOrEqual(2_000);
  const seed = `alerts:${schedule.id}:${new Date(start).toISOString()}`;
  expect(delays).toEqual([1, 2].map((n) => retryDelay({ baseMs: 1_000, maxMs: 10_000 }, n, seed)));

  // More ticks (before the next occurrence) send nothing more.
  for (let i = 0; i < 5; i++) {
    clock.advance(minute);
    await scheduler.tick();
  }
  expect(received).toHaveLength(1);
  const history = await schedules.history(schedule.id, { limit: 10, offset: 0 });
  expect(history.total).toBe(1);
  const [occurrence] = history.items;
  expect(occurrence).toMatchObject({ status: 'failed', attempts: 3, alert: { status: 'sent', attempts: 1, error: null } });
  expect(occurrence?.runs.map((r) => [r.attempt, r.status])).toEqual([
    [1, 'failed'],
    [2, 'failed'],
    [3, 'failed'],
  ]);
  const lastRun = occurrence?.runs[2]?.id as number;
  const run = await t.runtime.hub.runs.require(lastRun);
  expect(run.retryOf).toBe(occurrence?.runs[1]?.id);
  expect(run.createdBy).toBe('schedule:hourly-failing');

  const [alert] = received;
  expect(alert?.path).toBe('/hooks/ops');
  expect(alert?.body).toEqual({
    event: 'schedule.run_failed',
    text: `Schedule "hourly-failing" failed (NODE_FAILED at node boom): ${alert?.body.error.message} https://causeway.example.com/api/runs/${lastRun}`,
    schedule: { id: schedule.id, name: 'hourly-failing', graphId: 'always-fails' },
    occurrence: new Date(start).toISOString(),
    run: { id: lastRun, url: `https://causeway.example.com/api/runs/${lastRun}`, attempts: 3 },
    failingNode: { id: 'boom', message: expect.stringContaining('this node always fails') },
    error: { code: 'NODE_FAILED', message: expect.stringContaining('this node always fails') },
    suppressed: 0,
  });

  // Signed over the exact body bytes with the signing key; Slack-compatible through `text`.
  expect(alert?.signature).toBe(alertSignature(signingKey, alert?.raw ?? ''));
  expect(alert?.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(alert?.signature).not.toBe(alertSignature('another-key-of-16-chars', alert?.raw ?? ''));

  // One log line per fire, retry, final failure and alert; one per run start and failure.
  const runIds = occurrence?.runs.map((r) => r.id) as number[];
  expect(logLines('schedule', 'hourly-failing').map(([message, fields]) => [message, fields.run, fields.attempt])).toEqual([
    ['schedule fired', runIds[0], 1],
    ['schedule retry due', runIds[0], 1],
    ['schedule retry started', runIds[1], 2],
    ['schedule retry due', runIds[1], 2],
    ['schedule retry started', runIds[2], 3],
    ['schedule occurrence failed', runIds[2], 3],
    ['alert sent', runIds[2], 1],
  ]);
  for (const id of runIds) {
    const runLines = logLines('run', id).filter(([message]) => message.startsWith('run '));
    expect(runLines.map(([message, fields]) => [message, fields.level, fields.code, fields.node])).toEqual([
      ['run started', 'info', undefined, undefined],
      ['run failed', 'error', 'NODE_FAILED', 'boom'],
    ]);
  }
}, 120_000);

test('without the operator allow-list the alert to a loopback address is refused, tried three times, then recorded as failed', async () => {
  const schedules = new SchedulesRepository(t.handle.db);
  const schedule = await schedules.create(
    'hourly-blocked',
    { ...settings(hookUrl), retries: { max: 0, baseMs: 1_000, maxMs: 1_000 } },
    'ops',
    start - minute,
  );
  const clock = new ManualClock(start + 2_000);
  const scheduler = schedulerWith(clock, new AddressPolicy());
  const before = received.length;

  expect((await scheduler.tick()).started).toHaveLength(1);
  await runsSettled(schedule.id);
  await scheduler.tick();
  for (const wait of [30_000, 60_000]) {
    expect((await occurrenceOf(schedule.id)).alert_status).toBe('pending');
    clock.advance(wait);
    await scheduler.tick();
  }
  const occurrence = await occurrenceOf(schedule.id);
  expect(occurrence).toMatchObject({ status: 'failed', alert_status: 'failed', alert_attempts: 3 });
  expect(occurrence.alert_error).toMatch(/127\.0\.0\.1, a loopback address/);
  expect(received.length).toBe(before);
  const alertLines = logLines('schedule', 'hourly-blocked').filter(([message]) => message.startsWith('alert'));
  expect(alertLines.map(([message, fields]) => [message, fields.level, fields.attempt])).toEqual([
    ['alert refused, retried later', 'warn', 1],
    ['alert refused, retried later', 'warn', 2],
    ['alert refused, given up', 'warn', 3],
  ]);
  expect(alertLines[0]?.[1].reason).toMatch(/a loopback address/);
}, 120_000);

test('an alert URL kept as a secret is read at send time and never shown', async () => {
  await t.services.secrets.put('ops-hook', t.services.cipher.encrypt('ops-hook', `${hookUrl}?token=s3cr3t`), 'ops');
  const schedules = new SchedulesRepository(t.handle.db);
  const schedule = await schedules.create(
    'hourly-secret-hook',
    { ...settings(hookUrl), alertUrl: null, alertSecret: 'ops-hook', retries: { max: 0, baseMs: 1_000, maxMs: 1_000 } },
    'ops',
    start - minute,
  );
  const clock = new ManualClock(start + 3_000);
  const scheduler = schedulerWith(clock, new AddressPolicy(['127.0.0.1']));
  const before = received.length;
  expect((await scheduler.tick()).started).toHaveLength(1);
  await runsSettled(schedule.id);
  expect((await scheduler.tick()).alerts).toEqual({ sent: 1, failed: 0 });
  expect(received.slice(before).map((r) => [r.path, r.body.schedule.name])).toEqual([['/hooks/ops?token=s3cr3t', 'hourly-secret-hook']]);
  const history = await schedules.history(schedule.id, { limit: 10, offset: 0 });
  expect(JSON.stringify(history)).not.toContain('s3cr3t');
  await expect(
    schedules.create('no-such-secret', { ...settings(hookUrl), alertUrl: null, alertSecret: 'nope' }, 'ops', start),
  ).rejects.toThrow('No secret named "nope".');
}, 120_000);
