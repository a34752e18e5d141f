import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { privatePostgres } from '../test-support/private-postgres';

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
