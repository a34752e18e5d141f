import { createBuiltinRegistry } from '@causeway/nodes';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { moveAlias } from '../models/model-aliases';
import { ModelRegistry } from '../models/model-registry';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';

const graphOf = (rows: number[][]) => ({
  format: 'causeway.graph/1',
  id: 'prices',
  name: 'Prices',
  nodes: [
    {
      id: 'load',
      type: 'source.inline',
      version: 1,
      config: { columns: [{ name: 'price', type: 'number' }], rows },
      position: [0, 0],
    },
  ],
  edges: [],
});

const tests = {
  format: 'causeway.tests/1',
  cases: [
    { name: 'three prices', expect: [{ output: 'load.table', rows: 3 }] },
    {
      name: 'a fixture replaces the source',
      replace: { load: { columns: [{ name: 'price', type: 'number' }], rows: [[9]] } },
      expect: [{ output: 'load.table', values: { columns: ['price'], rows: [[9]] } }],
    },
  ],
};

// The same suite on both databases the server supports.
describe.each(['pglite', 'postgres'] as const)('graph version tests and the model policy on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;
  let models: ModelRegistry;
  const onnx = Uint8Array.from({ length: 64 }, (_, i) => i);
  beforeAll(async () => {
    if (kind === 'postgres') {
      const scratch = await scratchPostgresDatabase();
      drop = scratch.drop;
      t = await makeTestApp({ target: { kind: 'postgres', url: scratch.url }, registry: createBuiltinRegistry() });
    } else t = await makeTestApp({ registry: createBuiltinRegistry() });
    models = new ModelRegistry(t.handle.db, t.artifacts);
    const created = await t.call('POST', '/api/graphs', { token: t.tokens.analyst, body: { graph: graphOf([[1], [2], [3]]) } });
    expect(created.status).toBe(201);
    const second = await t.call('POST', '/api/graphs/prices/versions', { token: t.tokens.analyst, body: { graph: graphOf([[1], [2]]) } });
    expect(second.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  const put = (version: number, body: unknown, token = t.tokens.analyst) =>
    t.call('PUT', `/api/graphs/prices/versions/${version}/tests`, { token, body });
  const run = (version: number) => t.call('POST', `/api/graphs/prices/versions/${version}/tests/run`, { token: t.tokens.analyst });

  test('tests saved beside a version run on the server, and the verdict per case is stored', async () => {
    const bad = await put(1, {
      tests: { format: 'causeway.tests/1', cases: [{ name: 'x', expect: [{ output: 'load.table', rows: 'three' }] }] },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'TESTS_SCHEMA' });
    expect((await put(1, { tests }, t.tokens.client)).status).toBe(403);
    expect((await put(9, { tests })).status).toBe(404);

    for (const version of [1, 2]) {
      const saved = await put(version, { tests });
      expect(saved.status).toBe(200);
      expect(await saved.json()).toMatchObject({ status: 'untested', cases: null, updatedBy: 'analyst-test' });
    }
    const passed = await run(1);
    expect(passed.status).toBe(200);
    expect(await passed.json()).toMatchObject({
      status: 'passed',
      ranBy: 'analyst-test',
      cases: [
        { name: 'three prices', status: 'passed' },
        { name: 'a fixture replaces the source', status: 'passed' },
      ],
    });
    const failed = (await (await run(2)).json()) as { status: string; cases: { name: string; status: string; failures: unknown[] }[] };
    expect(failed.status).toBe('failed');
    expect(failed.cases.map((c) => [c.name, c.status])).toEqual([
      ['three prices', 'failed'],
      ['a fixture replaces the source', 'passed'],
    ]);
    const read = await t.call('GET', '/api/graphs/prices/versions/2/tests', { token: t.tokens.ops });
    expect(await read.json()).toMatchObject({ status: 'failed', tests });
  });

  test('a model whose policy requires passed tests refuses versions from a graph version whose tests failed', async () => {
    const card = { task: 'regression', target: 'price', features: [] };
    const base = { name: 'price-model', onnx, card, metrics: {}, gate: { passed: true, reason: 'ok' }, graphId: 'prices' };
    // Registered before the policy: from the failing version 2, and from version 1.
    const fromFailing = await models.register({ ...base, graphVersion: 2 });
    const fromPassing = await models.register({ ...base, graphVersion: 1 });
    const policy = await t.call('PUT', '/api/models/price-model/policy', { token: t.tokens.ops, body: { requireGraphTests: true } });
    expect(policy.status).toBe(200);
    expect(
      (await t.call('PUT', '/api/models/price-model/policy', { token: t.tokens.analyst, body: { requireGraphTests: true } })).status,
    ).toBe(403);

    await expect(models.register({ ...base, graphVersion: 2 })).rejects.toMatchObject({
      code: 'MODEL_TESTS_REQUIRED',
      details: { failing: ['three prices'] },
    });
    await expect(models.register({ ...base, graphId: undefined })).rejects.toMatchObject({ code: 'MODEL_TESTS_REQUIRED' });
    expect((await models.register({ ...base, graphVersion: 1 })).created).toBe(true);

    // The model lists each version with its graph version's verdict.
    const listed = (await (await t.call('GET', '/api/models/price-model', { token: t.tokens.analyst })).json()) as {
      items: { version: number; graphTests: string | null }[];
    };
    expect(listed.items.map((v) => [v.version, v.graphTests])).toEqual([
      [3, 'passed'],
      [fromPassing.version, 'passed'],
      [fromFailing.version, 'failed'],
    ]);

    const refused = models.setStage('price-model', fromFailing.version, 'staging');
    await expect(refused).rejects.toMatchObject({ code: 'MODEL_TESTS_REQUIRED', message: expect.stringContaining('"three prices"') });
    expect((await models.setStage('price-model', fromPassing.version, 'production')).previousStage).toBe('none');
    // An endpoint promotion moves the alias the same way, and is refused the same way.
    const viaAlias = t.handle.db.transaction().execute((tx) => moveAlias(tx, 'price-model', 'staging', fromFailing.version));
    await expect(viaAlias).rejects.toMatchObject({ code: 'MODEL_TESTS_REQUIRED' });

    // Saving the tests again puts the verdict back to untested: promotion waits for a new run.
    await put(1, { tests });
    await expect(models.register({ ...base, graphVersion: 1 })).rejects.toMatchObject({ code: 'MODEL_TESTS_REQUIRED' });
    const off = await t.call('PUT', '/api/models/price-model/policy', { token: t.tokens.ops, body: { requireGraphTests: false } });
    expect(await off.json()).toEqual({ name: 'price-model', requireGraphTests: false });
    expect((await models.setStage('price-model', fromFailing.version, 'staging')).version.stage).toBe('staging');
  });

  test('a case naming a node the graph lacks is invalid, reported per case, not a server error', async () => {
    const wrong = { format: 'causeway.tests/1', cases: [{ name: 'wrong node', expect: [{ output: 'nope.table', rows: 1 }] }] };
    expect((await put(2, { tests: wrong })).status).toBe(200);
    const answer = await run(2);
    expect(answer.status).toBe(200);
    const verdict = (await answer.json()) as { status: string; cases: { status: string; issues: { code: string; message: string }[] }[] };
    expect(verdict.status).toBe('invalid');
    expect(verdict.cases[0]?.status).toBe('invalid');
    expect(verdict.cases[0]?.issues[0]?.code).toBe('TESTS_CASE_INVALID');
    expect(verdict.cases[0]?.issues[0]?.message).toContain('nope');
  });
});
