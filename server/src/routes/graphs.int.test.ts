import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
}, 120_000);
afterAll(() => t.close());

const graphOf = (id: string, name: string, test = 0.2) => ({
  format: 'causeway.graph/1',
  id,
  name,
  nodes: [
    { id: 'load', type: 'source.inline', version: 1, config: { rows: [] }, position: [0, 0] },
    { id: 'split', type: 'transform.split', version: 1, config: { test, seed: 7 }, position: [260, 0] },
  ],
  edges: [{ from: 'load.table', to: 'split.table' }],
});

test('create, version, get any version, diff, rename, list, delete — each change audited', async () => {
  const analyst = { token: t.tokens.analyst };
  const created = await t.call('POST', '/api/graphs', { ...analyst, body: { graph: graphOf('churn', 'Churn'), message: 'first' } });
  expect(created.status).toBe(201);
  // An empty registry knows no node types: reported, yet the graph is saved.
  expect(((await created.json()) as { issues: Array<{ code: string }> }).issues.map((i) => i.code)).toContain('NODE_TYPE_UNKNOWN');
  expect((await t.call('POST', '/api/graphs', { ...analyst, body: { graph: graphOf('churn', 'Again') } })).status).toBe(409);

  const saved = await t.call('POST', '/api/graphs/churn/versions', {
    ...analyst,
    body: { graph: graphOf('churn', 'Churn', 0.3), message: 'bigger test' },
  });
  expect(saved.status).toBe(201);
  expect(await saved.json()).toMatchObject({ version: 2, author: 'analyst-test', message: 'bigger test' });
  expect((await t.call('POST', '/api/graphs/churn/versions', { ...analyst, body: { graph: graphOf('other', 'x') } })).status).toBe(400);

  const v1 = (await (await t.call('GET', '/api/graphs/churn/versions/1', analyst)).json()) as {
    graph: { nodes: Array<{ config: unknown }> };
  };
  expect(v1.graph.nodes[1]?.config).toEqual({ seed: 7, test: 0.2 });
  const versions = (await (await t.call('GET', '/api/graphs/churn/versions', analyst)).json()) as { items: Array<{ version: number }> };
  expect(versions.items.map((v) => v.version)).toEqual([2, 1]);

  const diff = await (await t.call('GET', '/api/graphs/churn/diff?from=1&to=2', analyst)).json();
  expect(diff).toMatchObject({ nodesChanged: [{ id: 'split', config: [{ path: ['test'], before: 0.2, after: 0.3 }] }], edgesAdded: [] });
  expect((await t.call('GET', '/api/graphs/churn/diff?from=1&to=9', analyst)).status).toBe(404);

  expect((await t.call('PATCH', '/api/graphs/churn', { ...analyst, body: { name: 'Churn model' } })).status).toBe(200);
  const got = (await (await t.call('GET', '/api/graphs/churn', analyst)).json()) as { name: string; latestVersion: number };
  expect(got).toMatchObject({ name: 'Churn model', latestVersion: 2 });

  for (let i = 0; i < 5; i++) await t.call('POST', '/api/graphs', { ...analyst, body: { graph: graphOf(`g${i}`, `Sales ${i}`) } });
  const page = (await (await t.call('GET', '/api/graphs?q=sales&limit=2&offset=2', analyst)).json()) as { items: unknown[]; total: number };
  expect(page.total).toBe(5);
  expect(page.items).toHaveLength(2);
  expect(((await (await t.call('GET', '/api/graphs?q=50%25', analyst)).json()) as { total: number }).total).toBe(0);

  expect((await t.call('DELETE', '/api/graphs/churn', analyst)).status).toBe(204);
  expect((await t.call('GET', '/api/graphs/churn', analyst)).status).toBe(404);
  expect((await t.call('GET', '/api/graphs/churn/versions/1', analyst)).status).toBe(404);

  const audit = await t.services.audit.list({ limit: 100, offset: 0, action: 'graph.version' });
  expect(audit.items).toHaveLength(1);
  expect(audit.items[0]).toMatchObject({ actor: 'analyst-test', target: 'graph:churn' });
});

test('tokens: admin creates, lists without values, revokes; the last admin token stays', async () => {
  const admin = { token: t.tokens.admin };
  const created = (await (await t.call('POST', '/api/tokens', { ...admin, body: { name: 'ci', role: 'analyst' } })).json()) as {
    id: string;
    token: string;
  };
  expect(created.token).toMatch(/^cw_[A-Za-z0-9_-]{43}$/);
  expect((await t.call('GET', '/api/auth/me', { token: created.token })).status).toBe(200);
  const listed = await (await t.call('GET', '/api/tokens', admin)).text();
  expect(listed).toContain('"ci"');
  expect(listed).not.toContain(created.token);
  expect((await t.call('DELETE', `/api/tokens/${created.id}`, admin)).status).toBe(204);
  expect((await t.call('GET', '/api/auth/me', { token: created.token })).status).toBe(401);
  expect((await t.call('DELETE', `/api/tokens/${created.id}`, admin)).status).toBe(404);
  const me = (await t.services.tokens.list()).find((x) => x.role === 'admin');
  expect((await t.call('DELETE', `/api/tokens/${me?.id}`, admin)).status).toBe(409);
  const actions = (await t.services.audit.list({ limit: 100, offset: 0 })).items.map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['token.create', 'token.revoke']));
});
