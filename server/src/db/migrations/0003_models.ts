import type { Kysely } from 'kysely';

// Frozen: never edit after release; add a new migration instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(_db: Kysely<any>): Promise<void> {}
