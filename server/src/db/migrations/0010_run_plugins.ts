import type { Kysely } from 'kysely';

// Frozen: never edit after release; add a new migration instead.
// Numbered 0010, not 0009: another branch in flight adds a 0009.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // Provenance: the plugin versions and bundle hashes a run used, `[{ name, version, sha256 }]`; null before any was resolved.
  await db.schema.alterTable('runs').addColumn('plugins', 'jsonb').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').dropColumn('plugins').execute();
}
