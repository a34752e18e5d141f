import { type Kysely, sql } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  // Users sign in with a password (scrypt, never the password itself) and get a session token that expires.
  await db.schema.alterTable('users').addColumn('password_hash', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.alterTable('tokens').addColumn('expires_at', 'timestamptz').execute();
  await db.schema.createIndex('tokens_user_id').on('tokens').column('user_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tokens_user_id').ifExists().execute();
  await db.schema.alterTable('tokens').dropColumn('expires_at').execute();
  await db.schema.alterTable('users').dropColumn('updated_at').execute();
  await db.schema.alterTable('users').dropColumn('password_hash').execute();
}
