import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';

/** Defaults every queued run gets (see `RunSettings`). */
export interface RunDefaults {
  maxAttempts: number;
  timeoutMs: number;
}

/** Which run to queue for an occurrence's attempt. */
export interface ScheduledRunRequest {
  scheduleId: number;
  scheduleName: string;
  fireAt: Date;
  attempt: number;
  graphId: string;
  /** null: the graph's latest version now. */
  version: number | null;
  retryOf: number | null;
}

/**
 * Queues a run for one attempt of an occurrence and links it in `schedule_runs`, whose unique
 * (schedule, occurrence, attempt) refuses a second run for the same attempt. Returns the run id,
 * or undefined when the graph (or the pinned version) is gone.
 */
export async function startScheduledRun(
  db: Kysely<Database>,
  request: ScheduledRunRequest,
  defaults: RunDefaults,
): Promise<number | undefined> {
  const created = await sql<{ id: number }>`
    insert into runs (graph_id, graph_version, max_attempts, timeout_ms, created_by, owner, owner_role, retry_of)
    select v.graph_id, v.version, ${defaults.maxAttempts}, ${defaults.timeoutMs}, ${`schedule:${request.scheduleName}`},
      coalesce(s.created_by, ${`schedule:${request.scheduleName}`}), s.owner_role, ${request.retryOf}::bigint
    from graphs g join graph_versions v on v.graph_id = g.id and v.version = coalesce(${request.version}::int, g.latest_version)
      left join schedules s on s.id = ${request.scheduleId}
    where g.id = ${request.graphId}
    returning id`.execute(db);
  const runId = created.rows[0]?.id;
  if (runId === undefined) return undefined;
  await db
    .insertInto('schedule_runs')
    .values({ run_id: Number(runId), schedule_id: request.scheduleId, fire_at: request.fireAt, attempt: request.attempt })
    .execute();
  return Number(runId);
}
