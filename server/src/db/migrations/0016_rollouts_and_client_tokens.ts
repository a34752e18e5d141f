import type { Kysely } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // Shadow answers of a regression within this absolute difference of the answer are not disagreements.
  await db.schema
    .alterTable('endpoints')
    .addColumn('shadow_tolerance', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute();
  // A canary's progressive-delivery policy `{ durationMinutes, maxErrorRateIncrease, maxLatencyIncrease, minRequests }`, and when it started.
  await db.schema.alterTable('endpoints').addColumn('canary_policy', 'jsonb').execute();
  await db.schema.alterTable('endpoints').addColumn('canary_started_at', 'timestamptz').execute();
  // A client token may be scoped to named endpoints (null: every endpoint its role may use).
  await db.schema.alterTable('tokens').addColumn('endpoints', 'jsonb').execute();
  // An archived model takes no new registrations and is hidden from lists unless asked for.
  await db.schema.alterTable('models').addColumn('archived_at', 'timestamptz').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('models').dropColumn('archived_at').execute();
  await db.schema.alterTable('tokens').dropColumn('endpoints').execute();
  await db.schema.alterTable('endpoints').dropColumn('canary_started_at').execute();
  await db.schema.alterTable('endpoints').dropColumn('canary_policy').execute();
  await db.schema.alterTable('endpoints').dropColumn('shadow_tolerance').execute();
}
