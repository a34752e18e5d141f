import { type Kysely, sql } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // A promotion a run asked for: keyed by the schedule occurrence (or the run) and node that asked, so a
  // retry or a second scheduler answers with the first promotion instead of promoting again. `approval`
  // promotions wait as `pending` until ops approve or reject them.
  await db.schema
    .createTable('model_promotions')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('model_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('endpoint', 'text')
    .addColumn('canary', 'jsonb')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('model_promotions_version_fk', ['model_name', 'version'], 'model_versions', ['model_name', 'version'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();
  // One promotion per version, whoever asks.
  await db.schema.createIndex('model_promotions_version_idx').on('model_promotions').columns(['model_name', 'version']).unique().execute();
  await sql`create index model_promotions_pending_idx on model_promotions (model_name) where status = 'pending'`.execute(db);
  // A schedule may also fire when a drift check of this endpoint fails (besides its cron).
  await db.schema.alterTable('schedules').addColumn('on_drift_of', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schedules').dropColumn('on_drift_of').execute();
  await db.schema.dropTable('model_promotions').ifExists().execute();
}
