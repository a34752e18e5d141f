import { type Kysely, sql } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // With feedback on, every answered row is logged (not only a sample), so outcomes can be matched to it.
  await db.schema
    .alterTable('endpoints')
    .addColumn('feedback', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // A prediction's id is its request id and its row in the request; older samples have no row.
  await db.schema.alterTable('endpoint_samples').addColumn('row_index', 'integer').execute();
  await sql`create index endpoint_samples_prediction_idx on endpoint_samples (endpoint_name, request_id, row_index) where role = 'answer'`.execute(
    db,
  );
  await db.schema.createIndex('endpoint_samples_version_idx').on('endpoint_samples').columns(['endpoint_name', 'version', 'at']).execute();

  // The real outcome of a prediction, by id. The first outcome sent is kept; `applied_at` is set once it
  // has been added to the live figures (possibly later than received, when the prediction is logged later).
  await db.schema
    .createTable('endpoint_feedback')
    .addColumn('endpoint_name', 'text', (c) => c.notNull().references('endpoints.name').onDelete('cascade'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('row_index', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('applied_at', 'timestamptz')
    .addPrimaryKeyConstraint('endpoint_feedback_pk', ['endpoint_name', 'request_id', 'row_index'])
    .execute();
  await sql`create index endpoint_feedback_pending_idx on endpoint_feedback (endpoint_name, received_at) where applied_at is null`.execute(
    db,
  );

  // Live performance pre-aggregated per endpoint, version and hour, so reading it never scans predictions.
  // `positives` / `negatives`: binary classifiers' outcomes per bin of the positive class's probability.
  await db.schema
    .createTable('endpoint_live_metrics')
    .addColumn('endpoint_name', 'text', (c) => c.notNull().references('endpoints.name').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('hour', 'timestamptz', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('correct', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('log_loss_sum', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('abs_error_sum', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('squared_error_sum', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('positives', sql`bigint[]`)
    .addColumn('negatives', sql`bigint[]`)
    .addPrimaryKeyConstraint('endpoint_live_metrics_pk', ['endpoint_name', 'version', 'hour'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['endpoint_live_metrics', 'endpoint_feedback']) await db.schema.dropTable(table).ifExists().execute();
  await sql`drop index if exists endpoint_samples_prediction_idx`.execute(db);
  await sql`drop index if exists endpoint_samples_version_idx`.execute(db);
  await db.schema.alterTable('endpoint_samples').dropColumn('row_index').execute();
  await db.schema.alterTable('endpoints').dropColumn('feedback').execute();
}
