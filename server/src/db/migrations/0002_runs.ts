import { type Kysely, sql } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // A run row is also its queue job: claimed with FOR UPDATE SKIP LOCKED, fenced by `attempts`.
  await db.schema
    .createTable('runs')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('graph_id', 'text', (c) => c.notNull())
    .addColumn('graph_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    .addColumn('retry_of', 'bigint', (c) => c.references('runs.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('heartbeat_at', 'timestamptz')
    .addColumn('worker_id', 'text')
    .addColumn('cancel_requested', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('duration_ms', 'integer')
    .addColumn('error', 'jsonb')
    // Runs keep the version they ran: deleting a graph that has runs is refused.
    .addForeignKeyConstraint('runs_graph_version_fk', ['graph_id', 'graph_version'], 'graph_versions', ['graph_id', 'version'], (c) =>
      c.onDelete('restrict'),
    )
    .execute();
  await db.schema.createIndex('runs_queued_idx').on('runs').column('id').where(sql.ref('status'), '=', 'queued').execute();
  await db.schema.createIndex('runs_running_idx').on('runs').column('heartbeat_at').where(sql.ref('status'), '=', 'running').execute();
  await db.schema.createIndex('runs_graph_idx').on('runs').columns(['graph_id', 'id']).execute();

  await db.schema
    .createTable('node_runs')
    .addColumn('run_id', 'bigint', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('duration_ms', 'integer')
    .addColumn('cached', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('error', 'jsonb')
    .addColumn('outputs', 'jsonb')
    .addPrimaryKeyConstraint('node_runs_pk', ['run_id', 'node_id'])
    .execute();

  await db.schema
    .createTable('run_events')
    .addColumn('run_id', 'bigint', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('run_events_pk', ['run_id', 'seq'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['run_events', 'node_runs', 'runs']) await db.schema.dropTable(table).ifExists().execute();
}
