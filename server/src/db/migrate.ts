import { InternalError } from '@causeway/sdk';
import { type Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from './migrations';

/** Brings the schema to the latest migration; throws an `InternalError` naming the failed one. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrate(db: Kysely<any>): Promise<string[]> {
  if (await upToDate(db)) return [];
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new InternalError(`Database migration "${failed}" failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * True when the database has recorded exactly the known migrations: one query, where the migrator
 * takes several (its tables, a lock, a transaction) — most of a restart on PGlite. Anything else (a
 * new database, a pending or an unknown migration) goes through the migrator.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
async function upToDate(db: Kysely<any>): Promise<boolean> {
  const table = await sql<{ found: boolean }>`select to_regclass('kysely_migration') is not null as found`.execute(db);
  if (table.rows[0]?.found !== true) return false;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const known = Object.keys(migrations);
  return rows.length === known.length && rows.every((row) => Object.hasOwn(migrations, row.name));
}
