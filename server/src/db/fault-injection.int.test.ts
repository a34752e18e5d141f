import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunningServer, serve } from '../serve';
import { memoryLogger } from '../test-support/make-test-app';
import { privatePostgres } from '../test-support/private-postgres';

// The whole server (runs, scheduler, prediction fast path) on its own PostgreSQL, which is killed
// (immediate shutdown) and restarted (fast shutdown) again and again with work in flight.
let postgres: Awaited<ReturnType<typeof privatePostgres>>;
let server: RunningServer;
let dataDir: string;
let admin: string;
const logger = memoryLogger();

beforeAll(async () => {
  postgres = await privatePostgres();
  dataDir = await mkdtemp(join(tmpdir(), 'causeway-faults-'));
  server = await serve({
    env: { DATABASE_URL: postgres.url, CAUSEWAY_SCHEDULER_POLL_MS: '500' },
    dataDir,
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
    logger,
  });
  admin = (await readFile(join(dataDir, 'admin.token'), 'utf8')).trim();
}, 120_000);
afterAll(async () => {
  await server?.close().catch(() => {});
  await postgres?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
  const response = await fetch(`${server.url}${path.slice(1)}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
};
const health = async () => (await fetch(`${server.url}api/health`)).status;

async function query<T>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: postgres.url });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

test('PostgreSQL killed and restarted at least 8 times under runs, a schedule and predictions: 503, recovery, nothing lost or doubled', {
  timeout: 300_000,
}, async () => {
  const graph = {
    format: 'causeway.graph/1',
    id: 'faults',
    name: 'faults',
    nodes: [
      {
        id: 'load',
        type: 'source.inline',
        version: 1,
        config: { columns: [{ name: 'x', type: 'number' }], rows: [[1], [2]] },
        position: [0, 0],
      },
    ],
    edges: [],
  };
  expect((await api('POST', '/api/graphs', { graph })).status).toBe(201);
  const scheduled = await api('POST', '/api/schedules', { name: 'every-minute', graphId: 'faults', cron: '* * * * *' });
  expect(scheduled.status, JSON.stringify(scheduled.json)).toBe(201);
  const scheduleId = scheduled.json.id as number;
  const scheduleFrom = Date.now();

  const accepted: number[] = [];
  const statuses = new Map<string, number>();
  const count = (what: string, status: number) => statuses.set(`${what} ${status}`, (statuses.get(`${what} ${status}`) ?? 0) + 1);
  let stopLoad = false;
  // Load in the background: runs started and predictions asked for throughout, outages included.
  const load = (async () => {
    while (!stopLoad) {
      const started = await api('POST', '/api/runs', { graphId: 'faults' }).catch(() => ({
        status: 0,
        json: {} as Record<string, unknown>,
      }));
      count('run', started.status);
      if (started.status === 201) accepted.push(started.json.id as number);
      const predicted = await api('POST', '/api/endpoints/none/predict', { rows: [{ x: 1 }] }).catch(() => ({ status: 0, json: {} }));
      count('predict', predicted.status);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  })();

  const recoveries: number[] = [];
  let cycle = 0;
  // At least 8 outages, and on until two minute boundaries have passed for the schedule.
  while (cycle < 8 || Date.now() - scheduleFrom < 125_000) {
    cycle++;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await postgres.stop(cycle % 2 === 1 ? 'immediate' : 'fast');
    await expect.poll(health, { timeout: 10_000 }).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await postgres.start();
    const back = Date.now();
    await expect.poll(health, { timeout: 5_000, interval: 50 }).toBe(200);
    recoveries.push(Date.now() - back);
  }
  stopLoad = true;
  await load;

  // Every accepted run ends, succeeded, exactly once; no run appears that nobody asked for.
  await expect
    .poll(async () => (await query<{ n: number }>(`select count(*)::int as n from runs where status in ('queued', 'running')`))[0]?.n, {
      timeout: 60_000,
      interval: 500,
    })
    .toBe(0);
  const runs = await query<{ id: number; status: string; created_by: string; error: { code?: string; message?: string } | null }>(
    `select id::int, status, created_by, error from runs order by id`,
  );
  // A run that did not succeed says why (its stored error) in the failure message.
  const unsucceeded = (list: typeof runs) =>
    list.filter((run) => run.status !== 'succeeded').map(({ id, status, created_by, error }) => ({ id, status, created_by, error }));
  const byHand = runs.filter((run) => !run.created_by.startsWith('schedule:'));
  const bySchedule = runs.filter((run) => run.created_by.startsWith('schedule:'));
  // No accepted run is lost. A run may exist that its client was not told about: PostgreSQL killed
  // after the insert committed but before the answer, so the client saw 503 or nothing. Without an
  // idempotency key the server cannot tell that from a lost request, so there are at most as many of
  // those as requests that got 503 or no answer - and they must succeed like the rest.
  const ids = byHand.map((run) => run.id);
  expect(accepted.filter((id) => !ids.includes(id))).toEqual([]);
  const unasked = byHand.filter((run) => !accepted.includes(run.id));
  const unanswered = (statuses.get('run 503') ?? 0) + (statuses.get('run 0') ?? 0);
  expect.soft(unasked.length, JSON.stringify(unasked)).toBeLessThanOrEqual(unanswered);
  expect(unsucceeded(byHand), JSON.stringify(unsucceeded(byHand))).toEqual([]);

  // Each minute boundary since the schedule was made has one occurrence, run once (first attempt), finished.
  const occurrences = await query<{ fire_at: Date; status: string }>(
    `select fire_at, status from schedule_occurrences where schedule_id = ${Number(scheduleId)} order by fire_at`,
  );
  const firstBoundary = Math.ceil(scheduleFrom / 60_000) * 60_000;
  const expected: number[] = [];
  for (let at = firstBoundary; at <= Date.now() - 5_000; at += 60_000) expected.push(at);
  expect(occurrences.map((o) => o.fire_at.getTime()).slice(0, expected.length)).toEqual(expected);
  const firstAttempts = await query<{ fire_at: Date; n: number }>(
    `select fire_at, count(*)::int as n from schedule_runs where schedule_id = ${Number(scheduleId)} and attempt = 1 group by fire_at`,
  );
  for (const row of firstAttempts) expect(row.n, row.fire_at.toISOString()).toBe(1);
  expect(bySchedule.length).toBeGreaterThanOrEqual(expected.length);
  expect(unsucceeded(bySchedule), JSON.stringify(unsucceeded(bySchedule))).toEqual([]);

  // Answers were only what a user should see: the asked-for status, 503 in outages, 404 for the missing endpoint.
  const seen = [...statuses.keys()];
  expect(seen.filter((key) => !['run 201', 'run 503', 'predict 404', 'predict 503'].includes(key))).toEqual([]);
  expect(statuses.get('run 201')).toBeGreaterThan(10);
  expect((statuses.get('run 503') ?? 0) + (statuses.get('predict 503') ?? 0)).toBeGreaterThan(0);
  console.info(
    JSON.stringify({
      outages: cycle,
      recoveriesMs: recoveries,
      answers: Object.fromEntries(statuses),
      occurrences: occurrences.map((o) => `${o.fire_at.toISOString()} ${o.status}`),
      scheduledRuns: bySchedule.length,
    }),
  );
});
