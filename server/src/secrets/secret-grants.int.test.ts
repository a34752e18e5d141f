import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';

interface RunDetail {
  id: number;
  status: string;
  attempts: number;
  error: { code: string; message: string } | null;
}

describe.each(['pglite', 'postgres'] as const)('secrets with owners on %s', (kind) => {
  let t: RunsTestApp;
  const tokens: Record<string, string> = {};
  const as = (who: string, method: string, path: string, body?: unknown) =>
    t.app.request(path, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const finished = async (id: number): Promise<RunDetail> => {
    let run: RunDetail | undefined;
    await expect
      .poll(
        async () => {
          run = (await (await t.call('GET', `/api/runs/${id}`)).json()) as RunDetail;
          return ['queued', 'running'].includes(run.status);
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe(false);
    return run as RunDetail;
  };
  const runGraph = async () => {
    const started = await t.call('POST', '/api/runs', { graphId: 'read-warehouse' });
    expect(started.status).toBe(201);
    return finished(((await started.json()) as { id: number }).id);
  };

  beforeAll(async () => {
    t = await runsTestApp(kind, { runTimeoutMs: 60_000 });
    for (const [name, role] of [
      ['ops-owner', 'ops'],
      ['ops-other', 'ops'],
      ['admin-test', 'admin'],
    ] as const) {
      tokens[name] = (await t.services.tokens.create({ name, role, createdBy: null })).token;
    }
    const graph = {
      format: 'causeway.graph/1',
      id: 'read-warehouse',
      name: 'Read the warehouse',
      nodes: [
        {
          id: 'load',
          type: 'source.postgres',
          version: 1,
          config: { connection: { $secret: 'warehouse' }, sql: 'select 1 as one' },
          position: [0, 0],
        },
      ],
      edges: [],
    };
    expect((await t.call('POST', '/api/graphs', { graph })).status).toBe(201);
  }, 120_000);
  afterAll(() => t?.close());

  test('a secret is its creator’s until granted; runs without the grant fail SECRET_FORBIDDEN', { timeout: 180_000 }, async () => {
    const created = await as('ops-owner', 'PUT', '/api/secrets/warehouse', { value: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(created.status).toBe(201);
    const listed = (await (await as('ops-owner', 'GET', '/api/secrets')).json()) as { items: Array<{ name: string; grants: unknown }> };
    expect(listed.items.find((s) => s.name === 'warehouse')?.grants).toEqual({ roles: [], users: ['ops-owner'] });

    const refused = await runGraph();
    expect(refused.status).toBe('failed');
    expect(refused.error?.code).toBe('SECRET_FORBIDDEN');
    expect(refused.error?.message).toContain('"warehouse" is not granted to "analyst-test" (analyst)');
    expect(refused.error?.message).not.toContain('postgres://');

    // Only the owner or an admin changes the secret or its grants; analysts may not touch secrets at all.
    for (const [method, path, body] of [
      ['PUT', '/api/secrets/warehouse/grants', { roles: ['analyst'] }],
      ['PUT', '/api/secrets/warehouse', { value: 'postgres://elsewhere/db' }],
      ['DELETE', '/api/secrets/warehouse', undefined],
    ] as const) {
      const response = await as('ops-other', method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(((await response.json()) as { code: string }).code).toBe('NOT_OWNER');
    }
    expect((await t.call('PUT', '/api/secrets/warehouse/grants', { roles: ['analyst'] })).status).toBe(403);
    expect((await as('ops-owner', 'PUT', '/api/secrets/nope/grants', { users: ['x'] })).status).toBe(404);
    expect((await as('ops-owner', 'PUT', '/api/secrets/warehouse/grants', { roles: ['wizard'] })).status).toBe(400);

    const granted = await as('ops-owner', 'PUT', '/api/secrets/warehouse/grants', { roles: ['analyst'] });
    expect(granted.status).toBe(200);
    expect(await granted.json()).toEqual({ name: 'warehouse', grants: { roles: ['analyst'], users: [] } });
    const allowed = await runGraph();
    expect(allowed.status, JSON.stringify(allowed.error)).toBe('succeeded');

    // An admin may change anyone's grants: a single other user only, so the analyst is refused again.
    expect((await as('admin-test', 'PUT', '/api/secrets/warehouse/grants', { users: ['ada'] })).status).toBe(200);
    expect((await runGraph()).error?.code).toBe('SECRET_FORBIDDEN');
    const audit = await t.services.audit.list({ limit: 100, offset: 0 });
    expect(audit.items.filter((e) => e.action === 'secret.grant').map((e) => e.actor)).toEqual(['admin-test', 'ops-owner']);
  });
});
