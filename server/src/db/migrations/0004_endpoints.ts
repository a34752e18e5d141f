import { type Kysely, sql } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // `revision` grows on every change, so a process can tell its cached state is stale.
  await db.schema
    .createTable('endpoints')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('model_name', 'text', (c) => c.notNull().references('models.name').onDelete('restrict'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active_version', 'integer')
    .addColumn('canary_version', 'integer')
    .addColumn('canary_percent', 'real', (c) => c.notNull().defaultTo(0).check(sql`canary_percent >= 0 and canary_percent <= 100`))
    .addColumn('shadow_version', 'integer')
    .addColumn('sample_rate', 'real', (c) => c.notNull().defaultTo(0.05).check(sql`sample_rate >= 0 and sample_rate <= 1`))
    .addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(30).check(sql`retention_days >= 1`))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Every version an endpoint points at exists under its model.
    .addForeignKeyConstraint('endpoints_active_fk', ['model_name', 'active_version'], 'model_versions', ['model_name', 'version'])
    .addForeignKeyConstraint('endpoints_canary_fk', ['model_name', 'canary_version'], 'model_versions', ['model_name', 'version'])
    .addForeignKeyConstraint('endpoints_shadow_fk', ['model_name', 'shadow_version'], 'model_versions', ['model_name', 'version'])
    .execute();

  await db.schema
    .createTable('endpoint_changes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('endpoint_name', 'text', (c) => c.notNull().references('endpoints.name').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('create', 'promote', 'rollback', 'canary', 'shadow', 'sampling')`))
    .addColumn('from_version', 'integer')
    .addColumn('to_version', 'integer')
    .addColumn('override', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('endpoint_changes_endpoint_idx').on('endpoint_changes').columns(['endpoint_name', 'id']).execute();

  // One row per sampled input row: what came in, what went out, which version answered (or shadowed).
  await db.schema
    .createTable('endpoint_samples')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('endpoint_name', 'text', (c) => c.notNull().references('endpoints.name').onDelete('cascade'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('answer', 'shadow')`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('input', 'jsonb', (c) => c.notNull())
    .addColumn('output', 'jsonb', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('endpoint_samples_at_idx').on('endpoint_samples').columns(['endpoint_name', 'at']).execute();

  // Counts per endpoint, version and minute, added to by every process.
  await db.schema
    .createTable('endpoint_counts')
    .addColumn('endpoint_name', 'text', (c) => c.notNull().references('endpoints.name').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('minute', 'timestamptz', (c) => c.notNull())
    .addColumn('requests', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('latency_ms_sum', 'double precision', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('endpoint_counts_pk', ['endpoint_name', 'version', 'minute'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['endpoint_counts', 'endpoint_samples', 'endpoint_changes', 'endpoints']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
