import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { runChannel } from './run-bus';

/** What a sweep did: runs given back to the queue and runs given up. */
export interface SweepResult {
  requeued: number[];
  failed: number[];
}

/**
 * Finds running runs whose heartbeat is older than `staleMs` (their worker died or hangs) and
 * re-queues them while attempts remain, or fails them with WORKER_LOST; a run that was asked to
 * cancel is cancelled instead. Each gets an event (`run:requeued` or `run:done`). Safe to run
 * from every process at once: rows are taken with SKIP LOCKED.
 */
export async function sweepStaleRuns(db: Kysely<Database>, staleMs: number): Promise<SweepResult> {
  const lost = { code: 'WORKER_LOST', message: 'The worker running this run stopped responding.' };
  const result = await sql<{ id: number; status: string }>`
    with stale as (
      select id from runs
      where status = 'running' and heartbeat_at < now() - make_interval(secs => ${staleMs / 1000})
      order by id limit 500 for update skip locked
    ),
    swept as (
      update runs r set
        status = case when r.cancel_requested then 'cancelled' when r.attempts < r.max_attempts then 'queued' else 'failed' end,
        worker_id = null, heartbeat_at = null,
        finished_at = case when r.attempts < r.max_attempts and not r.cancel_requested then null else now() end,
        error = case when r.attempts < r.max_attempts or r.cancel_requested then r.error else ${JSON.stringify(lost)}::jsonb end
      from stale where r.id = stale.id
      returning r.id, r.status, r.attempts
    ),
    nodes as (
      update node_runs n set status = 'failed', finished_at = now(), error = ${JSON.stringify(lost)}::jsonb
      from swept where n.run_id = swept.id and swept.status <> 'queued' and n.status = 'running'
    ),
    cleared as (delete from node_runs n using swept where n.run_id = swept.id and swept.status = 'queued'),
    added as (
      insert into run_events (run_id, seq, type, node_id, data)
      select id, (select coalesce(max(seq), 0) + 1 from run_events e where e.run_id = swept.id),
        case when status = 'queued' then 'run:requeued' else 'run:done' end, null,
        case when status = 'queued'
          then jsonb_build_object('type', 'run:requeued', 'runId', id::text, 'at', (extract(epoch from now()) * 1000)::bigint,
            'reason', 'worker lost', 'attempts', attempts)
          else jsonb_build_object('type', 'run:done', 'runId', id::text, 'at', (extract(epoch from now()) * 1000)::bigint,
            'status', status, 'durationMs', 0,
            'issues', case when status = 'failed' then jsonb_build_array(${JSON.stringify({ ...lost, path: [] })}::jsonb) else '[]'::jsonb end)
        end
      from swept
      returning run_id
    )
    select swept.id, swept.status, pg_notify(${runChannel}, 'events:' || swept.id) as n from swept`.execute(db);
  const out: SweepResult = { requeued: [], failed: [] };
  for (const row of result.rows) (row.status === 'queued' ? out.requeued : out.failed).push(Number(row.id));
  if (out.requeued.length > 0) await sql`select pg_notify(${runChannel}, 'queued')`.execute(db);
  return out;
}
