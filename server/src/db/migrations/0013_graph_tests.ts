import { type Kysely, sql } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // The tests document saved beside a graph version, and the verdict of its last run on the server.
  await db.schema
    .createTable('graph_version_tests')
    .addColumn('graph_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('tests', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('untested').check(sql`status in ('untested', 'passed', 'failed', 'invalid')`))
    .addColumn('result', 'jsonb')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ran_by', 'text')
    .addColumn('ran_at', 'timestamptz')
    .addPrimaryKeyConstraint('graph_version_tests_pk', ['graph_id', 'version'])
    .addForeignKeyConstraint('graph_version_tests_version_fk', ['graph_id', 'version'], 'graph_versions', ['graph_id', 'version'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();
  // A model's policy: its versions must come from a graph version whose tests passed.
  await db.schema
    .alterTable('models')
    .addColumn('require_graph_tests', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('models').dropColumn('require_graph_tests').execute();
  await db.schema.dropTable('graph_version_tests').ifExists().execute();
}
