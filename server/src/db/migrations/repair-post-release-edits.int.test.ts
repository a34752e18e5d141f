import { type Kysely, sql } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import { describe, expect, test } from 'vitest';
import { migratedPgliteDump } from '../../test-support/migrated-pglite';
import { scratchPostgresDatabase } from '../../test-support/scratch-postgres-database';
import { connectDatabase, type DatabaseHandle } from '../connect';
import { migrate } from '../migrate';
import * as m0005 from './0005_schedules';
import { migrations } from './index';

const reserved: Migration = { up: async () => {} };

// The migrations as they were released at two points in the history of the repository.
const releasedStates: Record<string, Record<string, Migration>> = {
  // f8f0c8c: 0003–0006 reserved, empty.
  'with 0003–0006 still empty': {
    '0001_initial': migrations['0001_initial'] as Migration,
    '0002_runs': migrations['0002_runs'] as Migration,
    '0003_models': reserved,
    '0004_endpoints': reserved,
    '0005_schedules': reserved,
    '0006_plugins': reserved,
  },
  // b7e5b9c: schedules without alert_secret.
  'with schedules before alert_secret': {
    ...Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= '0007_users')),
    '0005_schedules': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped
      up: async (db: Kysely<any>) => {
        await m0005.up(db);
        await db.schema.alterTable('schedules').dropColumn('alert_secret').execute();
      },
    },
  },
};

async function open(kind: 'pglite' | 'postgres', migrated = false): Promise<{ handle: DatabaseHandle; done(): Promise<void> }> {
  if (kind === 'pglite') {
    const handle = await connectDatabase(migrated ? { kind: 'pglite', loadDataDir: await migratedPgliteDump() } : { kind: 'pglite' });
    return { handle, done: () => handle.close() };
  }
  const scratch = await scratchPostgresDatabase();
  const handle = await connectDatabase({ kind: 'postgres', url: scratch.url });
  if (migrated) await migrate(handle.db);
  return {
    handle,
    done: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

async function columnsOf(db: Kysely<unknown>, table: string): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by column_name`.execute(db);
  return rows.map((r) => r.column_name);
}

describe.each(['pglite', 'postgres'] as const)('a database migrated between post-release edits, on %s', (kind) => {
  test.each(Object.keys(releasedStates))(
    '%s is repaired by migrating to the latest',
    async (state) => {
      const { handle, done } = await open(kind);
      try {
        const db = handle.db as unknown as Kysely<unknown>;
        const old = await new Migrator({ db, provider: { getMigrations: async () => releasedStates[state] ?? {} } }).migrateToLatest();
        expect(old.error).toBeUndefined();
        await migrate(db);
        expect(await columnsOf(db, 'schedules')).toContain('alert_secret');
        for (const table of ['models', 'model_versions', 'endpoints', 'schedule_occurrences', 'plugins']) {
          expect((await columnsOf(db, table)).length, table).toBeGreaterThan(0);
        }
        const fresh = await open(kind);
        try {
          await migrate(fresh.handle.db);
          for (const table of ['models', 'endpoints', 'schedules', 'plugins']) {
            expect(await columnsOf(db, table), table).toEqual(await columnsOf(fresh.handle.db as unknown as Kysely<unknown>, table));
          }
        } finally {
          await fresh.done();
        }
      } finally {
        await done();
      }
    },
    120_000,
  );
});
