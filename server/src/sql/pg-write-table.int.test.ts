import { tableOf } from '@causeway/sdk/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { createPgSqlClient } from './pg-sql-client';

// Writes into a real PostgreSQL scratch database: types from the Arrow schema, run keys, quoting.
describe('SqlClient.write on PostgreSQL', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let admin: pg.Client;
  const sql = createPgSqlClient();
  const day = new Date('2024-03-01T12:00:00Z');
  const table = tableOf(
    {
      price: [1.5, null, 3.25],
      rooms: [3, 4, null],
      city: ['Delft', null, 'a,"b" \\c {NULL}\t\n\\N'],
      kind: ['flat', 'house', 'flat'],
      garden: [true, false, null],
      sold: [day, null, day],
      'odd "name"; drop table x; --': [1, 2, 3],
    },
    { kind: 'category' },
  );
  const options = (runKey: string, name = 'scores') => ({ table: name, runKeyColumn: '_run_key', runKey });

  beforeAll(async () => {
    scratch = await scratchPostgresDatabase();
    admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await scratch?.drop();
  });

  test('creates the table with types from the schema and keeps values and nulls', async () => {
    expect(await sql.write(scratch.url, table, options('run:1'))).toEqual({ rows: 3, replaced: 0, created: true });
    const types = await admin.query(
      "select column_name, data_type from information_schema.columns where table_name = 'scores' order by ordinal_position",
    );
    expect(types.rows.map((r) => `${r.column_name}:${r.data_type}`)).toEqual([
      'price:double precision',
      'rooms:bigint',
      'city:text',
      'kind:text',
      'garden:boolean',
      'sold:timestamp with time zone',
      'odd "name"; drop table x; --:bigint',
      '_run_key:text',
    ]);
    const rows = await admin.query('select price, rooms::int, city, kind, garden, sold, _run_key from scores order by price nulls last');
    expect(rows.rows).toEqual([
      { price: 1.5, rooms: 3, city: 'Delft', kind: 'flat', garden: true, sold: day, _run_key: 'run:1' },
      { price: 3.25, rooms: null, city: 'a,"b" \\c {NULL}\t\n\\N', kind: 'flat', garden: null, sold: day, _run_key: 'run:1' },
      { price: null, rooms: 4, city: null, kind: 'house', garden: false, sold: null, _run_key: 'run:1' },
    ]);
  });

  test('writing again under the same run key replaces that run’s rows, never duplicates them', async () => {
    expect(await sql.write(scratch.url, table, options('run:1'))).toEqual({ rows: 3, replaced: 3, created: false });
    expect(await sql.write(scratch.url, table, options('run:2'))).toEqual({ rows: 3, replaced: 0, created: false });
    const counts = await admin.query('select _run_key, count(*)::int as n from scores group by _run_key order by _run_key');
    expect(counts.rows).toEqual([
      { _run_key: 'run:1', n: 3 },
      { _run_key: 'run:2', n: 3 },
    ]);
  });

  test('bad targets fail with messages that name them, and leave nothing half written', async () => {
    await expect(sql.write(scratch.url, table, options('k', 'scores; drop table scores'))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await admin.query('create table narrow (price double precision, _run_key text)');
    await expect(sql.write(scratch.url, table, options('k', 'narrow'))).rejects.toMatchObject({
      code: 'SQL_FAILED',
      message: expect.stringContaining('"rooms"'),
    });
    expect((await admin.query('select count(*)::int as n from narrow')).rows[0]).toEqual({ n: 0 });
    const clash = tableOf({ _run_key: ['x'] });
    await expect(sql.write(scratch.url, clash, options('k', 'other'))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(sql.write('postgres://postgres@127.0.0.1:1/none', table, options('k'))).rejects.toMatchObject({ code: 'SQL_FAILED' });
  });

  test('many rows go in batches inside one transaction', async () => {
    const n = 45_000;
    const big = tableOf({ x: Array.from({ length: n }, (_, i) => i * 0.5) });
    expect(await sql.write(scratch.url, big, options('big', 'analytics_big'))).toMatchObject({ rows: n });
    const sum = await admin.query('select count(*)::int as n, sum(x) as s from analytics_big');
    expect(sum.rows[0]).toEqual({ n, s: (n * (n - 1)) / 4 });
  });

  test('replace leaves only the new rows; upsert replaces rows by key and keeps the rest; retries never duplicate', async () => {
    const scores = (ids: number[], score: number) => tableOf({ id: ids, score: ids.map(() => score) });
    const rows = async (name: string) =>
      (await admin.query(`select id::int, score, _run_key from ${name} order by id`)).rows as Array<{ id: number; score: number }>;
    const write = (name: string, t: ReturnType<typeof scores>, runKey: string, mode: 'append' | 'replace' | 'upsert') =>
      sql.write(scratch.url, t, { ...options(runKey, name), mode, key: ['id'] });

    expect(await write('daily', scores([1, 2, 3], 0.1), 'run:1', 'append')).toMatchObject({ rows: 3, replaced: 0 });
    expect(await write('daily', scores([4, 5], 0.2), 'run:2', 'replace')).toEqual({ rows: 2, replaced: 3, created: false });
    expect((await rows('daily')).map((r) => r.id)).toEqual([4, 5]);

    expect(await write('latest', scores([1, 2, 3], 0.1), 'run:1', 'upsert')).toMatchObject({ rows: 3, replaced: 0, created: true });
    expect(await write('latest', scores([3, 4], 0.9), 'run:2', 'upsert')).toMatchObject({ rows: 2, replaced: 1 });
    // The same run retried: its own rows are replaced, not added again.
    expect(await write('latest', scores([3, 4], 0.8), 'run:2', 'upsert')).toMatchObject({ rows: 2, replaced: 2 });
    expect(await rows('latest')).toEqual([
      { id: 1, score: 0.1, _run_key: 'run:1' },
      { id: 2, score: 0.1, _run_key: 'run:1' },
      { id: 3, score: 0.8, _run_key: 'run:2' },
      { id: 4, score: 0.8, _run_key: 'run:2' },
    ]);
    await expect(
      sql.write(scratch.url, scores([1], 1), { ...options('k', 'latest'), mode: 'upsert', key: ['nope'] }),
    ).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringContaining('"nope"'),
    });
  });
});
