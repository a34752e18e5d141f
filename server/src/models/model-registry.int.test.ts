import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ArtifactStore } from '../artifacts/artifact-store';
import { connectDatabase, type DatabaseHandle } from '../db/connect';
import { migrate } from '../db/migrate';
import { migratedPgliteDump } from '../test-support/migrated-pglite';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { ModelRegistry } from './model-registry';

const card = (auc: number, extra: Record<string, unknown> = {}) => ({
  task: 'classification',
  target: 'churn',
  classes: ['no', 'yes'],
  features: [
    { name: 'age', type: 'number', stats: { kind: 'numeric', mean: 40 + auc, std: 9, nulls: 0 } },
    { name: 'plan', type: 'category', stats: { kind: 'categorical', frequencies: { basic: 60, pro: 40 }, nulls: 0 } },
  ],
  ...extra,
});
const bytes = (seed: number) => Uint8Array.from({ length: 64 }, (_, i) => (i * 31 + seed) % 256);

describe.each(['pglite', 'postgres'] as const)('model registry on %s', (kind) => {
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  let dir: string;
  let registry: ModelRegistry;

  beforeAll(async () => {
    if (kind === 'postgres') {
      const scratch = await scratchPostgresDatabase();
      drop = scratch.drop;
      handle = await connectDatabase({ kind: 'postgres', url: scratch.url });
      await migrate(handle.db);
    } else {
      handle = await connectDatabase({ kind: 'pglite', loadDataDir: await migratedPgliteDump() });
    }
    dir = await mkdtemp(join(tmpdir(), 'causeway-models-'));
    registry = new ModelRegistry(handle.db, new ArtifactStore(handle.db, dir));
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await drop?.();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  test('versions are numbered without gaps under concurrent registrations, and an idempotency key registers once', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        registry.register({ name: 'churn', onnx: bytes(i), card: card(0.8), metrics: { auc: 0.8 + i / 100 }, idempotencyKey: `k${i}` }),
      ),
    );
    expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const again = await Promise.all([
      registry.register({ name: 'churn', onnx: bytes(0), card: card(0.8), metrics: {}, idempotencyKey: 'k0' }),
      registry.register({ name: 'churn', onnx: bytes(9), card: card(0.8), metrics: {}, idempotencyKey: 'same' }),
      registry.register({ name: 'churn', onnx: bytes(9), card: card(0.8), metrics: {}, idempotencyKey: 'same' }),
    ]);
    expect(again[0]).toEqual({ ...results[0], created: false });
    expect(again[1].version).toBe(again[2].version);
    expect([again[1].created, again[2].created].sort()).toEqual([false, true]);
    expect((await registry.versions('churn')).map((v) => v.version)).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  test('the ONNX bytes are kept in the artifact store and held by the version', async () => {
    const { version } = await registry.register({
      name: 'house',
      description: 'Sale prices',
      onnx: bytes(42),
      card: card(0.5),
      metrics: { rmse: 3.5 },
      gate: { passed: true, reason: 'Passed: 1 condition held.' },
      graphId: 'g',
      graphVersion: 2,
      runId: 17,
      createdBy: 'run:17',
    });
    expect(await registry.readOnnx('house', version)).toEqual(bytes(42));
    const stored = await registry.version('house', version);
    expect(stored).toMatchObject({
      stage: 'none',
      graphId: 'g',
      graphVersion: 2,
      runId: 17,
      gate: { passed: true },
      metrics: { rmse: 3.5 },
    });
    const refs = await handle.db.selectFrom('artifact_refs').select('owner').where('hash', '=', stored.artifactHash).execute();
    expect(refs.map((r) => r.owner)).toContain(`model:house:${version}`);
    expect((await registry.get('house')).description).toBe('Sale prices');
    await expect(registry.register({ name: '../x', onnx: bytes(1), card: {}, metrics: {} })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
  });

  test('production needs a passed gate or an override, and promoting archives the previous production version', async () => {
    const passed = { passed: true, reason: 'Passed.' };
    const a = await registry.register({ name: 'stage', onnx: bytes(1), card: card(0.9), metrics: { auc: 0.9 }, gate: passed });
    const b = await registry.register({ name: 'stage', onnx: bytes(2), card: card(0.91), metrics: { auc: 0.91 }, gate: passed });
    const blocked = await registry.register({
      name: 'stage',
      onnx: bytes(3),
      card: card(0.7),
      metrics: { auc: 0.7 },
      gate: { passed: false, reason: 'Blocked: auc 0.7 < 0.85.' },
    });
    await registry.setStage('stage', a.version, 'staging');
    expect((await registry.version('stage', 'staging')).version).toBe(a.version);
    const first = await registry.setStage('stage', a.version, 'production');
    expect(first).toMatchObject({ previousStage: 'staging', archived: [] });
    const second = await registry.setStage('stage', b.version, 'production');
    expect(second.archived).toEqual([a.version]);
    expect((await registry.version('stage', a.version)).stage).toBe('archived');
    await expect(registry.setStage('stage', blocked.version, 'production')).rejects.toMatchObject({
      code: 'GATE_REFUSED',
      message: expect.stringContaining('Blocked: auc 0.7 < 0.85.'),
    });
    await registry.setStage('stage', blocked.version, 'production', { override: true });
    const summary = await registry.get('stage');
    expect(summary).toMatchObject({ productionVersion: blocked.version, versions: 3, latestVersion: blocked.version });
    const production = await handle.db
      .selectFrom('model_versions')
      .select('version')
      .where('model_name', '=', 'stage')
      .where('stage', '=', 'production')
      .execute();
    expect(production).toHaveLength(1);
    await expect(registry.setStage('stage', 99, 'staging')).rejects.toMatchObject({ code: 'MODEL_VERSION_UNKNOWN' });
    // Two promotions at once: the model row's lock orders them, and one version ends in production.
    await Promise.all([registry.setStage('stage', a.version, 'production'), registry.setStage('stage', b.version, 'production')]);
    const after = await registry.versions('stage');
    expect(after.filter((v) => v.stage === 'production')).toHaveLength(1);
    expect(after.filter((v) => v.stage === 'archived')).toHaveLength(2);
    await expect(registry.version('nope', 'latest')).rejects.toMatchObject({ code: 'MODEL_VERSION_UNKNOWN' });
  });

  test('two versions compare metric by metric and card by card', async () => {
    const a = await registry.register({ name: 'cmp', onnx: bytes(5), card: card(0.8), metrics: { auc: 0.8, logloss: 0.5 } });
    const changed = card(0.9, { classes: ['no', 'yes', 'maybe'] });
    (changed.features as unknown[]).push({ name: 'tenure', type: 'integer', stats: {} });
    const b = await registry.register({ name: 'cmp', onnx: bytes(6), card: changed, metrics: { auc: 0.9, f1: 0.7 } });
    const diff = await registry.compare('cmp', a.version, b.version);
    expect(diff.metrics).toEqual([
      { name: 'auc', a: 0.8, b: 0.9, delta: expect.closeTo(0.1, 12) },
      { name: 'f1', a: null, b: 0.7, delta: null },
      { name: 'logloss', a: 0.5, b: null, delta: null },
    ]);
    expect(diff.card.features).toEqual({ added: ['tenure'], removed: [], typeChanged: [] });
    expect(diff.card.classes).toEqual({ added: ['maybe'], removed: [] });
    expect(diff.card.statistics).toEqual([{ feature: 'age', statistic: 'mean', a: 40.8, b: 40.9, delta: expect.closeTo(0.1, 12) }]);
  });
});
