import { randomBytes } from 'node:crypto';
import type { ModelValue } from '@causeway/sdk';
import { NodeRegistry } from '@causeway/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../app';
import { connectDatabase, type DatabaseHandle } from '../db/connect';
import { ModelRegistry } from '../models/model-registry';
import { AuditRepository } from '../repositories/audit-repository';
import { SecretCipher } from '../secrets/secret-cipher';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { startEndpoints } from './endpoints-runtime';
import { modelVersionsIn } from './model-version-source';
import { registerVersion, trainChurnModels } from './test-models';

let models: { logistic: ModelValue; forest: ModelValue };
beforeAll(async () => {
  models = await trainChurnModels();
}, 120_000);

const row = { age: 47.5, visits: 12, member: true, plan: 'plus' };

// Two server apps on one database, each with its own endpoint state cache, as two processes have.
describe.each(['pglite', 'postgres'] as const)('endpoints follow a registry alias on %s', (kind) => {
  let a: TestApp;
  let second: DatabaseHandle | undefined;
  let b: { request: (method: string, path: string, body?: unknown) => Response | Promise<Response>; close: () => Promise<void> };
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let url: string | undefined;
    if (kind === 'postgres') {
      const scratch = await scratchPostgresDatabase();
      url = scratch.url;
      drop = scratch.drop;
    }
    a = await makeTestApp(url ? { target: { kind: 'postgres', url } } : {});
    if (url) second = await connectDatabase({ kind: 'postgres', url });
    const db = second?.db ?? a.handle.db;
    const endpoints = startEndpoints({ db, versions: modelVersionsIn(db, a.artifacts), audit: new AuditRepository(db), logger: a.logger });
    const { app } = createApp({
      endpoints,
      artifacts: a.artifacts,
      db,
      registry: new NodeRegistry(),
      cipher: new SecretCipher(randomBytes(32)),
      logger: a.logger,
      bodyLimit: 1024 * 1024,
      corsOrigin: 'http://127.0.0.1:8787',
    });
    b = {
      request: (method, path, body) =>
        app.request(path, {
          method,
          headers: { authorization: `Bearer ${a.tokens.ops}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      close: () => endpoints.close(),
    };
    for (const model of [models.logistic, models.forest])
      await registerVersion(a.handle.db, a.artifacts, { name: 'churn', model, gate: { passed: true, reason: 'auc ≥ 0.8' } });
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await second?.close();
    await a?.close();
    await drop?.();
  });

  const onA = (method: string, path: string, body?: unknown) =>
    a.call(method, path, { token: a.tokens.ops, ...(body === undefined ? {} : { body }) });
  const versionOn = async (request: (m: string, p: string, body?: unknown) => Response | Promise<Response>, endpoint: string) => {
    const response = await request('POST', `/api/endpoints/${endpoint}/predict`, { rows: [row] });
    return response.status === 200 ? ((await response.json()) as { version: number }).version : response.status;
  };

  test('promoting in the registry moves every following endpoint in every process; promoting one moves the alias', async () => {
    const created = await onA('POST', '/api/endpoints', { name: 'churn', model: 'churn' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ alias: 'production', activeVersion: null });
    expect((await onA('POST', '/api/endpoints', { name: 'churn-next', model: 'churn', alias: 'staging' })).status).toBe(201);
    expect(await versionOn(b.request, 'churn')).toBe(409);

    // The registry moves production (in one process): the endpoint follows, in the other process too.
    expect((await b.request('POST', '/api/models/churn/versions/1/stage', { stage: 'production' })).status).toBe(200);
    await expect.poll(() => versionOn(onA, 'churn'), { interval: 50, timeout: 20_000 }).toBe(1);

    // Promoting on the endpoint (in the other process) moves the registry's production alias at once.
    const promoted = await onA('POST', '/api/endpoints/churn/promote', { version: 2 });
    expect(promoted.status, await promoted.clone().text()).toBe(200);
    expect(await (await b.request('GET', '/api/models/churn')).json()).toMatchObject({ productionVersion: 2 });
    const registry = new ModelRegistry(a.handle.db, a.artifacts);
    // What batch scoring and model.registered read.
    expect((await registry.version('churn', 'production')).version).toBe(2);
    await expect.poll(() => versionOn(b.request, 'churn'), { interval: 50, timeout: 20_000 }).toBe(2);

    // Staging is an alias too; production's endpoint stays where it is.
    expect((await b.request('POST', '/api/models/churn/versions/1/stage', { stage: 'staging' })).status).toBe(200);
    await expect.poll(() => versionOn(onA, 'churn-next'), { interval: 50, timeout: 20_000 }).toBe(1);
    expect(await versionOn(onA, 'churn')).toBe(2);

    // Rolling the endpoint back moves production back as well.
    expect((await onA('POST', '/api/endpoints/churn/rollback', {})).status).toBe(200);
    expect((await registry.version('churn', 'production')).version).toBe(1);
    const history = (await (await onA('GET', '/api/endpoints/churn/history')).json()) as {
      items: Array<{ kind: string; details: object }>;
    };
    expect(history.items.map((h) => h.kind)).toEqual(['rollback', 'promote', 'promote', 'create']);
    expect(history.items[2]?.details).toMatchObject({ alias: 'production', via: 'registry' });
  });
});
