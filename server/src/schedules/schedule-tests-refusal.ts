import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { graphTestsRefusal } from '../graph-tests/graph-tests-refusal';

/** The error an occurrence fails with when the schedule's tests policy refuses its graph version. */
export interface ScheduleTestsError {
  code: 'SCHEDULE_TESTS_REQUIRED';
  message: string;
  details: { schedule: string; graphId: string; graphVersion: number; failing: string[] };
}

/**
 * Enforces a schedule's `requireGraphTests` policy before it starts a run of `version` (null: the
 * graph's latest): a graph version the schedule has not run successfully before runs only when its
 * tests passed on the server. Undefined lets the run start (also when the graph is gone: starting says so).
 */
export async function scheduleTestsRefusal(
  db: Kysely<Database>,
  schedule: { id: number; name: string; graph_id: string; require_graph_tests: boolean },
  version: number | null,
): Promise<ScheduleTestsError | undefined> {
  if (!schedule.require_graph_tests) return undefined;
  const graph = await db.selectFrom('graphs').select('latest_version').where('id', '=', schedule.graph_id).executeTakeFirst();
  if (graph === undefined) return undefined;
  const graphVersion = version ?? graph.latest_version;
  const ranBefore = await sql<{ one: number }>`
    select 1 as one from schedule_runs sr join runs r on r.id = sr.run_id
    where sr.schedule_id = ${schedule.id} and r.graph_version = ${graphVersion} and r.status = 'succeeded'
    limit 1`.execute(db);
  if (ranBefore.rows.length > 0) return undefined;
  const refusal = await graphTestsRefusal(db, schedule.graph_id, graphVersion);
  if (refusal === undefined) return undefined;
  return {
    code: 'SCHEDULE_TESTS_REQUIRED',
    message: `Schedule "${schedule.name}" did not run a new graph version: ${refusal.why}.`,
    details: { schedule: schedule.name, graphId: schedule.graph_id, graphVersion, failing: refusal.failing },
  };
}
