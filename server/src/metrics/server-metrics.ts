import { type Kysely, sql } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import type { EndpointFigures } from '../endpoints/live-figures';
import { driftMetrics } from './drift-metrics';
import { livePerformanceMetrics } from './live-performance-metrics';

/** Seconds: from a quick node to a long training run. */
const durationBuckets = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];
/** Seconds: one predict call. */
const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Runs may be finished by worker processes whose transactions commit a little after the time they record. */
const lateCommitMs = 60_000;

/**
 * The Prometheus registry `GET /metrics` answers with. Run figures are read from the database at each
 * scrape (runs finish in worker processes); endpoint figures are counted as this process answers them.
 * Durations count runs and nodes finished since this process started, as Prometheus counters do.
 */
export function createServerMetrics(
  db: Kysely<Database>,
  figures: EndpointFigures | undefined,
  artifacts?: ArtifactStore | undefined,
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'causeway_' });
  new Gauge({
    name: 'causeway_runs',
    help: 'Runs in the database, by status.',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const { rows } = await sql<{ status: string; n: number }>`select status, count(*)::int as n from runs group by status`.execute(db);
      this.reset();
      for (const row of rows) this.set({ status: row.status }, Number(row.n));
    },
  });
  new Gauge({
    name: 'causeway_run_queue_depth',
    help: 'Runs waiting for a worker.',
    registers: [registry],
    async collect() {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from runs where status = 'queued'`.execute(db);
      this.set(Number(rows[0]?.n ?? 0));
    },
  });
  finishedDurations(registry, db, {
    name: 'causeway_run_duration_seconds',
    help: 'How long finished runs took, by status.',
    query: (since) =>
      sql<Finished>`select id::text as key, status, duration_ms, finished_at from runs
        where finished_at > ${since} and duration_ms is not null`,
  });
  finishedDurations(registry, db, {
    name: 'causeway_node_duration_seconds',
    help: 'How long finished nodes took, by status (cached nodes excluded).',
    query: (since) =>
      sql<Finished>`select run_id::text || '/' || node_id as key, status, duration_ms, finished_at from node_runs
        where finished_at > ${since} and duration_ms is not null and not cached`,
  });
  if (figures !== undefined) {
    endpointMetrics(registry, figures);
    livePerformanceMetrics(registry, db);
    driftMetrics(registry, db, artifacts);
  }
  return registry;
}

interface Finished {
  key: string;
  status: string;
  duration_ms: number;
  finished_at: Date | string;
}

/** A histogram fed at each scrape with the rows finished since the last one, each counted once. */
function finishedDurations(
  registry: Registry,
  db: Kysely<Database>,
  spec: { name: string; help: string; query: (since: Date) => ReturnType<typeof sql<Finished>> },
): void {
  const seen = new Map<string, number>();
  let newest = Date.now();
  new Histogram({
    name: spec.name,
    help: spec.help,
    labelNames: ['status'],
    buckets: durationBuckets,
    registers: [registry],
    async collect() {
      const since = newest - lateCommitMs;
      const { rows } = await spec.query(new Date(since)).execute(db);
      for (const row of rows) {
        const at = new Date(row.finished_at).getTime();
        if (seen.has(row.key)) continue;
        seen.set(row.key, at);
        newest = Math.max(newest, at);
        this.observe({ status: row.status }, Number(row.duration_ms) / 1000);
      }
      for (const [key, at] of seen) if (at <= newest - 2 * lateCommitMs) seen.delete(key);
    },
  });
}

/** Requests, errors, predicted rows and latency per endpoint and version, as this process answers them. */
function endpointMetrics(registry: Registry, figures: EndpointFigures): void {
  const labelNames = ['endpoint', 'version'] as const;
  const requests = new Counter({ name: 'causeway_endpoint_requests_total', help: 'Predict requests.', labelNames, registers: [registry] });
  const errors = new Counter({
    name: 'causeway_endpoint_errors_total',
    help: 'Predict requests that failed.',
    labelNames,
    registers: [registry],
  });
  const predictions = new Counter({
    name: 'causeway_endpoint_predictions_total',
    help: 'Rows predicted.',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'causeway_endpoint_latency_seconds',
    help: 'Predict latency.',
    labelNames,
    buckets: latencyBuckets,
    registers: [registry],
  });
  figures.listen((r) => {
    // Version 0: the request failed before a version was chosen.
    const labels = { endpoint: r.endpoint, version: r.version === 0 ? 'none' : String(r.version) };
    requests.inc(labels);
    if (r.failed) errors.inc(labels);
    else predictions.inc(labels, r.rows);
    latency.observe(labels, r.latencyMs / 1000);
  });
}
