import type { Kysely } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // The registry alias an endpoint follows: its active version is the alias's version, moved in the same transaction.
  await db.schema
    .alterTable('endpoints')
    .addColumn('alias', 'text', (c) => c.notNull().defaultTo('production'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('endpoints').dropColumn('alias').execute();
}
