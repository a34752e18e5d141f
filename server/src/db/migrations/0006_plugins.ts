import { type Kysely, sql } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // The bundle lives in the database so a worker on any machine can fetch the plugin it needs.
  await db.schema
    .createTable('plugins')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('manifest', 'jsonb', (c) => c.notNull())
    .addColumn('bundle', 'bytea', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('installed_by', 'text', (c) => c.notNull())
    .addColumn('installed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('plugins_pk', ['name', 'version'])
    .execute();
  // Node types are claimed by one plugin name: another plugin may not reuse them.
  await db.schema
    .createTable('plugin_node_types')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('plugin_name', 'text', (c) => c.notNull())
    .addColumn('plugin_version', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plugin_node_types_pk', ['type', 'plugin_name', 'plugin_version'])
    .addForeignKeyConstraint('plugin_node_types_plugin_fk', ['plugin_name', 'plugin_version'], 'plugins', ['name', 'version'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('plugin_node_types_type_idx').on('plugin_node_types').column('type').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['plugin_node_types', 'plugins']) await db.schema.dropTable(table).ifExists().execute();
}
