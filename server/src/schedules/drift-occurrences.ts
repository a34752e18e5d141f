import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';

/** Drift failures older than this when first seen fire nothing (a scheduler that was down does not replay them). */
export const driftLookbackMs = 24 * 3_600_000;

/**
 * Queues an occurrence of every schedule with `on_drift_of` for each drift alert of its endpoint: a
 * failed run whose failing node is a `validate.drift` in a graph that reads that endpoint's requests.
 * The occurrence's time is the failed run's end, so the primary key fires each alert once across every
 * scheduler; the schedule's tending starts it (overlap and retries apply). Returns the occurrences queued.
 */
export async function queueDriftOccurrences(
  db: Kysely<Database>,
  now: number,
  schedulerId: string,
): Promise<Array<{ scheduleId: number; fireAt: Date }>> {
  const result = await sql<{ schedule_id: number; fire_at: Date }>`
    insert into schedule_occurrences (schedule_id, fire_at, status, reason, fired_by, created_at)
    select s.id, r.finished_at, 'waiting', 'drift', ${schedulerId}, ${new Date(now)}
    from schedules s
    join runs r on r.status = 'failed' and r.finished_at > s.created_at and r.finished_at > ${new Date(now - driftLookbackMs)}
    join graph_versions v on v.graph_id = r.graph_id and v.version = r.graph_version
    where s.on_drift_of is not null and not s.paused
      and (v.graph::jsonb -> 'nodes') @> jsonb_build_array(jsonb_build_object('id', r.error ->> 'nodeId', 'type', 'validate.drift'))
      and (v.graph::jsonb -> 'nodes') @> jsonb_build_array(
        jsonb_build_object('type', 'source.endpoint-requests', 'config', jsonb_build_object('endpoint', s.on_drift_of)))
    on conflict (schedule_id, fire_at) do nothing
    returning schedule_id, fire_at`.execute(db);
  return result.rows.map((r) => ({ scheduleId: Number(r.schedule_id), fireAt: new Date(r.fire_at) }));
}
