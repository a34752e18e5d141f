import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../app';
import { startEndpoints } from '../endpoints/endpoints-runtime';
import { modelVersionsIn } from '../endpoints/model-version-source';
import { AuditRepository } from '../repositories/audit-repository';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { createRegistry } from '../runs/test-nodes';
import { SecretCipher } from '../secrets/secret-cipher';
import { ModelRegistry } from './model-registry';

type Run = { id: number; status: string; attempts: number; error: { code: string; message: string; nodeId?: string } | null };
type Page = { rows: Array<Record<string, unknown>> };

const expectClose = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  for (const [i, value] of actual.entries()) expect(value).toBeCloseTo(expected[i] as number, 6);
};

const node = (id: string, type: string, config: Record<string, unknown>) => ({ id, type, version: 1, position: [0, 0], config });
const edge = (from: string, to: string) => ({ from, to });

// Raw daily rows (date, temperature, promotion) → month, a derived square, imputed and scaled
// temperatures → split → linear regression for visitors: four row-wise nodes the model never sees.
const trainGraph = {
  format: 'causeway.graph/1',
  id: 'visitors-pipeline',
  name: 'Visitors from the raw date',
  nodes: [
    node('load', 'source.sample', { dataset: 'visitors' }),
    node('parts', 'transform.date-parts', { column: 'date', parts: ['month'], prefix: '' }),
    node('square', 'transform.derive', { columns: [{ name: 'temp_sq', expression: 'temperature_c * temperature_c' }] }),
    node('fill', 'transform.impute', { columns: ['temperature_c'], strategy: 'median' }),
    node('scale', 'transform.scale', { columns: ['temperature_c', 'temp_sq'], method: 'standard' }),
    node('split', 'transform.split', { seed: 7, test: 0.25 }),
    node('train', 'model.linear-regression', { target: 'visitors', features: ['month', 'temperature_c', 'temp_sq', 'promotion'] }),
    node('scoreAll', 'model.predict', {}),
    node('register', 'deploy.register-model', { name: 'visitors' }),
  ],
  edges: [
    edge('load.table', 'parts.table'),
    edge('parts.table', 'square.table'),
    edge('square.table', 'fill.table'),
    edge('fill.table', 'scale.table'),
    edge('scale.table', 'split.table'),
    edge('split.train', 'train.table'),
    edge('train.model', 'scoreAll.model'),
    edge('scale.table', 'scoreAll.table'),
    edge('train.model', 'register.model'),
  ],
};

// Raw rows scored by the registered version: batch scoring to a file, and model.registered → model.predict.
const scoreGraph = {
  format: 'causeway.graph/1',
  id: 'visitors-batch',
  name: 'Score raw visitors rows',
  nodes: [
    node('load', 'source.sample', { dataset: 'visitors' }),
    node('batch', 'deploy.batch-score', {
      model: 'visitors',
      version: 1,
      destination: { kind: 'file', format: 'csv', name: 'visitors.csv' },
    }),
    node('model', 'model.registered', { model: 'visitors', version: 1 }),
    node('predict', 'model.predict', {}),
  ],
  edges: [edge('load.table', 'batch.table'), edge('load.table', 'predict.table'), edge('model.model', 'predict.model')],
};

// A lag over days is not row-wise: registering must name it.
const windowGraph = {
  ...trainGraph,
  id: 'visitors-window',
  nodes: [
    ...trainGraph.nodes.filter((n) => n.id !== 'register'),
    node('yesterday', 'transform.window', { orderBy: [{ column: 'date' }], ops: [{ op: 'lag', column: 'visitors', as: 'yesterday' }] }),
    node('register', 'deploy.register-model', { name: 'visitors-window' }),
  ],
  edges: trainGraph.edges
    .map((e) => (e.from === 'load.table' ? edge('yesterday.table', e.to) : e))
    .concat([edge('load.table', 'yesterday.table')]),
};

// The endpoint's sampled requests against the raw training rows: drift on the columns a client sends.
const requestDriftGraph = {
  format: 'causeway.graph/1',
  id: 'visitors-request-drift',
  name: 'Raw requests against raw training rows',
  nodes: [
    node('requests', 'source.endpoint-requests', { endpoint: 'visitors-sampled', lookbackHours: 0 }),
    node('load', 'source.sample', { dataset: 'visitors' }),
    node('drift', 'validate.drift', { columns: ['date', 'temperature_c', 'promotion'], stopOnFailure: false }),
  ],
  edges: [edge('requests.table', 'drift.table'), edge('load.table', 'drift.reference')],
};

describe.each(['pglite', 'postgres'] as const)('a served scoring path on %s', (kind) => {
  let t: RunsTestApp;
  let registry: ModelRegistry;
  let endpoints: ReturnType<typeof startEndpoints>;
  let served: ReturnType<typeof createApp>;
  let ops: string;

  const finished = async (id: number): Promise<Run> => {
    for (;;) {
      const run = (await (await t.call('GET', `/api/runs/${id}`)).json()) as Run;
      if (!['queued', 'running'].includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const run = async (graph: { id: string }) => {
    expect((await t.call('POST', '/api/graphs', { graph })).status).toBe(201);
    const response = await t.call('POST', '/api/runs', { graphId: graph.id });
    expect(response.status).toBe(201);
    return finished(((await response.json()) as Run).id);
  };
  const page = async (runId: number, port: string, limit: number) =>
    ((await (await t.call('GET', `/api/runs/${runId}/outputs/${port}?offset=0&limit=${limit}`)).json()) as Page).rows;
  const call = (path: string, body: unknown) =>
    served.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${ops}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await runsTestApp(kind, { runTimeoutMs: 60_000 });
    const artifacts = t.runtime.hub.artifacts as NonNullable<typeof t.runtime.hub.artifacts>;
    registry = new ModelRegistry(t.handle.db, artifacts);
    endpoints = startEndpoints({
      db: t.handle.db,
      versions: modelVersionsIn(t.handle.db, artifacts),
      audit: new AuditRepository(t.handle.db),
      logger: t.logger,
      options: { flushMs: 60_000 },
    });
    served = createApp({
      endpoints,
      db: t.handle.db,
      registry: createRegistry(),
      cipher: new SecretCipher(randomBytes(32)),
      logger: t.logger,
      bodyLimit: 1024 * 1024,
      corsOrigin: 'http://127.0.0.1:8787',
    });
    ops = (await t.services.tokens.create({ name: 'ops-test', role: 'ops', createdBy: null })).token;
  }, 120_000);
  afterAll(async () => {
    await endpoints?.close();
    await t?.close();
  }, 60_000);

  test('registering keeps the path; the endpoint, batch scoring and model.predict take raw rows', { timeout: 120_000 }, async () => {
    const trained = await run(trainGraph);
    expect(trained.status, JSON.stringify(trained.error)).toBe('succeeded');
    const version = await registry.version('visitors', 1);
    expect(version.scoringPath?.steps.map((s) => s.node)).toEqual(['parts', 'square', 'fill', 'scale']);
    expect(version.card).toMatchObject({
      scoringPath: {
        inputs: [
          { name: 'date', type: 'date' },
          { name: 'temperature_c', type: 'number' },
          { name: 'promotion', type: 'boolean' },
        ],
        optional: [{ name: 'visitors' }],
        skipped: ['split'],
        inOnnx: false,
      },
    });

    // The graph's own scoring of its transformed rows, beside the raw rows they came from.
    const raw = await page(trained.id, 'load/table', 20);
    const expected = (await page(trained.id, 'scoreAll/table', 20)).map((r) => r.prediction as number);
    expect(raw[0]).not.toHaveProperty('month');

    expect((await call('/api/endpoints', { name: 'visitors', model: 'visitors' })).status).toBe(201);
    const promoted = await call('/api/endpoints/visitors/promote', { version: 1, override: true, reason: 'journey test' });
    expect(promoted.status, await promoted.clone().text()).toBe(200);
    const detail = (await (
      await served.app.request('/api/endpoints/visitors', { headers: { authorization: `Bearer ${ops}` } })
    ).json()) as {
      inputExample: Record<string, unknown>;
    };
    expect(Object.keys(detail.inputExample)).toEqual(['date', 'temperature_c', 'promotion']);
    const rows = raw.map((r) => ({ date: r.date, temperature_c: r.temperature_c, promotion: r.promotion }));
    const answer = await call('/api/endpoints/visitors/predict', { rows });
    expect(answer.status, await answer.clone().text()).toBe(200);
    const predictions = ((await answer.json()) as { predictions: number[] }).predictions;
    expect(predictions).toHaveLength(20);
    expectClose(predictions, expected);

    // What the card says the model reads is what a request must send.
    const monthOnly = await call('/api/endpoints/visitors/predict', { rows: [{ month: 1, temperature_c: 3, promotion: false }] });
    expect(monthOnly.status).toBe(422);
    expect(await monthOnly.json()).toMatchObject({ code: 'ENDPOINT_INPUT_INVALID', details: { problems: [{ field: 'date' }] } });

    const scored = await run(scoreGraph);
    expect(scored.status, JSON.stringify(scored.error)).toBe('succeeded');
    const csv = (await readFile(join(t.dataDir, 'exports', 'visitors.csv'), 'utf8')).trim().split('\n');
    const column = (csv[0] as string).split(',').indexOf('prediction');
    const batch = csv.slice(1, 21).map((line) => Number(line.split(',')[column]));
    expectClose(batch, expected);
    const predicted = (await page(scored.id, 'predict/table', 20)).map((r) => r.prediction as number);
    expectClose(predicted, expected);
  });

  test('a node that is not row-wise is refused at registration, by name', { timeout: 120_000 }, async () => {
    const refused = await run(windowGraph);
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatchObject({ code: 'SCORING_PATH_UNSUPPORTED', nodeId: 'register' });
    expect(refused.error?.message).toContain('"yesterday" (transform.window)');
    expect((await registry.list()).map((m) => m.name)).not.toContain('visitors-window');
  });

  test('sampled requests keep the raw columns, and drift compares them with the raw training rows', { timeout: 120_000 }, async () => {
    // Needs the version registered by the first test.
    const create = await call('/api/endpoints', { name: 'visitors-sampled', model: 'visitors', sampleRate: 1 });
    expect(create.status, await create.clone().text()).toBe(201);
    const promoted = await call('/api/endpoints/visitors-sampled/promote', { version: 1, override: true, reason: 'sampling test' });
    expect(promoted.status, await promoted.clone().text()).toBe(200);
    const trained = (await registry.version('visitors', 1)).runId as number;
    const raw = await page(trained, 'load/table', 30);
    // A client may send a date as ISO text or epoch milliseconds: both come back as the same date.
    const rows = raw.map((r, i) => ({
      date: i % 2 === 0 ? r.date : new Date(r.date as number).toISOString(),
      temperature_c: r.temperature_c,
      promotion: r.promotion,
    }));
    expect((await call('/api/endpoints/visitors-sampled/predict', { rows })).status).toBe(200);
    await endpoints.predictor.idle();
    await endpoints.flush();

    const drift = await run(requestDriftGraph);
    expect(drift.status, JSON.stringify(drift.error)).toBe('succeeded');
    const sampled = await page(drift.id, 'requests/table', 30);
    expect(sampled).toHaveLength(30);
    expect(Object.keys(sampled[0] as object).slice(0, 3)).toEqual(['date', 'temperature_c', 'promotion']);
    expect(sampled.map((r) => r.date)).toEqual(raw.map((r) => r.date));
    expect(sampled.every((r) => r.date !== null && r.promotion !== null)).toBe(true);
    const report = (await (await t.call('GET', `/api/runs/${drift.id}/outputs/drift/report`)).json()) as {
      value: { checks: { name: string; passed: boolean; message: string }[] };
    };
    const checks = report.value.checks.map((c) => [c.name, c.passed, c.message]);
    expect(checks.map((c) => c[0])).toEqual(['date drift', 'temperature_c drift', 'promotion drift']);
    // Each raw column is compared (the first 30 days against the whole year: date and temperature drift).
    for (const [name, , message] of checks) expect(message, String(name)).toMatch(/^(drifted|stable): PSI /);
    expect(checks.find((c) => c[0] === 'date drift')?.[1]).toBe(false);
  });
});
