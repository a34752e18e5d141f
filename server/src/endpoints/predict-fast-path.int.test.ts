import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TokensRepository, tokenCacheMs } from '../repositories/tokens-repository';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { predictFastPath } from './predict-fast-path';
import { registerVersion, trainChurnModels } from './test-models';

// The fast path must answer exactly as the app's own predict route does, for good and bad requests alike.
let t: TestApp;
let server: Server;
let base: string;
const row = { age: 47.5, visits: 12, member: true, plan: 'plus' };

beforeAll(async () => {
  t = await makeTestApp({ bodyLimit: 64 * 1024 });
  const { logistic } = await trainChurnModels();
  await registerVersion(t.handle.db, t.artifacts, { name: 'churn', model: logistic, gate: { passed: true, reason: 'auc 0.9 >= 0.8' } });
  for (const [path, body] of [
    ['/api/endpoints', { name: 'churn', model: 'churn', sampleRate: 0 }],
    ['/api/endpoints/churn/promote', { version: 1 }],
  ] as const) {
    expect((await t.call('POST', path, { token: t.tokens.ops, body })).status).toBe(200 + (path === '/api/endpoints' ? 1 : 0));
  }
  const fast = predictFastPath({
    tokens: t.services.tokens,
    predictor: t.endpoints.predictor,
    logger: t.logger,
    bodyLimit: 64 * 1024,
    corsOrigin: 'http://127.0.0.1:8787',
    rateLimits: t.rateLimits,
  });
  const app = getRequestListener(t.app.fetch);
  server = createServer((req, res) => {
    if (!fast(req, res)) void app(req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);
afterAll(async () => {
  await new Promise<void>((done) => server?.close(() => done()));
  await t?.close();
});

type Case = { label: string; token?: string; body?: string; type?: string; path?: string };

async function both(
  c: Case,
): Promise<{ fast: { status: number; json: Record<string, unknown> }; app: { status: number; json: Record<string, unknown> } }> {
  const path = c.path ?? '/api/endpoints/churn/predict';
  const headers: Record<string, string> = { 'content-type': c.type ?? 'application/json' };
  if (c.token !== undefined) headers.authorization = `Bearer ${c.token}`;
  const init = { method: 'POST', headers, ...(c.body === undefined ? {} : { body: c.body }) };
  const fast = await fetch(`${base}${path}`, init);
  const app = await t.app.request(path, init);
  return {
    fast: { status: fast.status, json: (await fast.json()) as Record<string, unknown> },
    app: { status: app.status, json: (await app.json()) as Record<string, unknown> },
  };
}

test('a good request scores the same on the fast path as through the app route', async () => {
  const { fast, app } = await both({ label: 'ok', token: t.tokens.client, body: JSON.stringify({ rows: [row, { ...row, age: 20 }] }) });
  expect(fast.status).toBe(200);
  expect(fast.json).toMatchObject({ endpoint: 'churn', model: 'churn', version: 1 });
  expect({ ...fast.json, requestId: '' }).toEqual({ ...app.json, requestId: '' });
});

test('refusals carry the same status and code on both paths', async () => {
  const big = JSON.stringify({ rows: Array.from({ length: 2_000 }, () => row) });
  const cases: Array<Case & { status: number; code: string }> = [
    { label: 'no token', body: JSON.stringify({ rows: [row] }), status: 401, code: 'UNAUTHORIZED' },
    { label: 'bad token', token: 'cw_nope', body: JSON.stringify({ rows: [row] }), status: 401, code: 'UNAUTHORIZED' },
    { label: 'role without the action', token: t.tokens.developer, body: JSON.stringify({ rows: [row] }), status: 403, code: 'FORBIDDEN' },
    { label: 'not JSON', token: t.tokens.client, body: '{"rows": [', status: 400, code: 'REQUEST_INVALID' },
    { label: 'hostile key', token: t.tokens.client, body: '{"rows":[{"__proto__":{"x":1}}]}', status: 400, code: 'GRAPH_FORBIDDEN_KEY' },
    { label: 'wrong shape', token: t.tokens.client, body: JSON.stringify({ rows: [] }), status: 400, code: 'REQUEST_INVALID' },
    { label: 'not a JSON number', token: t.tokens.client, body: '{"rows":[{"age":1e400}]}', status: 400, code: 'REQUEST_INVALID' },
    {
      label: 'rows and columns',
      token: t.tokens.client,
      body: JSON.stringify({ rows: [row], columns: { age: [1] } }),
      status: 400,
      code: 'REQUEST_INVALID',
    },
    { label: 'too large', token: t.tokens.client, body: big, status: 413, code: 'PAYLOAD_TOO_LARGE' },
    {
      label: 'bad field',
      token: t.tokens.client,
      body: JSON.stringify({ rows: [{ ...row, visits: 'many' }] }),
      status: 422,
      code: 'ENDPOINT_INPUT_INVALID',
    },
    {
      label: 'unknown endpoint',
      token: t.tokens.client,
      body: JSON.stringify({ rows: [row] }),
      path: '/api/endpoints/nothing/predict',
      status: 404,
      code: 'NOT_FOUND',
    },
  ];
  for (const c of cases) {
    const { fast, app } = await both(c);
    expect([fast.status, fast.json.code], c.label).toEqual([c.status, c.code]);
    expect([app.status, app.json.code], `${c.label} (app)`).toEqual([c.status, c.code]);
    expect(fast.json.message, c.label).toBe(app.json.message);
  }
});

test('other requests still reach the app, and the fast path sends the API headers', async () => {
  const health = await fetch(`${base}/api/health`);
  expect(health.status).toBe(200);
  const me = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${t.tokens.client}` } });
  expect(((await me.json()) as { role: string }).role).toBe('client');
  const scored = await fetch(`${base}/api/endpoints/churn/predict`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.tokens.client}`, 'content-type': 'application/json', origin: 'http://127.0.0.1:8787' },
    body: JSON.stringify({ rows: [row] }),
  });
  expect(scored.headers.get('x-content-type-options')).toBe('nosniff');
  expect(scored.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8787');
});

test('a token remembered by the fast path stops working the moment it is revoked, and another process drops it within the cache time', async () => {
  const created = await t.services.tokens.create({ name: 'shop-app', role: 'client', createdBy: null });
  const predict = () =>
    fetch(`${base}/api/endpoints/churn/predict`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [row] }),
    });
  // Another server process on the same database, with its own cache.
  const elsewhere = new TokensRepository(t.handle.db);
  expect((await predict()).status).toBe(200);
  expect(t.services.tokens.cachedActive(created.token)?.id).toBe(created.info.id);
  expect((await elsewhere.findActive(created.token))?.id).toBe(created.info.id);

  expect((await t.call('DELETE', `/api/tokens/${created.info.id}`, { token: t.tokens.admin })).status).toBe(204);
  expect(t.services.tokens.cachedActive(created.token)).toBeUndefined();
  const refused = await predict();
  expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([401, 'UNAUTHORIZED']);

  // The other process still trusts its lookup until it is `tokenCacheMs` old, then reads the revocation.
  expect(elsewhere.cachedActive(created.token)?.id).toBe(created.info.id);
  expect(elsewhere.cachedActive(created.token, Date.now() + tokenCacheMs + 1)).toBeUndefined();
  expect(await elsewhere.findActive(created.token, Date.now() + tokenCacheMs + 1)).toBeUndefined();
});

test('a remembered token is not trusted past its expiry', async () => {
  // Expiring within the cache time, so the cached lookup would otherwise still be fresh.
  const expiresAt = new Date(Date.now() + tokenCacheMs / 2);
  const created = await t.services.tokens.create({ name: 'short-lived', role: 'client', createdBy: null, expiresAt });
  const tokens = new TokensRepository(t.handle.db);
  expect((await tokens.findActive(created.token))?.id).toBe(created.info.id);
  expect(tokens.cachedActive(created.token, expiresAt.getTime() - 1)?.id).toBe(created.info.id);
  expect(tokens.cachedActive(created.token, expiresAt.getTime())).toBeUndefined();
});

test('a token scoped to other endpoints is refused the same way on both paths', async () => {
  const { token } = await t.services.tokens.create({ name: 'crm-app', role: 'client', createdBy: null, endpoints: ['crm'] });
  const { fast, app } = await both({ label: 'scoped', token, body: JSON.stringify({ rows: [row] }) });
  expect([fast.status, fast.json.code]).toEqual([403, 'FORBIDDEN']);
  expect([app.status, app.json.code]).toEqual([403, 'FORBIDDEN']);
  expect(fast.json.message).toBe(app.json.message);
  const { token: own } = await t.services.tokens.create({ name: 'churn-app', role: 'client', createdBy: null, endpoints: ['churn'] });
  expect((await both({ label: 'own', token: own, body: JSON.stringify({ rows: [row] }) })).fast.status).toBe(200);
});
