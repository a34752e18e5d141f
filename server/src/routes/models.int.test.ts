import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeRegistry } from '@causeway/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../app';
import { ArtifactStore } from '../artifacts/artifact-store';
import { type Role, roles } from '../auth/roles';
import { connectDatabase, type DatabaseHandle } from '../db/connect';
import { migrate } from '../db/migrate';
import { ModelRegistry } from '../models/model-registry';
import { SecretCipher } from '../secrets/secret-cipher';
import { memoryLogger } from '../test-support/make-test-app';
import { migratedPgliteDump } from '../test-support/migrated-pglite';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';

// The same suite on both databases the server supports.
describe.each(['pglite', 'postgres'] as const)('model registry routes on %s', (kind) => {
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  let dir: string;
  let app: ReturnType<typeof createApp>['app'];
  let services: ReturnType<typeof createApp>['services'];
  let registry: ModelRegistry;
  const tokens = {} as Record<Role, string>;
  const onnx = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    if (kind === 'postgres') {
      const scratch = await scratchPostgresDatabase();
      drop = scratch.drop;
      handle = await connectDatabase({ kind: 'postgres', url: scratch.url });
      await migrate(handle.db);
    } else handle = await connectDatabase({ kind: 'pglite', loadDataDir: await migratedPgliteDump() });
    dir = await mkdtemp(join(tmpdir(), 'causeway-model-routes-'));
    const artifacts = new ArtifactStore(handle.db, dir);
    ({ app, services } = createApp({
      db: handle.db,
      registry: new NodeRegistry(),
      cipher: new SecretCipher(randomBytes(32)),
      logger: memoryLogger(),
      bodyLimit: 1024 * 1024,
      corsOrigin: 'http://127.0.0.1:8787',
      artifacts,
    }));
    for (const role of roles) tokens[role] = (await services.tokens.create({ name: `${role}-t`, role, createdBy: null })).token;
    registry = new ModelRegistry(handle.db, artifacts);
    const card = { task: 'regression', target: 'price', features: [{ name: 'rooms', type: 'number', stats: { mean: 5 } }] };
    await registry.register({
      name: 'house',
      onnx,
      card,
      metrics: { rmse: 3 },
      gate: { passed: true, reason: 'Passed: 1 condition held.' },
    });
    await registry.register({
      name: 'house',
      onnx: onnx.slice(1),
      card: { ...card, features: [{ name: 'rooms', type: 'number', stats: { mean: 6 } }] },
      metrics: { rmse: 2.5 },
      gate: { passed: false, reason: 'Blocked: r2 0.4 < 0.6.' },
    });
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await drop?.();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  test('everyone with a token reads models, versions and the ONNX file; no token is 401', async () => {
    expect((await call('GET', '/api/models')).status).toBe(401);
    const list = (await (await call('GET', '/api/models', tokens.analyst)).json()) as { items: Array<Record<string, unknown>> };
    expect(list.items).toEqual([expect.objectContaining({ name: 'house', versions: 2, latestVersion: 2, productionVersion: null })]);
    const model = (await (await call('GET', '/api/models/house', tokens.developer)).json()) as { items: Array<{ version: number }> };
    expect(model.items.map((v) => v.version)).toEqual([2, 1]);
    const version = await call('GET', '/api/models/house/versions/1', tokens.analyst);
    expect(await version.json()).toMatchObject({ version: 1, stage: 'none', metrics: { rmse: 3 }, gate: { passed: true } });
    const file = await call('GET', '/api/models/house/versions/1/model.onnx', tokens.analyst);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(onnx);
  });

  test('unknown models and versions are 404, malformed parameters are 400', async () => {
    for (const path of ['/api/models/nope', '/api/models/house/versions/9', '/api/models/house/versions/9/model.onnx']) {
      const response = await call('GET', path, tokens.analyst);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { code: string }).code).toBe('MODEL_VERSION_UNKNOWN');
    }
    expect((await call('GET', '/api/models/house/versions/zero', tokens.analyst)).status).toBe(400);
    expect((await call('GET', '/api/models/house/compare?a=1', tokens.analyst)).status).toBe(400);
  });

  test('stage changes need models:write; production needs a passed gate or an audited override with a reason', async () => {
    const forbidden = await call('POST', '/api/models/house/versions/1/stage', tokens.analyst, { stage: 'staging' });
    expect(forbidden.status).toBe(403);
    const staged = await call('POST', '/api/models/house/versions/1/stage', tokens.ops, { stage: 'production' });
    expect(await staged.json()).toMatchObject({ previousStage: 'none', archived: [], version: { stage: 'production' } });

    const refused = await call('POST', '/api/models/house/versions/2/stage', tokens.ops, { stage: 'production' });
    expect(refused.status).toBe(409);
    const error = (await refused.json()) as { code: string; message: string };
    expect(error.code).toBe('GATE_REFUSED');
    expect(error.message).toContain('Blocked: r2 0.4 < 0.6.');
    const noReason = await call('POST', '/api/models/house/versions/2/stage', tokens.ops, { stage: 'production', override: true });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('reason');

    const overridden = await call('POST', '/api/models/house/versions/2/stage', tokens.ops, {
      stage: 'production',
      override: true,
      reason: 'Lower RMSE outweighs the R² gate this quarter.',
    });
    expect(overridden.status).toBe(200);
    expect(await overridden.json()).toMatchObject({ archived: [1], version: { version: 2, stage: 'production' } });
    const entries = await services.audit.list({ limit: 10, offset: 0, action: 'model.stage.override' });
    expect(entries.items).toEqual([
      expect.objectContaining({
        actor: 'ops-t',
        target: 'model:house:2',
        details: expect.objectContaining({ override: true, reason: 'Lower RMSE outweighs the R² gate this quarter.' }),
      }),
    ]);
    const plain = await services.audit.list({ limit: 10, offset: 0, action: 'model.stage' });
    expect(plain.items.map((e) => e.target)).toEqual(['model:house:1']);
    expect(
      ((await (await call('GET', '/api/models/house', tokens.analyst)).json()) as { productionVersion: number }).productionVersion,
    ).toBe(2);
  });

  test('compare shows metric deltas and changed training statistics', async () => {
    const response = await call('GET', '/api/models/house/compare?a=1&b=2', tokens.analyst);
    const body = (await response.json()) as { metrics: unknown[]; card: { statistics: unknown[] } };
    expect(body.metrics).toEqual([{ name: 'rmse', a: 3, b: 2.5, delta: -0.5 }]);
    expect(body.card.statistics).toEqual([{ feature: 'rooms', statistic: 'mean', a: 5, b: 6, delta: 1 }]);
  });
});
