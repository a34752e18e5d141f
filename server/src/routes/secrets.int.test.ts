import { afterAll, beforeAll, expect, test } from 'vitest';
import { DatabaseSecretStore } from '../secrets/database-secret-store';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';

let t: TestApp;
const value = `s3cr3t-${Math.random().toString(36).slice(2)}`;
const seen: string[] = [];

beforeAll(async () => {
  t = await makeTestApp();
}, 120_000);
afterAll(() => t.close());

async function record(response: Response): Promise<Response> {
  seen.push(JSON.stringify([...response.headers]), await response.clone().text());
  return response;
}

test('a secret is stored encrypted, listed by name only, and decrypts for the engine', async () => {
  const created = await record(await t.call('PUT', '/api/secrets/warehouse_password', { token: t.tokens.ops, body: { value } }));
  expect(created.status).toBe(201);
  const replaced = await record(await t.call('PUT', '/api/secrets/warehouse_password', { token: t.tokens.ops, body: { value } }));
  expect(replaced.status).toBe(200);
  const list = await record(await t.call('GET', '/api/secrets', { token: t.tokens.ops }));
  expect(((await list.json()) as { items: Array<{ name: string }> }).items.map((s) => s.name)).toEqual(['warehouse_password']);

  const row = await t.handle.db.selectFrom('secrets').selectAll().executeTakeFirstOrThrow();
  expect(Buffer.from(row.ciphertext).toString('utf8')).not.toContain(value);
  expect(row.iv.byteLength).toBe(12);
  expect(row.tag.byteLength).toBe(16);

  const store = new DatabaseSecretStore(t.services.secrets, t.services.cipher);
  expect(await store.get('warehouse_password')).toBe(value);
  await expect(store.get('missing')).rejects.toMatchObject({ code: 'SECRET_UNKNOWN' });
});

test('a ciphertext moved onto another name does not decrypt', async () => {
  const encrypted = t.services.cipher.encrypt('a', value);
  expect(() => t.services.cipher.decrypt('b', encrypted)).toThrow(/integrity/);
});

test('the value appears in no response, audit entry or log line', async () => {
  await record(await t.call('GET', '/api/audit', { token: t.tokens.admin }));
  await record(await t.call('GET', '/api/openapi.json', { token: t.tokens.admin }));
  // A failing request with the value in it must not echo it back or log it either.
  await record(await t.call('PUT', '/api/secrets/bad name', { token: t.tokens.ops, body: { value } }));
  await record(await t.call('PUT', '/api/secrets/other', { token: t.tokens.ops, body: { value, extra: value } }));
  await record(await t.call('DELETE', '/api/secrets/warehouse_password', { token: t.tokens.ops }));
  const audit = await t.services.audit.list({ limit: 100, offset: 0 });
  expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(['secret.create', 'secret.update', 'secret.delete']));
  const everything = [...seen, JSON.stringify(audit.items), ...t.logger.lines].join('\n');
  expect(everything).toContain('warehouse_password');
  expect(everything).not.toContain(value);
});

test('analysts and developers may not touch secrets', async () => {
  for (const token of [t.tokens.analyst, t.tokens.developer]) {
    expect((await t.call('GET', '/api/secrets', { token })).status).toBe(403);
    expect((await t.call('PUT', '/api/secrets/x', { token, body: { value: 'v' } })).status).toBe(403);
  }
});
