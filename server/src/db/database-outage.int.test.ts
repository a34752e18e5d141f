import { UserError } from '@causeway/sdk';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPgSqlClient } from '../sql/pg-sql-client';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { privatePostgres } from '../test-support/private-postgres';
import { isDatabaseUnavailable } from './database-unavailable';

let server: Awaited<ReturnType<typeof privatePostgres>> | undefined;
let t: TestApp | undefined;

beforeAll(async () => {
  server = await privatePostgres();
  t = await makeTestApp({ target: { kind: 'postgres', url: server.url } });
}, 120_000);

afterAll(async () => {
  await t?.close().catch(() => {});
  await server?.destroy();
}, 60_000);

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not recovered within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('PostgreSQL stopped under a running app: 503 DATABASE_UNAVAILABLE, then recovery without a restart', { timeout: 90_000 }, async () => {
  if (t === undefined || server === undefined) throw new Error('set-up failed');
  const app = t;
  const graphs = () => app.call('GET', '/api/graphs', { token: app.tokens.analyst });
  expect((await app.call('GET', '/api/health')).status).toBe(200);
  expect((await graphs()).status).toBe(200);

  await server.stop();
  for (const response of [await app.call('GET', '/api/health'), await graphs(), await graphs()]) {
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(response.headers.get('retry-after')).toBe('2');
  }

  await server.start();
  await waitFor(async () => (await app.call('GET', '/api/health')).status === 200, 20_000);
  expect((await graphs()).status).toBe(200);
  expect(app.logger.lines.join('\n')).toContain('database unavailable');
});

test('queries and a transaction in flight when PostgreSQL is killed fail as 503 without an unhandled error event', {
  timeout: 90_000,
}, async () => {
  if (t === undefined || server === undefined) throw new Error('set-up failed');
  const db = t.handle.db;
  // Checked-out pool clients have no pool listener: their 'error' event alone used to end the process.
  const inFlight = [
    sql`select pg_sleep(30)`.execute(db),
    db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await sql`select pg_sleep(30)`.execute(trx);
    }),
  ].map((query) =>
    query.then(
      () => 'done',
      (error: unknown) => (isDatabaseUnavailable(error) ? 'unavailable' : String(error)),
    ),
  );
  // A SQL source node's own connection (the sql.query service of runs) to the same server.
  const source = createPgSqlClient()
    .query(server.url, 'select pg_sleep(30)', [], { rowCap: 10 })
    .then(
      () => 'done',
      (error: unknown) => (error instanceof UserError ? error.code : String(error)),
    );
  await expect
    .poll(
      async () =>
        (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where query like 'select pg_sleep%'`.execute(db)).rows[0]
          ?.n,
    )
    .toBe(3);
  await server.stop();
  expect(await Promise.all(inFlight)).toEqual(['unavailable', 'unavailable']);
  expect(await source).toBe('SQL_FAILED');
  expect((await t.call('GET', '/api/health')).status).toBe(503);
  await server.start();
  await expect.poll(async () => (await t?.call('GET', '/api/health'))?.status, { timeout: 20_000 }).toBe(200);
});
