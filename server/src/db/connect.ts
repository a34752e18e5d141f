import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database';

/** Where the data lives: PostgreSQL by URL, or embedded PGlite in a folder (or in memory). */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** `loadDataDir`: start from a dump (`dumpDataDir()`), e.g. an already migrated database in tests. */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob; sharedBuffersMb?: number };

/** An open database: the typed Kysely handle and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  close(): Promise<void>;
}

const int8Oid = 20;

/**
 * Opens PostgreSQL through a pg Pool (which reconnects by itself after an outage) or PGlite.
 * int8 comes back as a number on both, and a lost connection never crashes the process.
 */
export async function connectDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === int8Oid ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client losing its server emits on the pool; a checked-out one (in a query or transaction) only on
    // itself, where pg-pool listens no more: without a listener of our own that 'error' event would end the process.
    // Its queries fail anyway (DATABASE_UNAVAILABLE), and the pool drops the client when it is released.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let pglite: PGlite;
  const conf = target.sharedBuffersMb === undefined ? {} : { postgresqlconf: `shared_buffers=${target.sharedBuffersMb}MB` };
  if (target.dataDir === undefined)
    pglite = await PGlite.create(target.loadDataDir === undefined ? conf : { ...conf, loadDataDir: target.loadDataDir });
  else {
    await mkdir(target.dataDir, { recursive: true });
    pglite = await PGlite.create(target.dataDir, conf);
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
