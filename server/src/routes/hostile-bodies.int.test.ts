import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ bodyLimit: 64 * 1024 });
}, 120_000);
afterAll(() => t.close());

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { code: string; message: string; details: unknown };
  expect(body.code).toBe(code);
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

test('an oversized body gets 413 PAYLOAD_TOO_LARGE', async () => {
  const graph = { format: 'causeway.graph/1', id: 'big', name: 'x'.repeat(100_000), nodes: [], edges: [] };
  await expectRefused(await t.call('POST', '/api/graphs', { token: t.tokens.analyst, body: { graph } }), 413, 'PAYLOAD_TOO_LARGE');
});

test('a deeply nested body gets 400 GRAPH_TOO_DEEP', async () => {
  const raw = `{"graph":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
  await expectRefused(await t.call('POST', '/api/graphs', { token: t.tokens.analyst, raw }), 400, 'GRAPH_TOO_DEEP');
});

test('__proto__ and constructor keys get 400 GRAPH_FORBIDDEN_KEY and pollute nothing', async () => {
  const raw = '{"graph":{"format":"causeway.graph/1","id":"p","name":"p","nodes":[],"edges":[],"__proto__":{"polluted":true}}}';
  await expectRefused(await t.call('POST', '/api/graphs', { token: t.tokens.analyst, raw }), 400, 'GRAPH_FORBIDDEN_KEY');
  const raw2 = '{"name":"x","role":"admin","constructor":{"prototype":{"polluted":true}}}';
  await expectRefused(await t.call('POST', '/api/tokens', { token: t.tokens.admin, raw: raw2 }), 400, 'GRAPH_FORBIDDEN_KEY');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('malformed JSON, wrong shapes and unknown fields get 400 with a code', async () => {
  await expectRefused(await t.call('POST', '/api/graphs', { token: t.tokens.analyst, raw: '{"graph": [1, 2' }), 400, 'REQUEST_INVALID');
  await expectRefused(await t.call('POST', '/api/graphs', { token: t.tokens.analyst, body: { graph: 'text' } }), 400, 'REQUEST_INVALID');
  await expectRefused(
    await t.call('POST', '/api/graphs', { token: t.tokens.analyst, body: { graph: { format: 'other' } } }),
    400,
    'GRAPH_SCHEMA',
  );
  await expectRefused(
    await t.call('POST', '/api/tokens', { token: t.tokens.admin, body: { name: 'a', role: 'root' } }),
    400,
    'REQUEST_INVALID',
  );
  await expectRefused(await t.call('GET', '/api/graphs?limit=100000', { token: t.tokens.analyst }), 400, 'REQUEST_INVALID');
});

test('unknown routes get a JSON 404 and responses carry secure headers', async () => {
  const response = await t.call('GET', '/api/nowhere', { token: t.tokens.admin });
  await expectRefused(response, 404, 'NOT_FOUND');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
});

test('CORS answers only the editor origin', async () => {
  const own = await t.call('OPTIONS', '/api/graphs', {
    headers: { origin: 'http://127.0.0.1:8787', 'access-control-request-method': 'GET' },
  });
  expect(own.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8787');
  const other = await t.call('OPTIONS', '/api/graphs', {
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
  });
  expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
});
