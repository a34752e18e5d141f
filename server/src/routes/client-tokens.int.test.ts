import { logisticRegressionNode } from '@causeway/nodes';
import { runNode } from '@causeway/sdk/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { churnTable, registerVersion } from '../endpoints/test-models';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';

describe.each(['pglite', 'postgres'] as const)('application tokens on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let url: string | undefined;
    if (kind === 'postgres') ({ drop, url } = await scratchPostgresDatabase());
    t = await makeTestApp(url ? { target: { kind: 'postgres', url } } : {});
    const trained = await runNode(logisticRegressionNode, {
      inputs: { table: churnTable(300, 3) },
      config: { target: 'churn', features: ['age', 'visits'] },
    });
    await registerVersion(t.handle.db, t.artifacts, { name: 'churn', model: trained.outputs.model, gate: { passed: true, reason: 'ok' } });
    for (const name of ['shop', 'crm']) {
      await t.call('POST', '/api/endpoints', { token: t.tokens.ops, body: { name, model: 'churn', sampleRate: 0 } });
      await t.call('POST', `/api/endpoints/${name}/promote`, { token: t.tokens.ops, body: { version: 1 } });
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  // biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field in assertions
  const json = async (response: Response) => (await response.json()) as Record<string, any>;
  const create = async (body: Record<string, unknown>) => {
    const response = await t.call('POST', '/api/tokens', { token: t.tokens.admin, body: { role: 'client', ...body } });
    expect(response.status).toBe(201);
    return json(response);
  };
  const predict = async (endpoint: string, token: string) =>
    (await t.call('POST', `/api/endpoints/${endpoint}/predict`, { token, body: { rows: [{ age: 40, visits: 3 }] } })).status;

  test('a token scoped to named endpoints predicts there and is refused on any other', async () => {
    const scoped = await create({ name: 'shop-app', endpoints: ['shop'] });
    expect(scoped.endpoints).toEqual(['shop']);
    expect(await predict('shop', scoped.token)).toBe(200);
    const refused = await t.call('POST', '/api/endpoints/crm/predict', { token: scoped.token, body: { rows: [{ age: 40, visits: 3 }] } });
    expect(refused.status).toBe(403);
    expect((await json(refused)).message).toContain('"shop"');
    const unscoped = await create({ name: 'any-app' });
    expect([await predict('shop', unscoped.token), await predict('crm', unscoped.token)]).toEqual([200, 200]);
    const audit = await t.services.audit.list({ limit: 5, offset: 0, action: 'token.create' });
    expect(audit.items.find((i) => i.target === `token:${scoped.id}`)?.details).toMatchObject({ endpoints: ['shop'] });
  });

  test('an expired token is refused; an expiry in the past cannot be set', async () => {
    const past = await t.call('POST', '/api/tokens', {
      token: t.tokens.admin,
      body: { name: 'late', role: 'client', expiresAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(past.status).toBe(400);
    const expiring = await create({ name: 'short-lived', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(expiring.expiresAt).not.toBeNull();
    // An hour later, as the database sees it.
    await sql`update tokens set expires_at = now() - interval '1 second' where id = ${expiring.id}`.execute(t.handle.db);
    expect(await predict('shop', expiring.token)).toBe(401);
  });

  test('during a rotation both keys work; once it ends only the new one does', async () => {
    const old = await create({ name: 'crm-app', endpoints: ['crm'] });
    expect(await predict('crm', old.token)).toBe(200);
    const rotated = await t.call('POST', `/api/tokens/${old.id}/rotate`, { token: t.tokens.admin, body: { overlapSeconds: 3600 } });
    expect(rotated.status).toBe(201);
    const next = await json(rotated);
    expect(next).toMatchObject({ name: 'crm-app', role: 'client', endpoints: ['crm'], previous: { id: old.id } });
    expect(Date.parse(next.previous.expiresAt)).toBeGreaterThan(Date.now() + 3_500_000);
    expect([await predict('crm', old.token), await predict('crm', next.token)]).toEqual([200, 200]);
    expect(await predict('shop', next.token)).toBe(403);
    // Ending the rotation early: revoke the old key.
    expect((await t.call('DELETE', `/api/tokens/${old.id}`, { token: t.tokens.admin })).status).toBe(204);
    expect([await predict('crm', old.token), await predict('crm', next.token)]).toEqual([401, 200]);

    // A rotation with no overlap ends at once.
    const other = await create({ name: 'batch-app' });
    expect(await predict('crm', other.token)).toBe(200);
    const at = await json(await t.call('POST', `/api/tokens/${other.id}/rotate`, { token: t.tokens.admin, body: { overlapSeconds: 0 } }));
    expect([await predict('crm', other.token), await predict('crm', at.token)]).toEqual([401, 200]);
    const audit = await t.services.audit.list({ limit: 5, offset: 0, action: 'token.rotate' });
    expect(audit.items[0]).toMatchObject({ target: `token:${other.id}`, details: { newId: at.id } });
    expect((await t.call('POST', `/api/tokens/${other.id}/rotate`, { token: t.tokens.admin, body: {} })).status).toBe(404);
  });
});
