import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';

/**
 * What a run's promotions are keyed by: its schedule occurrence (`schedule:<id>@<time>`), so every
 * attempt and every scheduler of one occurrence asks with one key; else the first run of its retry
 * chain (`run:<id>`), so a retry asks with the key of the run it retries.
 */
export async function promotionScope(db: Kysely<Database>, runId: number): Promise<string> {
  const occurrence = await db.selectFrom('schedule_runs').select(['schedule_id', 'fire_at']).where('run_id', '=', runId).executeTakeFirst();
  if (occurrence !== undefined) return `schedule:${Number(occurrence.schedule_id)}@${new Date(occurrence.fire_at).toISOString()}`;
  const first = await sql<{ first_run: number | null }>`
    with recursive chain(id, retry_of) as (
      select x.id, x.retry_of from runs x where x.id = ${runId}
      union all select p.id, p.retry_of from runs p join chain c on p.id = c.retry_of
    ) select min(id)::int as first_run from chain`.execute(db);
  return `run:${Number(first.rows[0]?.first_run ?? runId)}`;
}
