import { type Kysely, sql } from 'kysely';
import * as m0003 from './0003_models';
import * as m0004 from './0004_endpoints';
import * as m0005 from './0005_schedules';
import * as m0006 from './0006_plugins';

// Frozen: never edit after release; add a new migration instead.

// 0003–0006 were released empty (reserved) and filled in later, and 0005 gained `alert_secret` after
// that: a database migrated in between has them recorded as done without their tables or column.
const filledLater = [
  { table: 'models', migration: m0003 },
  { table: 'endpoints', migration: m0004 },
  { table: 'schedules', migration: m0005 },
  { table: 'plugins', migration: m0006 },
];

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
async function tableExists(db: Kysely<any>, table: string): Promise<boolean> {
  const found = await sql<{
    n: number;
  }>`select 1 as n from information_schema.tables where table_schema = current_schema() and table_name = ${table}`.execute(db);
  return found.rows.length > 0;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function up(db: Kysely<any>): Promise<void> {
  for (const { table, migration } of filledLater) {
    if (!(await tableExists(db, table))) await migration.up(db);
  }
  await sql`alter table schedules add column if not exists alert_secret text`.execute(db);
}

// Nothing to undo: the repaired schema is the one 0003–0006 describe.
// biome-ignore lint/suspicious/noExplicitAny: migrations stay untyped so they never depend on the app's schema
export async function down(_db: Kysely<any>): Promise<void> {}
