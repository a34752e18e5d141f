import { logLoss } from '@causeway/nodes';
import type { ModelValue } from '@causeway/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { churnTable, registerVersion, trainChurnModels } from './test-models';

function rowsOf(n: number, seed: number) {
  const table = churnTable(n, seed);
  const get = (name: string) => table.getChild(name)?.toArray() as ArrayLike<unknown>;
  const [age, visits, member, churn] = [get('age'), get('visits'), get('member'), table.getChild('churn')];
  const plan = table.getChild('plan');
  const rows = Array.from({ length: n }, (_, i) => ({
    age: Number(age[i]),
    visits: Number(visits[i]),
    member: Boolean(member[i]),
    plan: String(plan?.get(i)),
  }));
  return { rows, truth: Array.from({ length: n }, (_, i) => String(churn?.get(i))) };
}

let model: ModelValue;
beforeAll(async () => {
  model = (await trainChurnModels()).logistic;
}, 120_000);

describe.each(['pglite', 'postgres'] as const)('prediction feedback on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const scratch = kind === 'postgres' ? await scratchPostgresDatabase() : undefined;
    drop = scratch?.drop;
    // Nothing is written in the background: the test flushes when it means to.
    t = await makeTestApp({ ...(scratch ? { target: { kind: 'postgres', url: scratch.url } } : {}), endpoints: { flushMs: 600_000 } });
    await registerVersion(t.handle.db, t.artifacts, { name: 'churn', model, gate: { passed: true, reason: 'ok' } });
    const ops = t.tokens.ops;
    expect((await t.call('POST', '/api/endpoints', { token: ops, body: { name: 'churn', model: 'churn', sampleRate: 0 } })).status).toBe(
      201,
    );
    expect((await t.call('POST', '/api/endpoints/churn/promote', { token: ops, body: { version: 1 } })).status).toBe(200);
    const on = await t.call('POST', '/api/endpoints/churn/sampling', { token: ops, body: { feedback: true } });
    expect(await on.json()).toMatchObject({ feedback: true, sampleRate: 0 });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  // biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field in assertions
  const json = async (response: Response) => (await response.json()) as Record<string, any>;
  const send = (outcomes: unknown[], token = t.tokens.client) =>
    t.call('POST', '/api/endpoints/churn/feedback', { token, body: { outcomes } });
  const predicted: { requestId: string; rows: number; probabilities: Record<string, number>[]; predictions: string[]; truth: string[] }[] =
    [];

  test('outcomes sent before and after their prediction is logged are each counted once', async () => {
    for (const seed of [1, 2]) {
      const { rows, truth } = rowsOf(30, seed);
      const answer = await json(await t.call('POST', '/api/endpoints/churn/predict', { token: t.tokens.client, body: { rows } }));
      predicted.push({
        requestId: answer.requestId,
        rows: rows.length,
        probabilities: answer.probabilities,
        predictions: answer.predictions,
        truth,
      });
    }
    const [a, b] = predicted as [(typeof predicted)[0], (typeof predicted)[0]];
    // Request a's rows are not logged yet: its outcomes wait.
    await t.endpoints.predictor.idle();
    const early = await json(await send(a.truth.map((outcome, row) => ({ requestId: a.requestId, row, outcome }))));
    expect(early).toEqual({ received: 30, stored: 30, duplicates: 0, matched: 0, pending: 30 });
    // Logged now; four appliers at once (other processes, in effect) count each outcome once between them.
    await t.endpoints.samples.flush();
    const state = { name: 'churn', modelName: 'churn' };
    const applied = await Promise.all([1, 2, 3, 4].map(() => t.endpoints.feedback.apply(state)));
    expect(applied.reduce((x, y) => x + y, 0)).toBe(30);
    await t.endpoints.flush();
    // b is logged now: its outcomes count at once; half of them, then all (late and partial feedback).
    const half = b.truth.map((outcome, row) => ({ requestId: b.requestId, row, outcome })).slice(0, 15);
    expect(await json(await send(half))).toEqual({ received: 15, stored: 15, duplicates: 0, matched: 15, pending: 0 });
    const all = b.truth.map((outcome, row) => ({ requestId: b.requestId, row, outcome }));
    expect(await json(await send(all))).toEqual({ received: 30, stored: 15, duplicates: 15, matched: 15, pending: 0 });
    // Sending again changes nothing, even with another outcome (the first is kept).
    const flipped = all.map((o) => ({ ...o, outcome: o.outcome === 'yes' ? 'no' : 'yes' }));
    expect(await json(await send(flipped))).toMatchObject({ stored: 0, duplicates: 30, matched: 0 });
    await t.endpoints.flush();

    const live = await json(await t.call('GET', '/api/endpoints/churn/live-metrics?period=day', { token: t.tokens.developer }));
    const truth = [...a.truth, ...b.truth];
    const predictions = [...a.predictions, ...b.predictions];
    const probabilities = [...a.probabilities, ...b.probabilities];
    const codes = Int32Array.from(truth, (c) => (c === 'yes' ? 1 : 0));
    const expected = {
      count: 60,
      accuracy: predictions.filter((p, i) => p === truth[i]).length / 60,
      logLoss: logLoss(codes, [Float64Array.from(probabilities, (p) => p.no ?? 0), Float64Array.from(probabilities, (p) => p.yes ?? 0)]),
    };
    expect(live.items).toHaveLength(1);
    expect(live.items[0]).toMatchObject({ version: 1, count: 60, accuracy: expected.accuracy });
    expect(live.items[0].logLoss).toBeCloseTo(expected.logLoss, 9);
    expect(live.items[0].auc).toBeGreaterThan(0.8);
    expect(live.versions).toEqual([expect.objectContaining({ version: 1, count: 60 })]);
    const hourly = await json(await t.call('GET', '/api/endpoints/churn/live-metrics?version=2', { token: t.tokens.developer }));
    expect(hourly.items).toEqual([]);
  });

  test('bad outcomes are refused naming the item; unknown endpoints and roles without predict are refused', async () => {
    const id = predicted[0]?.requestId as string;
    const bad = await send([
      { requestId: id, row: 0, outcome: 'yes' },
      { requestId: id, row: 1, outcome: 'maybe' },
    ]);
    expect(bad.status).toBe(400);
    const body = await json(bad);
    expect(body.code).toBe('REQUEST_INVALID');
    expect(body.message).toContain('outcomes[1].outcome');
    expect(body.message).toContain('"maybe" is not a class');
    const shape = await send([{ requestId: id, outcome: { no: 1 } }]);
    expect(shape.status).toBe(400);
    const unknown = await t.call('POST', '/api/endpoints/nope/feedback', {
      token: t.tokens.client,
      body: { outcomes: [{ requestId: id, outcome: 'yes' }] },
    });
    expect(unknown.status).toBe(404);
    expect((await send([{ requestId: id, outcome: 'yes' }], t.tokens.developer)).status).toBe(403);
  });

  test('the request log pages newest first, filters, and shows outcomes', async () => {
    const [a, b] = predicted as [(typeof predicted)[0], (typeof predicted)[0]];
    const first = await json(await t.call('GET', '/api/endpoints/churn/requests?limit=25', { token: t.tokens.developer }));
    expect(first.items).toHaveLength(25);
    expect(first.items[0]).toMatchObject({ requestId: b.requestId, row: 29, role: 'answer', version: 1, outcome: b.truth[29] });
    expect(first.items[0].input).toEqual(expect.objectContaining({ plan: expect.any(String) }));
    const ids = [];
    let next = first.next;
    ids.push(...first.items.map((i: { id: number }) => i.id));
    while (next !== null) {
      const page = await json(await t.call('GET', `/api/endpoints/churn/requests?limit=25&before=${next}`, { token: t.tokens.developer }));
      ids.push(...page.items.map((i: { id: number }) => i.id));
      next = page.next;
    }
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    const one = await json(
      await t.call('GET', `/api/endpoints/churn/requests?requestId=${a.requestId}&limit=100`, { token: t.tokens.developer }),
    );
    expect(one.items.map((i: { row: number }) => i.row)).toEqual([...Array(30).keys()].reverse());
    const none = await json(await t.call('GET', '/api/endpoints/churn/requests?version=2', { token: t.tokens.developer }));
    expect(none).toEqual({ items: [], next: null });
    const badQuery = await t.call('GET', '/api/endpoints/churn/requests?limit=0', { token: t.tokens.developer });
    expect(badQuery.status).toBe(400);
    expect((await t.call('GET', '/api/endpoints/churn/requests', { token: t.tokens.client })).status).toBe(403);
  });
});
