import { type Kysely, sql } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // Who may use a secret besides admins: roles and user names. Existing secrets keep only their creator.
  await db.schema
    .alterTable('secrets')
    .addColumn('grants', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"roles":[],"users":[]}'::jsonb`))
    .execute();
  await sql`update secrets set grants = jsonb_build_object('roles', '[]'::jsonb, 'users', jsonb_build_array(created_by))`.execute(db);

  // Graphs and runs have an owner (who may change them besides admins). A graph with none is shared,
  // as the shipped templates (made by `causeway`) are. A run's null owner reads as its creator; a run
  // also keeps its owner's role, which decides the secrets it may use. A scheduled run belongs to
  // whoever made the schedule.
  await db.schema.alterTable('graphs').addColumn('owner', 'text').execute();
  await sql`update graphs set owner = created_by where created_by <> 'causeway'`.execute(db);
  await db.schema.alterTable('runs').addColumn('owner', 'text').execute();
  await db.schema.alterTable('runs').addColumn('owner_role', 'text').execute();
  await sql`update runs set owner = coalesce((select s.created_by from schedules s where 'schedule:' || s.name = runs.created_by), created_by)`.execute(
    db,
  );
  await db.schema.alterTable('schedules').addColumn('owner_role', 'text').execute();

  // Uploaded files live on disk; their owners live here, by path under the files folder.
  await db.schema
    .createTable('file_owners')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('file_owners').ifExists().execute();
  await db.schema.alterTable('schedules').dropColumn('owner_role').execute();
  await db.schema.alterTable('runs').dropColumn('owner_role').execute();
  await db.schema.alterTable('runs').dropColumn('owner').execute();
  await db.schema.alterTable('graphs').dropColumn('owner').execute();
  await db.schema.alterTable('secrets').dropColumn('grants').execute();
}
