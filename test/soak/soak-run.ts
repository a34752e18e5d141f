import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { scratchPostgresDatabase } from '../../server/src/test-support/scratch-postgres-database';
import { growthPer10Min, median, type Point } from './slope';
import { setUpSoak, waitForRun } from './soak-load';
import { type ProcessSample, type SoakServer, sampleProcess, startSoakServer } from './soak-server';

/** How hard and how long a soak pushes one server. */
export interface SoakOptions {
  database: 'pglite' | 'postgres';
  durationMs: number;
  /** Rows of the big CSV pipeline scheduled every minute; 0 leaves it out. */
  bigRows: number;
  smallRunEveryMs: number;
  readEveryMs: number;
  predictEveryMs: number;
  sampleEveryMs: number;
  /** How long the server rests after the soak before its idle memory is read (past CAUSEWAY_THREAD_IDLE_MS, so idle threads have ended). */
  idleWaitMs: number;
  /** Extra server environment (bounds, threads). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export type Series = keyof ProcessSample | 'dbConnections';

/** What a soak saw. */
export interface SoakReport {
  samples: Array<{ at: number } & ProcessSample & { dbConnections: number }>;
  /** Growth after warm-up, % of the level per 10 minutes, per series. */
  growth: Record<Series, number>;
  idleRssAfterWarmUpMb: number;
  idleRssAfterSoakMb: number;
  runs: { started: number; succeeded: number; failed: number; stuck: number };
  predict: { requests: number; errors: number; firstMinuteP99Ms: number; lastMinuteP99Ms: number };
  sse: { opened: number; dropped: number; completed: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? Number.NaN;

/** Runs one soak: starts the built server, sets up its work, pushes the mix for `durationMs`, samples it, stops it. */
export async function soak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const dir = await mkdtemp(join(tmpdir(), 'causeway-soak-'));
  const scratch = options.database === 'postgres' ? await scratchPostgresDatabase() : undefined;
  const admin = scratch === undefined ? undefined : new pg.Client({ connectionString: scratch.url });
  await admin?.connect();
  const dbName = scratch === undefined ? '' : new URL(scratch.url).pathname.slice(1);
  const server = await startSoakServer({
    CAUSEWAY_DATA_DIR: join(dir, 'data'),
    ...(scratch === undefined ? {} : { DATABASE_URL: scratch.url }),
    ...options.env,
  });
  const report: SoakReport = {
    samples: [],
    growth: {} as Record<Series, number>,
    idleRssAfterWarmUpMb: Number.NaN,
    idleRssAfterSoakMb: Number.NaN,
    runs: { started: 0, succeeded: 0, failed: 0, stuck: 0 },
    predict: { requests: 0, errors: 0, firstMinuteP99Ms: Number.NaN, lastMinuteP99Ms: Number.NaN },
    sse: { opened: 0, dropped: 0, completed: 0 },
  };
  const started = Date.now();
  const connections = async () =>
    admin === undefined
      ? 1
      : Number((await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [dbName])).rows[0].n);
  const sample = async () => {
    report.samples.push({ at: Date.now() - started, ...(await sampleProcess(server)), dbConnections: await connections() });
  };
  try {
    log(`${options.database}: server ${server.pid} at ${server.url}; setting up`);
    const row = await setUpSoak(server, dir, options.bigRows);
    report.idleRssAfterWarmUpMb = (await sampleProcess(server)).rssMb;
    const latencies: Array<{ at: number; ms: number }> = [];
    const runIds: number[] = [];
    let stopping = false;
    const every = (ms: number, work: () => Promise<void>) =>
      (async () => {
        while (!stopping) {
          const next = Date.now() + ms;
          await work().catch((error: unknown) => log(`  ${String(error)}`));
          await sleep(Math.max(0, next - Date.now()));
        }
      })();
    const soakStart = Date.now();
    const loops = [
      every(options.sampleEveryMs, sample),
      every(options.smallRunEveryMs, async () => {
        const run = await server.json<{ id: number }>('POST', '/api/runs', { graphId: 'soak-small' });
        runIds.push(run.id);
        report.runs.started++;
        void followEvents(server, run.id, report.sse);
      }),
      every(options.readEveryMs, async () => {
        for (const path of ['/api/runs?limit=20', '/api/graphs', '/api/schedules', '/api/endpoints/soak', '/api/health'])
          await (await server.call('GET', path)).arrayBuffer();
      }),
      every(options.predictEveryMs, async () => {
        const t0 = performance.now();
        const response = await server.call('POST', '/api/endpoints/soak/predict', { rows: [row] });
        await response.arrayBuffer();
        report.predict.requests++;
        if (!response.ok) report.predict.errors++;
        latencies.push({ at: Date.now(), ms: performance.now() - t0 });
      }),
    ];
    while (Date.now() - soakStart < options.durationMs) {
      await sleep(Math.min(60_000, options.durationMs - (Date.now() - soakStart)));
      log(`  ${((Date.now() - soakStart) / 60_000).toFixed(1)} min: ${JSON.stringify(report.samples.at(-1))}`);
    }
    stopping = true;
    await Promise.all(loops);
    const minute = Math.min(60_000, options.durationMs / 3);
    report.predict.firstMinuteP99Ms = p99(latencies.filter((l) => l.at - soakStart < minute).map((l) => l.ms));
    report.predict.lastMinuteP99Ms = p99(latencies.filter((l) => l.at > Date.now() - minute).map((l) => l.ms));
    // Every run the soak started ends; the big pipeline's schedule is paused so the server goes idle.
    if (options.bigRows > 0) await server.json('POST', '/api/schedules/1/pause').catch(() => {});
    for (const id of runIds) {
      const run = await waitForRun(server, id, 120_000).catch(() => ({ status: 'stuck' }));
      if (run.status === 'succeeded') report.runs.succeeded++;
      else if (run.status === 'stuck') report.runs.stuck++;
      else report.runs.failed++;
    }
    await sleep(options.idleWaitMs);
    report.idleRssAfterSoakMb = (await sampleProcess(server)).rssMb;
    for (const series of ['rssMb', 'heapUsedMb', 'externalMb', 'fds', 'threads', 'children', 'dbConnections'] as const) {
      const points: Point[] = report.samples.map((s) => ({ at: s.at, value: s[series] }));
      report.growth[series] = growthPer10Min(points);
    }
    return report;
  } finally {
    await server.stop();
    await admin?.end();
    await scratch?.drop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

/** An SSE subscriber: follows a run's events, and one in three drops the stream early. */
async function followEvents(server: SoakServer, runId: number, counts: SoakReport['sse']): Promise<void> {
  const abort = new AbortController();
  const drop = runId % 3 === 0;
  if (drop) setTimeout(() => abort.abort(), 50 + (runId % 7) * 40);
  counts.opened++;
  try {
    const response = await fetch(`${server.url}/api/runs/${runId}/events`, {
      headers: { authorization: `Bearer ${server.token}`, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    await response.arrayBuffer();
    counts.completed++;
  } catch {
    counts.dropped++;
  }
}

/** The figures of a report as lines, the growth beside its bound. */
export function formatReport(name: string, report: SoakReport): string[] {
  const last = report.samples.at(-1);
  const level = (series: Series) => median(report.samples.map((s) => s[series])).toFixed(1);
  return [
    `${name}: ${report.samples.length} samples; runs ${JSON.stringify(report.runs)}; SSE ${JSON.stringify(report.sse)}`,
    `  predictions ${report.predict.requests} (errors ${report.predict.errors}); p99 first minute ${report.predict.firstMinuteP99Ms.toFixed(1)} ms, last minute ${report.predict.lastMinuteP99Ms.toFixed(1)} ms`,
    `  idle RSS after warm-up ${report.idleRssAfterWarmUpMb.toFixed(0)} MB, after the soak ${report.idleRssAfterSoakMb.toFixed(0)} MB (bound: within 10 %)`,
    ...(['rssMb', 'heapUsedMb', 'externalMb', 'fds', 'threads', 'children', 'dbConnections'] as const).map(
      (series) =>
        `  ${series.padEnd(14)} median ${level(series).padStart(8)}, last ${String(last?.[series].toFixed(1)).padStart(8)}; growth after warm-up ${report.growth[series].toFixed(2).padStart(7)} %/10 min (bound < 1 %)`,
    ),
  ];
}
