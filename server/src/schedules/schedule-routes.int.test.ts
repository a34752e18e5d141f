import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { ManualClock } from './clock';
import { Scheduler } from './scheduler';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  const graph = { format: 'causeway.graph/1', id: 'nightly', name: 'Nightly', nodes: [], edges: [] };
  await t.call('POST', '/api/graphs', { token: t.tokens.analyst, body: { graph, message: 'first' } });
}, 120_000);
afterAll(() => t.close());

type Shown = {
  id: number;
  name: string;
  version: number | 'latest';
  paused: boolean;
  nextFireAt: string | null;
  nextFireTimes: Array<{ at: string; local: string }>;
  alert: { origin: string } | null;
  retries: { max: number; baseMs: number; maxMs: number };
  catchUp: { policy: string; limit: number };
};

test('create shows the next fire times in the schedule zone; changes are audited; ops may, analysts may not', async () => {
  const ops = { token: t.tokens.ops };
  const body = {
    name: 'kolkata-morning',
    graphId: 'nightly',
    cron: '0 9 * * *',
    timezone: 'Asia/Kolkata',
    retries: { max: 2 },
    alertUrl: 'https://hooks.example.com/services/T000/SECRET',
  };
  expect((await t.call('POST', '/api/schedules', { token: t.tokens.analyst, body })).status).toBe(403);
  const created = await t.call('POST', '/api/schedules', { ...ops, body });
  expect(created.status).toBe(201);
  const shown = (await created.json()) as Shown;
  expect(shown).toMatchObject({ name: 'kolkata-morning', version: 'latest', paused: false, catchUp: { policy: 'skip', limit: 10 } });
  expect(shown.retries).toEqual({ max: 2, baseMs: 60_000, maxMs: 3_600_000 });
  // The webhook's path often carries a token: only its origin is shown.
  expect(shown.alert).toEqual({ origin: 'https://hooks.example.com' });
  expect(JSON.stringify(shown)).not.toContain('SECRET');
  expect(shown.nextFireTimes).toHaveLength(5);
  for (const time of shown.nextFireTimes) {
    expect(time.at).toMatch(/T03:30:00\.000Z$/);
    expect(time.local).toMatch(/T09:00:00\+05:30$/);
  }
  expect(shown.nextFireAt).toBe(shown.nextFireTimes[0]?.at);
  expect((await t.call('POST', '/api/schedules', { ...ops, body })).status).toBe(409);

  const read = (await (await t.call('GET', `/api/schedules/${shown.id}`, { token: t.tokens.analyst })).json()) as Shown;
  expect(read.nextFireTimes).toEqual(shown.nextFireTimes);
  const list = (await (await t.call('GET', '/api/schedules?graphId=nightly', { token: t.tokens.developer })).json()) as { total: number };
  expect(list.total).toBe(1);

  const patched = await t.call('PATCH', `/api/schedules/${shown.id}`, {
    ...ops,
    body: { cron: '30 6 * * 1-5', timezone: 'UTC', retries: { baseMs: 5_000 } },
  });
  expect(patched.status).toBe(200);
  const after = (await patched.json()) as Shown;
  expect(after.retries).toEqual({ max: 2, baseMs: 5_000, maxMs: 3_600_000 });
  for (const time of after.nextFireTimes) {
    expect(time.local).toMatch(/T06:30:00\+00:00$/);
    expect([1, 2, 3, 4, 5]).toContain(new Date(time.at).getUTCDay());
  }

  const paused = (await (await t.call('POST', `/api/schedules/${shown.id}/pause`, ops)).json()) as Shown;
  expect(paused.paused).toBe(true);
  expect(paused.nextFireTimes).toEqual([]);
  const resumed = (await (await t.call('POST', `/api/schedules/${shown.id}/resume`, ops)).json()) as Shown;
  expect(resumed.paused).toBe(false);
  expect(new Date(resumed.nextFireAt ?? 0).getTime()).toBeGreaterThan(Date.now());

  const history = (await (await t.call('GET', `/api/schedules/${shown.id}/history`, ops)).json()) as { items: unknown[]; total: number };
  expect(history).toEqual({ items: [], total: 0 });

  expect((await t.call('DELETE', `/api/schedules/${shown.id}`, { token: t.tokens.analyst })).status).toBe(403);
  expect((await t.call('DELETE', `/api/schedules/${shown.id}`, ops)).status).toBe(204);
  expect((await t.call('GET', `/api/schedules/${shown.id}`, ops)).status).toBe(404);

  const audit = (await (await t.call('GET', '/api/audit?limit=20', { token: t.tokens.admin })).json()) as {
    items: Array<{ action: string; actor: string; target: string }>;
  };
  const actions = audit.items.filter((e) => e.target === 'schedule:kolkata-morning').map((e) => e.action);
  expect(actions).toEqual(['schedule.delete', 'schedule.resume', 'schedule.pause', 'schedule.update', 'schedule.create']);
  expect(audit.items.find((e) => e.action === 'schedule.create')?.actor).toBe('ops-test');
});

test('bad settings are refused with the field named', async () => {
  const ops = { token: t.tokens.ops };
  const base = { name: 'bad', graphId: 'nightly', cron: '*/5 * * * *' };
  const cases: Array<[Record<string, unknown>, number, RegExp]> = [
    [{ cron: 'every day' }, 400, /^cron: "every day" is not a valid five-field cron expression/],
    [{ cron: '0 0 * * * *' }, 400, /^cron: /],
    [{ timezone: 'Mars/Olympus' }, 400, /^timezone: "Mars\/Olympus" is not an IANA time zone/],
    [{ graphId: 'missing' }, 404, /No graph with id "missing"/],
    [{ version: 7 }, 404, /Graph "nightly" has no version 7/],
    [{ alertUrl: 'file:///etc/passwd' }, 400, /alertUrl/],
    [{ catchUp: { policy: 'sometimes' } }, 400, /catchUp/],
    [{ retries: { max: 99 } }, 400, /retries/],
    [{ surprise: true }, 400, /surprise/],
    [{ alertSecret: 'missing-hook' }, 404, /No secret named "missing-hook"/],
    [{ alertSecret: 'hook', alertUrl: 'https://hooks.example.com/x' }, 400, /give one way of alerting, not both/],
  ];
  for (const [change, status, message] of cases) {
    const response = await t.call('POST', '/api/schedules', { ...ops, body: { ...base, ...change } });
    expect(response.status, JSON.stringify(change)).toBe(status);
    const error = (await response.json()) as { code: string; message: string; details: unknown };
    expect(`${error.message} ${JSON.stringify(error.details)}`, JSON.stringify(change)).toMatch(message);
  }
  expect((await t.call('GET', '/api/schedules/abc', ops)).status).toBe(400);
  expect((await t.call('GET', '/api/schedules/999', ops)).status).toBe(404);
  expect((await t.call('GET', '/api/schedules', {})).status).toBe(401);
});

test('an alert URL may be kept as a secret: the schedule shows only its name', async () => {
  const ops = { token: t.tokens.ops };
  expect((await t.call('PUT', '/api/secrets/team-hook', { ...ops, body: { value: 'https://hooks.example.com/T0/B0/token' } })).status).toBe(
    201,
  );
  const created = await t.call('POST', '/api/schedules', {
    ...ops,
    body: { name: 'secret-hook', graphId: 'nightly', cron: '0 * * * *', alertSecret: 'team-hook' },
  });
  expect(created.status).toBe(201);
  const shown = (await created.json()) as Shown;
  expect(shown.alert).toEqual({ secret: 'team-hook' });
  // Switching to a plain URL replaces the secret.
  const patched = await t.call('PATCH', `/api/schedules/${shown.id}`, { ...ops, body: { alertUrl: 'https://other.example.com/hook' } });
  expect(((await patched.json()) as Shown).alert).toEqual({ origin: 'https://other.example.com' });
});

test('history through the API: occurrences newest first with their runs, filtered by status', async () => {
  const ops = { token: t.tokens.ops };
  const created = (await (
    await t.call('POST', '/api/schedules', {
      ...ops,
      body: { name: 'every-five', graphId: 'nightly', cron: '*/5 * * * *', overlap: 'skip' },
    })
  ).json()) as Shown;
  const first = Date.parse(created.nextFireAt ?? '');
  const clock = new ManualClock(first + 1_000);
  const scheduler = new Scheduler({
    db: t.handle.db,
    logger: t.logger,
    runDefaults: { maxAttempts: 1, timeoutMs: 60_000 },
    post: async () => {},
    publicUrl: undefined,
    clock,
  });
  await scheduler.tick();
  // No worker here: the first run is still queued when the next occurrence comes.
  clock.advance(5 * 60_000);
  await scheduler.tick();

  type Page = {
    items: Array<{
      fireAt: string;
      status: string;
      reason: string | null;
      runs: Array<{ attempt: number; status: string; graphVersion: number }>;
    }>;
    total: number;
  };
  const all = (await (await t.call('GET', `/api/schedules/${created.id}/history`, { token: t.tokens.analyst })).json()) as Page;
  expect(all.total).toBe(2);
  expect(all.items.map((o) => [o.fireAt, o.status, o.reason])).toEqual([
    [new Date(first + 5 * 60_000).toISOString(), 'skipped', 'overlap'],
    [new Date(first).toISOString(), 'running', null],
  ]);
  expect(all.items[1]?.runs).toEqual([{ id: expect.any(Number), attempt: 1, status: 'queued', graphVersion: 1 }]);
  const skipped = (await (await t.call('GET', `/api/schedules/${created.id}/history?status=skipped`, ops)).json()) as Page;
  expect(skipped.items.map((o) => o.status)).toEqual(['skipped']);
  expect((await t.call('GET', `/api/schedules/${created.id}/history?status=nonsense`, ops)).status).toBe(400);
});
