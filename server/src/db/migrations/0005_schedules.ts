import { type Kysely, sql } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('schedules')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('graph_id', 'text', (c) => c.notNull().references('graphs.id').onDelete('cascade'))
    // null: the graph's latest version at each occurrence.
    .addColumn('graph_version', 'integer')
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('overlap', 'text', (c) => c.notNull().check(sql`overlap in ('skip', 'queue')`))
    .addColumn('catch_up', 'text', (c) => c.notNull().check(sql`catch_up in ('skip', 'once', 'all')`))
    .addColumn('catch_up_limit', 'integer', (c) => c.notNull())
    .addColumn('max_retries', 'integer', (c) => c.notNull())
    .addColumn('retry_base_ms', 'integer', (c) => c.notNull())
    .addColumn('retry_max_ms', 'integer', (c) => c.notNull())
    .addColumn('alert_url', 'text')
    // Or the name of a secret holding the URL (webhook URLs often carry a token).
    .addColumn('alert_secret', 'text')
    .addColumn('paused', 'boolean', (c) => c.notNull().defaultTo(false))
    // The next occurrence not yet handled; null when the cron has no more.
    .addColumn('next_fire_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('schedules_due_idx').on('schedules').column('next_fire_at').where(sql.ref('paused'), '=', false).execute();
  await db.schema.createIndex('schedules_graph_idx').on('schedules').column('graph_id').execute();

  // One row per occurrence: the primary key is what makes an occurrence fire once across processes.
  await db.schema
    .createTable('schedule_occurrences')
    .addColumn('schedule_id', 'bigint', (c) => c.notNull().references('schedules.id').onDelete('cascade'))
    .addColumn('fire_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('run_id', 'bigint', (c) => c.references('runs.id').onDelete('set null'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retry_at', 'timestamptz')
    .addColumn('fired_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('error', 'jsonb')
    .addColumn('alert_status', 'text')
    .addColumn('alert_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('alert_at', 'timestamptz')
    .addColumn('alert_error', 'text')
    .addPrimaryKeyConstraint('schedule_occurrences_pk', ['schedule_id', 'fire_at'])
    .execute();
  await db.schema
    .createIndex('schedule_occurrences_open_idx')
    .on('schedule_occurrences')
    .column('schedule_id')
    .where(sql.ref('status'), 'in', ['waiting', 'running', 'retrying'])
    .execute();
  await db.schema
    .createIndex('schedule_occurrences_alert_idx')
    .on('schedule_occurrences')
    .column('alert_at')
    .where(sql.ref('alert_status'), 'in', ['pending', 'sending'])
    .execute();

  // Every run an occurrence started (first run and retries): one per attempt, never two.
  await db.schema
    .createTable('schedule_runs')
    .addColumn('run_id', 'bigint', (c) => c.primaryKey().references('runs.id').onDelete('cascade'))
    .addColumn('schedule_id', 'bigint', (c) => c.notNull())
    .addColumn('fire_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addUniqueConstraint('schedule_runs_attempt_unique', ['schedule_id', 'fire_at', 'attempt'])
    .addForeignKeyConstraint(
      'schedule_runs_occurrence_fk',
      ['schedule_id', 'fire_at'],
      'schedule_occurrences',
      ['schedule_id', 'fire_at'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['schedule_runs', 'schedule_occurrences', 'schedules']) await db.schema.dropTable(table).ifExists().execute();
}
