import { type Kysely, sql } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // At most one failure alert per window; `alert_open`: a failure was alerted and no run succeeded since,
  // so the next success sends a recovery alert. `alerts_suppressed`: failures not alerted since the last alert.
  await db.schema
    .alterTable('schedules')
    .addColumn('alert_throttle_ms', 'integer', (c) => c.notNull().defaultTo(3_600_000).check(sql`alert_throttle_ms >= 0`))
    .addColumn('alert_format', 'text', (c) => c.notNull().defaultTo('causeway').check(sql`alert_format in ('causeway', 'slack')`))
    .addColumn('alert_open', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('last_alert_at', 'timestamptz')
    .addColumn('alerts_suppressed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // failure | recovery; null on occurrences from before (failures).
  await db.schema.alterTable('schedule_occurrences').addColumn('alert_kind', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schedule_occurrences').dropColumn('alert_kind').execute();
  for (const column of ['alerts_suppressed', 'last_alert_at', 'alert_open', 'alert_format', 'alert_throttle_ms'])
    await db.schema.alterTable('schedules').dropColumn(column).execute();
}
