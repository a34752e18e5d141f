import { rowsOf } from '@causeway/sdk/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgSqlClient } from './pg-sql-client';

const connection = 'postgres://postgres@127.0.0.1:5432/test';
const table = `source_sql_${process.pid}`;
const admin = new pg.Client({ connectionString: connection });

beforeAll(async () => {
  await admin.connect();
  await admin.query(`create table ${table} (id int, score float8, big bigint, name text, day date, ok boolean)`);
  await admin.query(
    `insert into ${table} select g, g / 2.0, g::bigint * 3000000000, 'n' || (g % 3), date '2024-01-01' + g, g % 2 = 0 from generate_series(1, 25000) g`,
  );
});
afterAll(async () => {
  await admin.query(`drop table if exists ${table}`);
  await admin.end();
});

describe('createPgSqlClient', () => {
  const sql = createPgSqlClient();

  it('streams a parameterized query into typed Arrow columns', async () => {
    const result = await sql.query(connection, `select * from ${table} where id <= $1 order by id`, [3], { rowCap: 1000 });
    expect(result.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
      ['id', 'Int32'],
      ['score', 'Float64'],
      ['big', 'Float64'],
      ['name', 'Utf8'],
      ['day', 'Date64<MILLISECOND>'],
      ['ok', 'Bool'],
    ]);
    expect(rowsOf(result)[0]).toEqual({ id: 1, score: 0.5, big: 3000000000, name: 'n1', day: new Date(Date.UTC(2024, 0, 2)), ok: false });
  });

  it('reads batch after batch and stops at the row cap', async () => {
    const all = await sql.query(connection, `select id from ${table} order by id`, [], { rowCap: 1e9 });
    expect(all.numRows).toBe(25000);
    const capped = await sql.query(connection, `select id from ${table} order by id`, [], { rowCap: 12345 });
    expect(capped.numRows).toBe(12345);
    expect(capped.getChild('id')?.get(12344)).toBe(12345);
  });

  it('keeps parameters out of the SQL text: an injection attempt is just a value', async () => {
    const result = await sql.query(connection, `select count(*)::int as n from ${table} where name = $1`, ["n1' or '1'='1"], {
      rowCap: 10,
    });
    expect(rowsOf(result)).toEqual([{ n: 0 }]);
  });

  it('reports SQL errors and unreachable databases as SQL_FAILED', async () => {
    await expect(sql.query(connection, 'select * from no_such_table', [], { rowCap: 10 })).rejects.toMatchObject({ code: 'SQL_FAILED' });
    await expect(sql.query('postgres://postgres@127.0.0.1:1/test', 'select 1', [], { rowCap: 10 })).rejects.toMatchObject({
      code: 'SQL_FAILED',
    });
  });

  it('scrubs the connection (host, port, database, user, password) out of driver errors', async () => {
    const failures = [
      'postgres://postgres:hunter2-pw@127.0.0.1:5432/secret_warehouse_db',
      'postgres://mallory_user:hunter2-pw@127.0.0.1:5432/test',
      'postgres://postgres:hunter2-pw@127.0.0.1:1/test',
      'postgres://postgres:hunter2-pw@no-such-host.invalid:5432/test',
    ];
    for (const bad of failures) {
      const error = await sql.query(bad, 'select 1', [], { rowCap: 10 }).then(
        () => undefined,
        (e: unknown) => e as Error & { code: string },
      );
      expect(error?.code).toBe('SQL_FAILED');
      const seen = JSON.stringify({ message: error?.message, cause: String(error?.cause ?? '') });
      for (const part of ['hunter2-pw', 'secret_warehouse_db', 'mallory_user', '127.0.0.1', 'no-such-host', ':5432']) {
        expect(seen, bad).not.toContain(part);
      }
    }
    const missing = await sql.query(failures[0] as string, 'select 1', [], { rowCap: 10 }).catch((e: Error) => e.message);
    expect(missing).toBe('The query failed: database "[database]" does not exist');
  });

  it('keeps NUMERIC and big integers exact: numbers when a double holds them, else exact text or Int64', async () => {
    const result = await sql.query(
      connection,
      `select * from (values
         (1, 2.50::numeric, 12345678901234567.89::numeric, 9007199254740993::bigint),
         (2, -0.125::numeric, 0.1::numeric, 1::bigint)) t(id, plain, wide, huge) order by id`,
      [],
      { rowCap: 10 },
    );
    expect(result.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
      ['id', 'Int32'],
      ['plain', 'Float64'],
      ['wide', 'Utf8'],
      ['huge', 'Int64'],
    ]);
    expect(rowsOf(result).map((r) => [r.plain, r.wide, r.huge])).toEqual([
      [2.5, '12345678901234567.89', 9007199254740993n],
      [-0.125, '0.1', 1n],
    ]);
  });
});
