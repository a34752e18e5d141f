import { stat } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, readEvents, runsTestApp, testGraph } from './runs-test-app';
import { inlineJsonBytes } from './store-run-outputs';

type Outputs = Record<string, Record<string, unknown>>;
type RunDetail = { id: number; status: string; nodes: Array<{ nodeId: string; status: string; outputs: Outputs }> };

const maxJsonOutputBytes = 64 * 1024;

// Two features that separate the classes well enough for a stable fit.
const trainingRows = Array.from({ length: 40 }, (_, i) => {
  const yes = i % 2 === 0;
  return [yes ? 2 + (i % 5) * 0.3 : -2 - (i % 7) * 0.2, (i % 3) - 1 + (yes ? 0.5 : -0.5), yes ? 'yes' : 'no'];
});
const trainGraph = testGraph(
  'train',
  [
    {
      id: 'load',
      type: 'source.inline',
      config: {
        columns: [
          { name: 'x1', type: 'number' },
          { name: 'x2', type: 'number' },
          { name: 'label', type: 'string' },
        ],
        rows: trainingRows,
      },
    },
    { id: 'fit', type: 'model.logistic-regression', config: { target: 'label' } },
    { id: 'score', type: 'model.predict' },
    { id: 'check', type: 'model.evaluate', config: { target: 'label' } },
  ],
  [
    'load.table -> fit.table',
    'load.table -> score.table',
    'fit.model -> score.model',
    'score.table -> check.table',
    'fit.model -> check.model',
  ],
);
const valuesGraph = testGraph('values', [
  { id: 'small', type: 'test.output', config: { shape: 'json', bytes: 10 } },
  { id: 'medium', type: 'test.output', config: { shape: 'json', bytes: 20_000 } },
  { id: 'huge', type: 'test.output', config: { shape: 'json', bytes: 1_000_000 } },
  { id: 'big', type: 'test.output', config: { shape: 'bigint' } },
  { id: 'loop', type: 'test.output', config: { shape: 'cycle' } },
]);

async function runToEnd(t: RunsTestApp, graphId: string): Promise<RunDetail> {
  const started = await t.call('POST', '/api/runs', { graphId });
  expect(started.status).toBe(201);
  const { id } = (await started.json()) as { id: number };
  await readEvents(await t.call('GET', `/api/runs/${id}/events`));
  return (await (await t.call('GET', `/api/runs/${id}`)).json()) as RunDetail;
}

function outputsOf(run: RunDetail, nodeId: string): Outputs {
  const node = run.nodes.find((n) => n.nodeId === nodeId);
  expect(node, `node ${nodeId}`).toBeDefined();
  return node?.outputs ?? {};
}

describe.each(['pglite', 'postgres'] as const)('run outputs kept as artifacts on %s', (kind) => {
  let t: RunsTestApp;

  beforeAll(async () => {
    t = await runsTestApp(kind, { runTimeoutMs: 60_000, maxJsonOutputBytes });
    for (const graph of [trainGraph, valuesGraph]) expect((await t.call('POST', '/api/graphs', { graph })).status).toBe(201);
  }, 120_000);
  afterAll(() => t?.close(), 60_000);

  test('a trained model downloads as ONNX that onnxruntime loads and scores; its card, metrics and chart come back as JSON', {
    timeout: 90_000,
  }, async () => {
    const run = await runToEnd(t, 'train');
    expect(run.status).toBe('succeeded');
    const fit = outputsOf(run, 'fit');
    expect(fit.model).toMatchObject({
      kind: 'model',
      format: 'onnx',
      task: 'classification',
      artifact: expect.stringMatching(/^[0-9a-f]{64}$/),
      cardArtifact: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const file = await t.call('GET', `/api/runs/${run.id}/outputs/fit/model`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="fit.model.onnx"');
    const onnx = new Uint8Array(await file.arrayBuffer());
    expect(onnx.byteLength).toBe(fit.model?.bytes);

    const session = await ort.InferenceSession.create(onnx);
    try {
      const feeds: Record<string, ort.Tensor> = {};
      const x1 = [3, -3];
      const x2 = [0.5, -0.5];
      for (const name of session.inputNames) {
        const values = name === 'x1' ? x1 : name === 'x2' ? x2 : undefined;
        expect(values, `model input ${name}`).toBeDefined();
        feeds[name] = new ort.Tensor('float64', Float64Array.from(values ?? []), [2, 1]);
      }
      const result = await session.run(feeds);
      const label = result[session.outputNames[0] as string];
      expect(Array.from(label?.data as ArrayLike<string>)).toEqual(['yes', 'no']);
    } finally {
      await session.release();
    }

    const card = await t.call('GET', `/api/runs/${run.id}/outputs/fit/model?card=1`);
    expect(card.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await card.json()).toMatchObject({ kind: 'model', card: { task: 'classification', target: 'label', classes: ['no', 'yes'] } });

    const metrics = await t.call('GET', `/api/runs/${run.id}/outputs/check/metrics`);
    expect(metrics.status).toBe(200);
    const answer = (await metrics.json()) as { kind: string; value: { values: Record<string, number> } };
    expect(answer.kind).toBe('metrics');
    const values = answer.value.values;
    expect(values.accuracy).toBeGreaterThan(0.9);
    const chart = await t.call('GET', `/api/runs/${run.id}/outputs/check/chart`);
    expect(chart.status).toBe(200);
    const spec = (await chart.json()) as { kind: string; value: Record<string, unknown> };
    expect(spec.kind).toBe('chart');
    expect(JSON.stringify(spec.value)).toMatch(/vega-lite/);

    // Tables still page as before.
    const page = await t.call('GET', `/api/runs/${run.id}/outputs/score/table?limit=2`);
    expect(await page.json()).toMatchObject({
      kind: 'table',
      total: 40,
      rows: [
        { label: 'yes', prediction: 'yes' },
        { label: 'no', prediction: 'no' },
      ],
    });
  });

  test('JSON values: small ones kept in the record, larger ones as files, too large or not JSON-able noted without failing the run', {
    timeout: 60_000,
  }, async () => {
    const run = await runToEnd(t, 'values');
    expect(run.status).toBe('succeeded');
    const out = (node: string) => outputsOf(run, node).out;

    expect(out('small')).toMatchObject({ kind: 'value', format: 'json', value: { text: 'x'.repeat(10), numbers: [1, 2.5, -3] } });
    expect(out('small')?.artifact).toBeUndefined();
    const small = await t.call('GET', `/api/runs/${run.id}/outputs/small/out`);
    expect(await small.json()).toEqual({ kind: 'value', value: { text: 'x'.repeat(10), numbers: [1, 2.5, -3] } });

    expect(out('medium')).toMatchObject({ kind: 'value', format: 'json', artifact: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(Number(out('medium')?.bytes)).toBeGreaterThan(inlineJsonBytes);
    const medium = await t.call('GET', `/api/runs/${run.id}/outputs/medium/out`);
    expect(medium.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await medium.json()) as { kind: string; value: { text: string } }).value.text).toHaveLength(20_000);

    const notes: Array<[string, RegExp]> = [
      ['huge', new RegExp(`larger than the ${maxJsonOutputBytes}-byte limit`)],
      ['big', /big integer/],
      ['loop', /refers to itself/],
    ];
    for (const [node, why] of notes) {
      expect(out(node)?.note).toMatch(why);
      expect(out(node)?.artifact).toBeUndefined();
      const missing = await t.call('GET', `/api/runs/${run.id}/outputs/${node}/out`);
      expect(missing.status).toBe(404);
      const body = (await missing.json()) as { code: string; message: string; details: Record<string, unknown> };
      expect(body.code).toBe('NOT_FOUND');
      expect(body.message).toContain(`"${node}.out"`);
      expect(body.message).toMatch(why);
      expect(body.details).toMatchObject({ runId: run.id, nodeId: node, port: 'out' });
    }
  });

  test('a missing output, or a card asked of a non-model, is a 404 naming node and port', { timeout: 60_000 }, async () => {
    const run = await runToEnd(t, 'values');
    const nope = await t.call('GET', `/api/runs/${run.id}/outputs/small/nope`);
    expect(nope.status).toBe(404);
    expect(((await nope.json()) as { message: string }).message).toBe(`Run ${run.id} has no output "small.nope".`);
    const card = await t.call('GET', `/api/runs/${run.id}/outputs/small/out?card=1`);
    expect(card.status).toBe(404);
    expect(((await card.json()) as { message: string }).message).toMatch(/"small\.out".*is a value, not a model/);
  });
});

describe.each(['pglite', 'postgres'] as const)('run output retention on %s', (kind) => {
  let t: RunsTestApp;

  beforeAll(async () => {
    // One second of retention, looked at five times a second.
    t = await runsTestApp(kind, { runTimeoutMs: 60_000, maxJsonOutputBytes, outputRetentionDays: 1 / 86_400, outputSweepMs: 200 });
    expect((await t.call('POST', '/api/graphs', { graph: trainGraph })).status).toBe(201);
  }, 120_000);
  afterAll(() => t?.close(), 60_000);

  test('outputs of runs past retention are released and their files removed; a model registered elsewhere stays', {
    timeout: 90_000,
  }, async () => {
    const run = await runToEnd(t, 'train');
    expect(run.status).toBe('succeeded');
    const store = t.runtime.hub.artifacts;
    if (store === undefined) throw new Error('the runs runtime has no artifact store');
    const tableHash = String(outputsOf(run, 'score').table?.artifact);
    const modelHash = String(outputsOf(run, 'fit').model?.artifact);
    // As the model registry would hold a registered version.
    await store.hold(modelHash, 'model:churn:1');

    // Watched on disk, not through the API: reading an output counts as using it.
    const present = () =>
      stat(store.pathOf(tableHash)).then(
        () => true,
        () => false,
      );
    await expect.poll(present, { interval: 250, timeout: 30_000 }).toBe(false);
    const gone = await t.call('GET', `/api/runs/${run.id}/outputs/score/table`);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { message: string }).message).toMatch(/"score\.table".*no longer kept/);
    await expect(stat(store.pathOf(tableHash))).rejects.toThrow(/ENOENT/);
    const refs = await t.handle.db.selectFrom('artifact_refs').select('owner').where('owner', 'like', `run:${run.id}:%`).execute();
    expect(refs).toEqual([]);

    // Held by the registry, the model outlives the run's retention.
    expect((await stat(store.pathOf(modelHash))).isFile()).toBe(true);
    const file = await t.call('GET', `/api/runs/${run.id}/outputs/fit/model`);
    expect(file.status).toBe(200);
  });
});
