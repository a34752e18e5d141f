import type { Kysely } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // The row-wise nodes (configs and fitted states) that turn raw rows into the version's features; null when none.
  await db.schema.alterTable('model_versions').addColumn('scoring_path', 'jsonb').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('model_versions').dropColumn('scoring_path').execute();
}
