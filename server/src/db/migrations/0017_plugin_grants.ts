import type { Kysely } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // What an admin granted a plugin version `{ network: string[], secrets: string[] }`; null grants nothing.
  await db.schema.alterTable('plugins').addColumn('grants', 'jsonb').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plugins').dropColumn('grants').execute();
}
