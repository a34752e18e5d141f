import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPgSqlClient } from './pg-sql-client';

const connection = 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Client({ connectionString: connection });
const tag = `cancel_probe_${process.pid}`;

beforeAll(() => admin.connect());
afterAll(() => admin.end());

// The tag is a parameter of this probe, so the probe's own text does not match.
const running = async () =>
  Number(
    (await admin.query(`select count(*)::int as n from pg_stat_activity where state = 'active' and query like $1`, [`%${tag}%`])).rows[0].n,
  );

describe('cancelling a query', () => {
  it('stops it in the database, not only on our side (pg_cancel_backend)', async () => {
    const controller = new AbortController();
    const query = createPgSqlClient()
      .query(connection, `select pg_sleep(60) as ${tag}`, [], { rowCap: 10, signal: controller.signal })
      .catch((error: unknown) => error);
    await vi.waitFor(async () => expect(await running()).toBe(1), { timeout: 20_000, interval: 50 });
    controller.abort(new Error('cancelled'));
    expect(await query).toMatchObject({ message: 'cancelled' });
    await vi.waitFor(async () => expect(await running()).toBe(0), { timeout: 20_000, interval: 50 });
  });
});
