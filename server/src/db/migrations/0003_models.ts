import { type Kysely, sql } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('models')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Versions outlive the graph and run that produced them, so those are plain values, not foreign keys.
  await db.schema
    .createTable('model_versions')
    .addColumn('model_name', 'text', (c) => c.notNull().references('models.name').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('artifact_hash', 'text', (c) => c.notNull())
    .addColumn('card', 'jsonb', (c) => c.notNull())
    .addColumn('metrics', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('gate', 'jsonb')
    .addColumn('graph_id', 'text')
    .addColumn('graph_version', 'integer')
    .addColumn('run_id', 'bigint')
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('none').check(sql`stage in ('none', 'staging', 'production', 'archived')`))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('model_versions_pk', ['model_name', 'version'])
    .execute();
  // At most one production version per model, held by the database itself.
  await db.schema
    .createIndex('model_versions_one_production_idx')
    .on('model_versions')
    .column('model_name')
    .unique()
    .where(sql.ref('stage'), '=', 'production')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['model_versions', 'models']) await db.schema.dropTable(table).ifExists().execute();
}
