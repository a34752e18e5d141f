import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { ModelRegistry } from './model-registry';

const templates = fileURLToPath(new URL('../../../templates/', import.meta.url));
type Run = { id: number; status: string; attempts: number; error: { code: string; message: string; nodeId?: string } | null };
type Detail = Run & { nodes: Array<{ nodeId: string; status: string; error: { code: string; message: string } | null }> };

// The deploy and batch nodes in real server runs: worker threads, host calls, the registry on PGlite,
// onnxruntime-node, and a real PostgreSQL database as the batch target.
describe('deploy and batch scoring through server runs', () => {
  let t: RunsTestApp;
  let registry: ModelRegistry;
  let target: { url: string; drop(): Promise<void> };

  const template = async (name: string) => JSON.parse(await readFile(join(templates, name), 'utf8')) as Record<string, unknown>;
  const save = async (graph: Record<string, unknown>) => expect((await t.call('POST', '/api/graphs', { graph })).status).toBe(201);
  const finished = async (id: number, attempts = 1): Promise<Detail> => {
    for (;;) {
      const run = (await (await t.call('GET', `/api/runs/${id}`)).json()) as Detail;
      if (run.attempts >= attempts && !['queued', 'running'].includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const run = async (graphId: string) => {
    const response = await t.call('POST', '/api/runs', { graphId });
    expect(response.status).toBe(201);
    return finished(((await response.json()) as Run).id);
  };
  // What the sweeper does with a run whose worker died: the same run, claimed again.
  const rerun = async (id: number) => {
    await t.handle.db.updateTable('runs').set({ status: 'queued', finished_at: null, error: null }).where('id', '=', id).execute();
    t.runtime.hub.bus.publish({ kind: 'queued' });
    return finished(id, 2);
  };

  beforeAll(async () => {
    t = await runsTestApp('pglite', { runTimeoutMs: 60_000 });
    registry = new ModelRegistry(t.handle.db, t.runtime.hub.artifacts as NonNullable<typeof t.runtime.hub.artifacts>);
    target = await scratchPostgresDatabase();
    await save(await template('housing-regression-deploy.json'));
    const blocked = await template('housing-regression-deploy.json');
    blocked.id = 'housing-blocked';
    for (const node of blocked.nodes as Array<{ id: string; config: Record<string, unknown> }>) {
      if (node.id === 'gate') node.config.expression = 'r2 >= 0.999';
      if (node.id === 'register') node.config.name = 'housing-blocked';
    }
    await save(blocked);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await target?.drop();
  }, 60_000);

  test('a passing gate registers version 1 with its provenance, once per run', { timeout: 90_000 }, async () => {
    const first = await run('housing-regression-deploy');
    expect(first.status, JSON.stringify(first.error)).toBe('succeeded');
    const version = await registry.version('housing-price', 'latest');
    expect(version).toMatchObject({
      version: 1,
      graphId: 'housing-regression-deploy',
      graphVersion: 1,
      runId: first.id,
      gate: { passed: true },
    });
    expect(version.metrics.r2).toBeGreaterThan(0.8);
    expect(version.card).toMatchObject({ task: 'regression', target: 'price' });
    const onnx = await registry.readOnnx('housing-price', 1);
    expect(onnx.byteLength).toBeGreaterThan(1000);

    const again = await rerun(first.id);
    expect(again.status).toBe('succeeded');
    const logs = await t.handle.db
      .selectFrom('run_events')
      .select('data')
      .where('run_id', '=', first.id)
      .where('type', '=', 'node:log')
      .execute();
    expect(JSON.stringify(logs)).toContain('\\"housing-price\\" version 1 was already registered by this run.');
    expect((await registry.versions('housing-price')).map((v) => v.version)).toEqual([1]);
  });

  test('a failing gate registers nothing and the run says why', { timeout: 90_000 }, async () => {
    const blocked = await run('housing-blocked');
    expect(blocked.status).toBe('failed');
    expect(blocked.error).toMatchObject({ code: 'MODEL_GATE_BLOCKED', nodeId: 'gate' });
    expect(blocked.error?.message).toMatch(/Blocked: r2 0\.\d+ < 0\.999/);
    expect(blocked.nodes.find((n) => n.nodeId === 'register')?.status).not.toBe('succeeded');
    expect((await registry.list()).map((m) => m.name)).not.toContain('housing-blocked');
  });

  test('batch scoring writes to PostgreSQL once per run, and to a file in the exports folder', { timeout: 120_000 }, async () => {
    await registry.setStage('housing-price', 1, 'production');
    await t.services.secrets.put('warehouse', t.services.cipher.encrypt('warehouse', target.url), 'test');
    await t.services.secrets.setGrants('warehouse', { roles: ['analyst'], users: [] });
    const graph = await template('batch-scoring.json');
    const nodes = graph.nodes as Array<{ id: string; config: Record<string, unknown> }>;
    const score = nodes.find((n) => n.id === 'score') as { config: Record<string, unknown> };
    await save(graph);
    score.config.destination = { kind: 'postgres', connection: { $secret: 'warehouse' }, table: 'public.housing_scores' };
    await save({ ...graph, id: 'batch-to-postgres' });

    const toFile = await run('batch-scoring');
    expect(toFile.status, JSON.stringify(toFile.error)).toBe('succeeded');
    const csv = await readFile(join(t.dataDir, 'exports', 'housing-scores.csv'), 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(501);
    expect(lines[0]).toContain('prediction');
    expect(lines[0]).toContain('_model_version');

    const toTable = await run('batch-to-postgres');
    expect(toTable.status, JSON.stringify(toTable.error)).toBe('succeeded');
    expect((await rerun(toTable.id)).status).toBe('succeeded');
    const logs = await t.handle.db
      .selectFrom('run_events')
      .select('data')
      .where('run_id', '=', toTable.id)
      .where('type', '=', 'node:log')
      .execute();
    expect(JSON.stringify(logs)).toContain('500 rows, replacing 500 from an earlier attempt');
    // A retry is a new run (retry_of the first): its rows replace the first run's, under the first run's key.
    const retried = await t.call('POST', `/api/runs/${toTable.id}/retry`, {});
    expect(retried.status).toBe(201);
    expect((await finished(((await retried.json()) as Run).id)).status).toBe('succeeded');
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      const rows = await client.query<{ key: string; n: number; mean: number }>(
        'select _run_key as key, count(*)::int as n, avg(prediction) as mean from housing_scores group by _run_key',
      );
      expect(rows.rows).toEqual([{ key: `${toTable.id}:score`, n: 500, mean: expect.any(Number) }]);
      expect(rows.rows[0]?.mean).toBeGreaterThan(10_000);
      const types = await client.query<{ column_name: string; data_type: string }>(
        "select column_name, data_type from information_schema.columns where table_name = 'housing_scores' order by ordinal_position",
      );
      expect(types.rows).toContainEqual({ column_name: 'prediction', data_type: 'double precision' });
      expect(types.rows).toContainEqual({ column_name: 'rooms', data_type: 'bigint' });
      expect(types.rows).toContainEqual({ column_name: 'neighbourhood', data_type: 'text' });
      expect(types.rows).toContainEqual({ column_name: '_model_version', data_type: 'bigint' });
      expect(types.rows).toContainEqual({ column_name: '_scored_at', data_type: 'timestamp with time zone' });
      const stamps = await client.query<{ version: number; n: number; recent: boolean }>(
        "select _model_version::int as version, count(*)::int as n, bool_and(_scored_at > now() - interval '1 hour') as recent from housing_scores group by 1",
      );
      expect(stamps.rows).toEqual([{ version: 1, n: 500, recent: true }]);
    } finally {
      await client.end();
    }
  });
});
