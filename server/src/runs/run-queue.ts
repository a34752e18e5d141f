import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { storableJson } from '../db/storable-json';
import { runChannel } from './run-bus';

/** A run a worker has claimed; `attempt` fences its writes against a later claim. */
export interface ClaimedRun {
  id: number;
  attempt: number;
  timeoutMs: number;
  graphId: string;
  version: number;
  /** The graph version's JSON text. */
  graph: string;
  /** The last event seq already stored (from earlier attempts). */
  lastSeq: number;
  /** The run this one retries, through every retry (itself when it retries none): effects written by a retry replace that run's. */
  firstRun: number;
}

type Fence = { runId: number; attempt: number };
export type EventRecord = Fence & { seq: number; type: string; nodeId: string | null; data: unknown; at: number };
export type NodeRecord = Fence & {
  nodeId: string;
  status: string;
  startedAt: number | null;
  finishedAt: number | null;
  durationMs: number | null;
  cached: boolean;
  error: unknown;
  outputs: Record<string, unknown> | null;
};
export type FinishRecord = Fence & { status: string; durationMs: number; error: unknown };

/** What one flush writes: events, node states (one row per node) and finished runs. */
export interface FlushBatch {
  events: EventRecord[];
  nodes: NodeRecord[];
  finishes: FinishRecord[];
}

/**
 * The worker side of the run queue, on the `runs` table itself: claim with FOR UPDATE SKIP
 * LOCKED, write events / node states / outcomes in one statement per flush, heartbeat, release.
 * Every write checks that the run is still `running` under this worker and claim (`attempts`),
 * so a worker that lost its run to the sweeper can no longer touch it.
 */
export class RunQueue {
  constructor(
    private readonly db: Kysely<Database>,
    readonly workerId: string,
  ) {}

  /** Whether any run waits to be claimed. */
  async hasQueued(): Promise<boolean> {
    const row = await this.db.selectFrom('runs').select('id').where('status', '=', 'queued').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** Claims up to `limit` queued runs, oldest first. */
  async claim(limit: number): Promise<ClaimedRun[]> {
    if (limit <= 0) return [];
    const result = await sql<{
      id: number;
      attempts: number;
      timeout_ms: number;
      graph_id: string;
      graph_version: number;
      graph: string;
      last_seq: number;
      first_run: number;
    }>`
      with picked as (
        select id from runs where status = 'queued' order by id limit ${limit} for update skip locked
      )
      update runs r set status = 'running', attempts = r.attempts + 1, worker_id = ${this.workerId},
        started_at = coalesce(r.started_at, now()), heartbeat_at = now()
      from picked, graph_versions v
      where r.id = picked.id and v.graph_id = r.graph_id and v.version = r.graph_version
      returning r.id, r.attempts, r.timeout_ms, r.graph_id, r.graph_version, v.graph,
        (select coalesce(max(e.seq), 0) from run_events e where e.run_id = r.id)::int as last_seq,
        (with recursive chain(id, retry_of) as (
          select x.id, x.retry_of from runs x where x.id = r.id
          union all select p.id, p.retry_of from runs p join chain c on p.id = c.retry_of
        ) select min(id) from chain)::int as first_run`.execute(this.db);
    return result.rows
      .map((r) => ({
        id: Number(r.id),
        attempt: r.attempts,
        timeoutMs: r.timeout_ms,
        graphId: r.graph_id,
        version: r.graph_version,
        graph: r.graph,
        lastSeq: Number(r.last_seq),
        firstRun: Number(r.first_run ?? r.id),
      }))
      .sort((a, b) => a.id - b.id);
  }

  /**
   * Writes a batch in one statement, skipping runs this worker no longer holds. Text PostgreSQL
   * refuses (U+0000, lone surrogates) is stored as visible stand-ins (see `storableJson`).
   */
  async flush(batch: FlushBatch): Promise<void> {
    const fences = new Map<string, Fence>();
    for (const list of [batch.events, batch.nodes, batch.finishes])
      for (const r of list) fences.set(`${r.runId}:${r.attempt}`, { runId: r.runId, attempt: r.attempt });
    if (fences.size === 0) return;
    const events = batch.events.map((e) => ({ run_id: e.runId, seq: e.seq, type: e.type, node_id: e.nodeId, data: e.data, at: e.at }));
    const nodes = batch.nodes.map((n) => ({
      run_id: n.runId,
      node_id: n.nodeId,
      status: n.status,
      started_at: n.startedAt,
      finished_at: n.finishedAt,
      duration_ms: n.durationMs,
      cached: n.cached,
      error: n.error ?? null,
      outputs: n.outputs,
    }));
    const finishes = batch.finishes.map((f) => ({ run_id: f.runId, status: f.status, duration_ms: f.durationMs, error: f.error ?? null }));
    const ids = [...new Set(batch.events.map((e) => e.runId))].join(',');
    await sql`
      with owned as (
        select r.id from runs r
        join jsonb_to_recordset(${JSON.stringify([...fences.values()])}::jsonb) as f("runId" bigint, attempt int)
          on f."runId" = r.id and f.attempt = r.attempts
        where r.status = 'running' and r.worker_id = ${this.workerId}
        for share of r
      ),
      ev as (
        insert into run_events (run_id, seq, type, node_id, data, at)
        select e.run_id, e.seq, e.type, e.node_id, e.data, to_timestamp(e.at / 1000.0)
        from jsonb_to_recordset(${storableJson(events)}::jsonb)
          as e(run_id bigint, seq int, type text, node_id text, data jsonb, at float8)
        where e.run_id in (select id from owned)
        -- A retry of a batch whose commit was answered by a dying database finds its events stored.
        on conflict (run_id, seq) do nothing
        returning run_id
      ),
      nr as (
        insert into node_runs (run_id, node_id, status, started_at, finished_at, duration_ms, cached, error, outputs)
        select n.run_id, n.node_id, n.status, to_timestamp(n.started_at / 1000.0), to_timestamp(n.finished_at / 1000.0),
          n.duration_ms, n.cached, n.error, n.outputs
        from jsonb_to_recordset(${storableJson(nodes)}::jsonb)
          as n(run_id bigint, node_id text, status text, started_at float8, finished_at float8, duration_ms int, cached boolean, error jsonb, outputs jsonb)
        where n.run_id in (select id from owned)
        on conflict (run_id, node_id) do update set status = excluded.status, started_at = excluded.started_at,
          finished_at = excluded.finished_at, duration_ms = excluded.duration_ms, cached = excluded.cached,
          error = excluded.error, outputs = excluded.outputs
        returning run_id
      ),
      fin as (
        update runs r set status = f.status, finished_at = now(), duration_ms = f.duration_ms, error = f.error, heartbeat_at = null
        from jsonb_to_recordset(${storableJson(finishes)}::jsonb) as f(run_id bigint, status text, duration_ms int, error jsonb)
        where r.id = f.run_id and r.id in (select id from owned)
        returning r.id
      )
      select (select count(*) from ev) as events, (select count(*) from nr) as nodes, (select count(*) from fin) as finished,
        ${ids === '' ? sql`null` : sql`pg_notify(${runChannel}, ${`events:${ids}`})`} as notified`.execute(this.db);
  }

  /** Stamps the given runs; answers which are still this worker's and which were asked to cancel. */
  async heartbeat(runs: Fence[]): Promise<{ owned: Set<number>; cancel: Set<number> }> {
    const owned = new Set<number>();
    const cancel = new Set<number>();
    if (runs.length === 0) return { owned, cancel };
    const result = await sql<{ id: number; cancel_requested: boolean }>`
      update runs r set heartbeat_at = now()
      from jsonb_to_recordset(${JSON.stringify(runs)}::jsonb) as f("runId" bigint, attempt int)
      where r.id = f."runId" and r.attempts = f.attempt and r.status = 'running' and r.worker_id = ${this.workerId}
      returning r.id, r.cancel_requested`.execute(this.db);
    for (const row of result.rows) {
      owned.add(Number(row.id));
      if (row.cancel_requested) cancel.add(Number(row.id));
    }
    return { owned, cancel };
  }

  /**
   * Gives runs back to the queue at once (graceful shutdown): the claim is not counted against
   * the run's attempts, and a `run:requeued` event tells watchers.
   */
  async release(runs: Fence[], reason: string): Promise<number[]> {
    if (runs.length === 0) return [];
    const result = await sql<{ id: number }>`
      with released as (
        update runs r set status = 'queued', attempts = r.attempts - 1, worker_id = null, heartbeat_at = null
        from jsonb_to_recordset(${JSON.stringify(runs)}::jsonb) as f("runId" bigint, attempt int)
        where r.id = f."runId" and r.attempts = f.attempt and r.status = 'running' and r.worker_id = ${this.workerId}
        returning r.id, r.attempts
      ),
      cleared as (delete from node_runs where run_id in (select id from released)),
      added as (
        insert into run_events (run_id, seq, type, node_id, data)
        select id, (select coalesce(max(seq), 0) + 1 from run_events e where e.run_id = released.id), 'run:requeued', null,
          jsonb_build_object('type', 'run:requeued', 'runId', id::text, 'at', (extract(epoch from now()) * 1000)::bigint,
            'reason', ${reason}::text, 'attempts', attempts)
        from released
        returning run_id
      )
      select run_id as id, pg_notify(${runChannel}, 'events:' || run_id) as a, pg_notify(${runChannel}, 'queued') as b from added`.execute(
      this.db,
    );
    return result.rows.map((r) => Number(r.id));
  }
}
