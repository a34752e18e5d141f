import { type ChildProcess, fork } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../db/connect';
import { migrate } from '../db/migrate';
import { GraphsRepository } from '../repositories/graphs-repository';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import type { FromChild, ToChild } from './scheduler-child';
import { type ScheduleInput, SchedulesRepository } from './schedules-repository';

const childSource = fileURLToPath(new URL('./scheduler-child.ts', import.meta.url));
// Bundled once, so five processes start in about a second each instead of compiling TypeScript each.
const childDir = fileURLToPath(new URL('../../../node_modules/.cache/causeway-tests/', import.meta.url));
const childModule = join(childDir, `scheduler-child-${process.pid}.mjs`);
const minute = 60_000;
const day = Date.parse('2026-03-10T00:00:00Z');
const graceMs = 2 * minute;

let handle: DatabaseHandle;
let drop: () => Promise<void>;
let url: string;
const children: Array<{ id: string; process: ChildProcess; alive: boolean }> = [];

beforeAll(async () => {
  const scratch = await scratchPostgresDatabase();
  url = scratch.url;
  drop = scratch.drop;
  handle = await connectDatabase({ kind: 'postgres', url });
  await migrate(handle.db);
  await mkdir(childDir, { recursive: true });
  await build({
    entryPoints: [childSource],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childModule,
    external: ['pg', 'kysely', 'croner', '@electric-sql/pglite', 'apache-arrow', 'zod'],
    logLevel: 'warning',
  });
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.alive) child.process.kill('SIGKILL');
  await handle?.close();
  await drop?.();
  await rm(childModule, { force: true });
});

async function spawnScheduler(id: string) {
  const child = fork(childModule, [url, id, String(graceMs)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const entry = { id, process: child, alive: true };
  child.once('exit', () => {
    entry.alive = false;
  });
  children.push(entry);
  await new Promise<void>((resolve, reject) => {
    child.once('message', (m: FromChild) => (m.type === 'ready' ? resolve() : reject(new Error(JSON.stringify(m)))));
    child.once('exit', (code) => reject(new Error(`scheduler ${id} exited with ${code}`)));
  });
  return entry;
}

/** Sends one tick to a child; resolves with its answer (or undefined when it dies first). */
function tick(entry: (typeof children)[number], now: number): Promise<FromChild | undefined> {
  return new Promise((resolve) => {
    const onMessage = (m: FromChild) => {
      if (m.type === 'ready') return;
      entry.process.off('exit', onExit);
      entry.process.off('message', onMessage);
      resolve(m);
    };
    const onExit = () => {
      entry.process.off('message', onMessage);
      resolve(undefined);
    };
    entry.process.on('message', onMessage);
    entry.process.once('exit', onExit);
    entry.process.send({ type: 'tick', now } satisfies ToChild);
  });
}

const settings = (cron: string, timezone: string, catchUp: ScheduleInput['catchUp']): ScheduleInput => ({
  graphId: 'daily',
  version: 'latest',
  cron,
  timezone,
  overlap: 'skip',
  catchUp,
  retries: { max: 0, baseMs: 60_000, maxMs: 3_600_000 },
  alertUrl: null,
  alertSecret: null,
  paused: false,
});

/** Waits until no schedule row is locked: a killed scheduler's transaction has been rolled back. */
async function schedulesUnlocked(): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const free = await handle.db
      .transaction()
      .execute(async (trx) => (await sql`select id from schedules for update skip locked`.execute(trx)).rows.length);
    const all = await handle.db
      .selectFrom('schedules')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (free === Number(all.n)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('a schedule stayed locked 10 s after its scheduler was killed');
}

const iso = (at: number) => new Date(at).toISOString();
const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

test('five schedulers over a simulated day: one run per occurrence, a killed scheduler loses nothing, catch-up after a two-hour outage', async () => {
  const graph = { format: 'causeway.graph/1', id: 'daily', name: 'Daily', nodes: [], edges: [] };
  await new GraphsRepository(handle.db).create({ id: 'daily', name: 'Daily', graph: JSON.stringify(graph), author: 'test', message: 'v1' });
  const schedules = new SchedulesRepository(handle.db);
  const created = day - minute;
  const ids = {
    skip: (await schedules.create('half-hour-skip', settings('*/30 * * * *', 'UTC', { policy: 'skip', limit: 10 }), 'test', created)).id,
    once: (await schedules.create('half-hour-once', settings('*/30 * * * *', 'UTC', { policy: 'once', limit: 10 }), 'test', created)).id,
    allCapped: (await schedules.create('half-hour-all-2', settings('*/30 * * * *', 'UTC', { policy: 'all', limit: 2 }), 'test', created))
      .id,
    every15: (
      await schedules.create(
        'every-15-new-york',
        settings('*/15 * * * *', 'America/New_York', { policy: 'all', limit: 100 }),
        'test',
        created,
      )
    ).id,
    kolkata: (await schedules.create('kolkata-9am', settings('0 9 * * *', 'Asia/Kolkata', { policy: 'skip', limit: 10 }), 'test', created))
      .id,
  };

  const generation = async (n: number) => Promise.all(Array.from({ length: 5 }, (_, i) => spawnScheduler(`gen${n}-scheduler-${i}`)));
  let live = await generation(1);
  // Runs are not executed here: between ticks a stand-in finishes every queued run, as a worker would.
  const finishRuns = () => sql`update runs set status = 'succeeded', finished_at = now() where status = 'queued'`.execute(handle.db);
  // Each process has its own clock, up to 10 s apart.
  const tickAll = async (at: number, kill?: string) => {
    const ticks = live.map((entry) => tick(entry, at + Math.round((Math.random() - 0.5) * 20_000)));
    if (kill !== undefined) live.find((entry) => entry.id === kill)?.process.kill('SIGKILL');
    for (const answer of await Promise.all(ticks)) if (answer?.type === 'error') throw new Error(answer.message);
    live = live.filter((entry) => entry.alive);
  };
  const step = async (at: number, kill?: string) => {
    await finishRuns();
    await tickAll(at + 30_000, kill);
    if (kill === undefined) return;
    // The killed process may have died holding a schedule's lock, which the others skipped. Real
    // schedulers poll every few seconds: once the database has rolled it back, they tick again.
    await schedulesUnlocked();
    await tickAll(at + 60_000);
  };

  const outageStart = day + 12 * 60 * minute;
  const outageEnd = day + (14 * 60 + 15) * minute;
  const killAt = day + 6 * 60 * minute;
  let killed: string | undefined;
  for (let at = day; at <= outageStart; at += 15 * minute) {
    let kill: string | undefined;
    if (at === killAt) {
      const last = await handle.db
        .selectFrom('schedule_occurrences')
        .select('fired_by')
        .where('status', '<>', 'skipped')
        .orderBy('fire_at', 'desc')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      kill = last.fired_by;
      killed = kill;
    }
    await step(at, kill);
  }
  expect(killed).toBeDefined();
  expect(live.map((entry) => entry.id)).not.toContain(killed);
  expect(live).toHaveLength(4);

  // Outage: every scheduler stops after the 12:00 tick; new ones start two hours later (no ticks 12:15–14:00).
  for (const entry of live) entry.process.kill('SIGKILL');
  live = await generation(2);
  for (let at = outageEnd; at < day + 24 * 60 * minute; at += 15 * minute) await step(at);
  await finishRuns();
  for (const entry of live) entry.process.send({ type: 'stop' } satisfies ToChild);

  const occurrences = await handle.db
    .selectFrom('schedule_occurrences as o')
    .leftJoin('schedule_runs as sr', (j) => j.onRef('sr.schedule_id', '=', 'o.schedule_id').onRef('sr.fire_at', '=', 'o.fire_at'))
    .select(['o.schedule_id', 'o.fire_at', 'o.status', 'o.reason', 'o.run_id', 'o.fired_by'])
    .select((eb) => eb.fn.count<number>('sr.run_id').as('runs'))
    .groupBy(['o.schedule_id', 'o.fire_at', 'o.status', 'o.reason', 'o.run_id', 'o.fired_by'])
    .orderBy('o.fire_at')
    .execute();
  const of = (id: number) => occurrences.filter((o) => Number(o.schedule_id) === id);
  const ran = (id: number) => of(id).filter((o) => o.status !== 'skipped');
  const last = day + (23 * 60 + 45) * minute;

  // Every occurrence of the day is recorded once; each one that ran has exactly one run.
  for (const o of occurrences)
    expect(Number(o.runs), `${o.schedule_id} ${iso(new Date(o.fire_at).getTime())}`).toBe(o.status === 'skipped' ? 0 : 1);
  const runs = await handle.db
    .selectFrom('runs')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('id').distinct().as('distinct')])
    .executeTakeFirstOrThrow();
  expect(Number(runs.n)).toBe(occurrences.filter((o) => o.status !== 'skipped').length);

  const halfHours = range(day, last, 30 * minute).map(iso);
  const missed = range(outageStart + 30 * minute, day + 14 * 60 * minute, 30 * minute).map(iso);
  expect(missed).toEqual(['2026-03-10T12:30:00.000Z', '2026-03-10T13:00:00.000Z', '2026-03-10T13:30:00.000Z', '2026-03-10T14:00:00.000Z']);
  for (const id of [ids.skip, ids.once, ids.allCapped]) expect(of(id).map((o) => iso(new Date(o.fire_at).getTime()))).toEqual(halfHours);
  const skippedOf = (id: number) => of(id).filter((o) => o.status === 'skipped');
  // skip: none of the missed occurrences runs.
  expect(skippedOf(ids.skip).map((o) => iso(new Date(o.fire_at).getTime()))).toEqual(missed);
  expect(skippedOf(ids.skip).every((o) => o.reason === 'missed')).toBe(true);
  // once: only the latest missed occurrence runs.
  expect(skippedOf(ids.once).map((o) => iso(new Date(o.fire_at).getTime()))).toEqual(missed.slice(0, 3));
  // all, capped at 2: the latest two run.
  expect(skippedOf(ids.allCapped).map((o) => iso(new Date(o.fire_at).getTime()))).toEqual(missed.slice(0, 2));
  // all under the cap: every occurrence of the day ran, the outage's included.
  expect(ran(ids.every15).map((o) => iso(new Date(o.fire_at).getTime()))).toEqual(range(day, last, 15 * minute).map(iso));
  expect(of(ids.kolkata).map((o) => [iso(new Date(o.fire_at).getTime()), o.status])).toEqual([['2026-03-10T03:30:00.000Z', 'succeeded']]);
  // The schedulers shared the work, the killed one included.
  const firers = new Set(occurrences.map((o) => o.fired_by));
  expect(firers.size).toBeGreaterThan(3);
  expect(firers.has(killed as string)).toBe(true);
}, 120_000);
