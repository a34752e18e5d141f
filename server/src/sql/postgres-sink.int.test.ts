import { postgresSink } from '@causeway/nodes';
import { type SqlClient, UserError } from '@causeway/sdk';
import { memorySecrets, runNode, tableOf } from '@causeway/sdk/testkit';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteWriteSession } from '../test-support/pglite-write-session';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { createPgSqlClient } from './pg-sql-client';
import { writeTable } from './pg-write-table';

interface Backend {
  sql: SqlClient;
  url: string;
  exec(text: string): Promise<void>;
  rows(text: string): Promise<unknown[]>;
  close(): Promise<void>;
}

async function postgresBackend(): Promise<Backend> {
  const scratch = await scratchPostgresDatabase();
  const admin = new pg.Client({ connectionString: scratch.url });
  await admin.connect();
  return {
    sql: createPgSqlClient(),
    url: scratch.url,
    exec: async (text) => void (await admin.query(text)),
    rows: async (text) => (await admin.query(text)).rows,
    close: async () => {
      await admin.end();
      await scratch.drop();
    },
  };
}

// PGlite cannot be reached by a connection string: its client writes through the same writeTable.
async function pgliteBackend(): Promise<Backend> {
  const db = await PGlite.create();
  const refuse = () => Promise.reject(new Error('not used'));
  return {
    sql: {
      query: refuse,
      // As the pg client does: what the database refuses is SQL_FAILED.
      write: (_connection, table, options) =>
        writeTable(pgliteWriteSession(db), table, options).catch((error: unknown) => {
          throw error instanceof UserError ? error : new UserError('SQL_FAILED', `Writing to ${options.table} failed: ${String(error)}`);
        }),
    },
    url: 'pglite://memory',
    exec: async (text) => void (await db.exec(text)),
    rows: async (text) => (await db.query(text)).rows,
    close: () => db.close(),
  };
}

// sink.postgres on a real PostgreSQL and on PGlite: modes, a retried run, a refused table and a failure half way.
describe.each([
  ['PostgreSQL', postgresBackend],
  ['PGlite', pgliteBackend],
])('sink.postgres on %s', (_name, open) => {
  let backend: Backend;
  const scores = (ids: number[], score: number) => tableOf({ id: ids, score: ids.map(() => score) });
  const rows = async (name: string) =>
    (await backend.rows(`select id::int, score, _run_key from ${name} order by id`)) as Array<{
      id: number;
      score: number;
      _run_key: string;
    }>;
  const write = (table: ReturnType<typeof scores>, config: Record<string, unknown>, run = 'run1') =>
    runNode(postgresSink, {
      inputs: { table },
      config: { connection: { $secret: 'warehouse' }, ...config } as never,
      secrets: memorySecrets({ warehouse: backend.url }),
      sql: backend.sql,
      nodeId: run,
    });

  beforeAll(async () => {
    backend = await open();
  }, 60_000);
  afterAll(() => backend?.close());

  it('appends, and a retried run replaces its own rows instead of adding them again', async () => {
    const first = await write(scores([1, 2], 0.1), { table: 'appended' }, 'run1');
    expect(first.outputs.written).toEqual({ table: 'appended', rows: 2, replaced: 0, created: true });
    await write(scores([3], 0.2), { table: 'appended' }, 'run2');
    const retry = await write(scores([1, 2], 0.5), { table: 'appended' }, 'run1');
    expect(retry.outputs.written).toMatchObject({ rows: 2, replaced: 2, created: false });
    expect(await rows('appended')).toEqual([
      { id: 1, score: 0.5, _run_key: 'test:run1' },
      { id: 2, score: 0.5, _run_key: 'test:run1' },
      { id: 3, score: 0.2, _run_key: 'test:run2' },
    ]);
  });

  it('replace leaves only this run’s rows; upsert replaces rows by key and keeps the rest', async () => {
    await write(scores([1, 2, 3], 0.1), { table: 'replaced' }, 'run1');
    await write(scores([7], 0.7), { table: 'replaced', mode: 'replace' }, 'run2');
    expect(await rows('replaced')).toEqual([{ id: 7, score: 0.7, _run_key: 'test:run2' }]);

    await write(scores([1, 2, 3], 0.1), { table: 'upserted', mode: 'upsert', key: ['id'] }, 'run1');
    const upsert = await write(scores([3, 4], 0.9), { table: 'upserted', mode: 'upsert', key: ['id'] }, 'run2');
    expect(upsert.outputs.written).toMatchObject({ rows: 2, replaced: 1 });
    expect((await rows('upserted')).map((r) => [r.id, r.score])).toEqual([
      [1, 0.1],
      [2, 0.1],
      [3, 0.9],
      [4, 0.9],
    ]);
  });

  it('refuses a table whose columns do not fit before writing, naming them, and leaves it as it was', async () => {
    await backend.exec("create table narrow (id bigint, _run_key text); insert into narrow values (1, 'old')");
    await expect(write(scores([5], 0.5), { table: 'narrow', mode: 'replace' })).rejects.toMatchObject({
      code: 'SQL_FAILED',
      message: expect.stringContaining('no column "score"'),
    });
    await backend.exec("create table typed (id bigint, score boolean, _run_key text); insert into typed values (1, true, 'old')");
    await expect(write(scores([5], 0.5), { table: 'typed', mode: 'replace' })).rejects.toMatchObject({
      code: 'SQL_FAILED',
      message: expect.stringContaining('"score" is boolean there but number in the input'),
    });
    expect(await backend.rows('select id::int from narrow')).toEqual([{ id: 1 }]);
    expect(await backend.rows('select id::int, score from typed')).toEqual([{ id: 1, score: true }]);
  });

  it('a write that fails half way (a row the table refuses) leaves the table as it was', async () => {
    await write(scores([1, 2], 0.1), { table: 'guarded' }, 'run1');
    await backend.exec('alter table guarded add constraint small check (id < 30000)');
    // The bad row comes after the first COPY batch of 20 000, so rows were already sent when it fails.
    const many = scores(
      Array.from({ length: 30_001 }, (_, i) => i),
      0.3,
    );
    await expect(write(many, { table: 'guarded', mode: 'replace' }, 'run2')).rejects.toMatchObject({ code: 'SQL_FAILED' });
    expect(await rows('guarded')).toEqual([
      { id: 1, score: 0.1, _run_key: 'test:run1' },
      { id: 2, score: 0.1, _run_key: 'test:run1' },
    ]);
  });
});
