import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { linearRegressionNode, logisticRegressionNode } from '@causeway/nodes';
import type { ModelValue } from '@causeway/sdk';
import { runNode } from '@causeway/sdk/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../schedules/clock';
import { Scheduler } from '../schedules/scheduler';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { type CanaryAlert, tendCanaries } from './canary-tending';
import { churnTable, registerVersion } from './test-models';

const passed = { passed: true, reason: 'auc 0.9 ≥ 0.8' };
let small: ModelValue;
let full: ModelValue;
let regressions: ModelValue[];
beforeAll(async () => {
  const table = churnTable(600, 7);
  const train = (features: string[]) => runNode(logisticRegressionNode, { inputs: { table }, config: { target: 'churn', features } });
  small = (await train(['age', 'visits'])).outputs.model;
  full = (await train(['age', 'visits', 'member', 'plan'])).outputs.model;
  // Two regressions of the same features on slightly different rows: their answers differ by float noise.
  const trainRegression = async (n: number) =>
    (await runNode(linearRegressionNode, { inputs: { table: churnTable(n, 7) }, config: { target: 'age', features: ['visits'] } })).outputs
      .model;
  regressions = [await trainRegression(600), await trainRegression(601)];
}, 120_000);

describe.each(['pglite', 'postgres'] as const)('safe rollouts on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;
  let receiver: Server;
  const alerts: CanaryAlert[] = [];

  beforeAll(async () => {
    let url: string | undefined;
    if (kind === 'postgres') ({ drop, url } = await scratchPostgresDatabase());
    t = await makeTestApp({ ...(url ? { target: { kind: 'postgres', url } } : {}), endpoints: { random: Math.random, flushMs: 60_000 } });
    const register = (name: string, model: ModelValue, gate = passed) => registerVersion(t.handle.db, t.artifacts, { name, model, gate });
    // v1, v3, v4 read age and visits; v2 reads four fields; v5 failed its gate.
    for (const model of [small, full, small, small]) await register('churn', model);
    await register('churn', small, { passed: false, reason: 'auc 0.6 < 0.8' });
    for (const model of regressions) await register('age', model);
    for (const [name, model] of [
      ['churn', 'churn'],
      ['ages', 'age'],
    ]) {
      expect((await t.call('POST', '/api/endpoints', { token: t.tokens.ops, body: { name, model, sampleRate: 0 } })).status).toBe(201);
    }
    receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        alerts.push(JSON.parse(text) as CanaryAlert);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  }, 120_000);
  afterAll(async () => {
    receiver?.close();
    await t?.close();
    await drop?.();
  });

  // biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field in assertions
  const json = async (response: Response) => (await response.json()) as Record<string, any>;
  const change = (name: string, what: string, body: unknown) =>
    t.call('POST', `/api/endpoints/${name}/${what}`, { token: t.tokens.ops, body });
  const predict = (name: string, body: unknown) => t.call('POST', `/api/endpoints/${name}/predict`, { token: t.tokens.client, body });
  const history = async (name: string) =>
    (await json(await t.call('GET', `/api/endpoints/${name}/history`, { token: t.tokens.ops }))).items;

  test('a version that needs fields the active one does not take is refused, naming each, unless overridden with a reason', async () => {
    expect((await change('churn', 'promote', { version: 1 })).status).toBe(200);
    for (const [what, body] of [
      ['promote', { version: 2 }],
      ['canary', { version: 2, percent: 10 }],
      ['shadow', { version: 2 }],
    ] as const) {
      const refused = await change('churn', what, body);
      expect(refused.status, what).toBe(409);
      const error = await json(refused);
      expect(error.code).toBe('ENDPOINT_INPUT_MISMATCH');
      expect(error.message).toContain('"member" is required by the candidate');
      expect(error.message).toContain('"plan" is required by the candidate');
      expect(error.details.fields.map((f: { field: string }) => f.field)).toEqual(['member', 'plan']);
    }
    expect((await change('churn', 'canary', { version: 2, percent: 10, override: true })).status).toBe(400);
    const overridden = await change('churn', 'shadow', { version: 2, override: true, reason: 'clients send plan since release 7' });
    expect(overridden.status).toBe(200);
    const audit = await t.services.audit.list({ limit: 5, offset: 0, action: 'endpoint.shadow' });
    expect(audit.items[0]?.details).toMatchObject({
      to: 2,
      override: true,
      reason: 'clients send plan since release 7',
      overridden: ['inputs'],
    });
    expect((await history('churn'))[0]).toMatchObject({ kind: 'shadow', override: true, reason: 'clients send plan since release 7' });
    expect((await change('churn', 'shadow', { version: null })).status).toBe(200);
    // A gate refusal answers the same status and code as the registry's.
    const gate = await change('churn', 'canary', { version: 5, percent: 10 });
    expect([gate.status, (await json(gate)).code]).toEqual([409, 'GATE_REFUSED']);
  });

  test('no-op changes keep the revision and write no history', async () => {
    const before = await json(await t.call('GET', '/api/endpoints/churn', { token: t.tokens.ops }));
    const entries = (await history('churn')).length;
    for (const [what, body] of [
      ['canary', { version: null }],
      ['shadow', { version: null }],
      ['promote', { version: 1 }],
      ['sampling', { sampleRate: 0 }],
    ] as const) {
      const answer = await json(await change('churn', what, body));
      expect(answer.revision, what).toBe(before.revision);
    }
    expect((await history('churn')).length).toBe(entries);
  });

  test('rollback walks back through production history and never toggles', async () => {
    for (const version of [3, 4]) expect((await change('churn', 'promote', { version })).status).toBe(200);
    expect((await json(await change('churn', 'rollback', {}))).activeVersion).toBe(3);
    expect((await json(await change('churn', 'rollback', {}))).activeVersion).toBe(1);
    const nothing = await change('churn', 'rollback', {});
    expect(nothing.status).toBe(409);
    expect((await json(nothing)).message).toContain('no earlier production version');
  });

  test('a canary policy promotes on the scheduler tick once its time is up, once however many schedulers tick', async () => {
    const policy = { durationMinutes: 60, minRequests: 20, maxErrorRateIncrease: 0.05, maxLatencyIncrease: 10 };
    expect((await change('churn', 'canary', { version: 3, percent: 50, policy })).status).toBe(200);
    const row = { rows: [{ age: 40, visits: 3 }] };
    for (let i = 0; i < 120; i++) expect((await predict('churn', row)).status).toBe(200);
    await t.endpoints.flush();
    const clock = new ManualClock(Date.now());
    const scheduler = (id: string) =>
      new Scheduler({
        db: t.handle.db,
        logger: t.logger,
        runDefaults: { maxAttempts: 1, timeoutMs: 60_000 },
        post: async () => {},
        publicUrl: undefined,
        clock,
        schedulerId: id,
        alsoOnTick: (now) => tendCanaries({ db: t.handle.db, changes: t.endpoints.changes, logger: t.logger, now }),
      });
    const [a, b] = [scheduler('a'), scheduler('b')];
    clock.advance(59 * 60_000);
    await Promise.all([a.tick(), b.tick()]);
    expect((await json(await t.call('GET', '/api/endpoints/churn', { token: t.tokens.ops }))).canary.version).toBe(3);
    clock.advance(2 * 60_000);
    await Promise.all([a.tick(), b.tick()]);
    const state = await json(await t.call('GET', '/api/endpoints/churn', { token: t.tokens.ops }));
    expect([state.activeVersion, state.canary]).toEqual([3, null]);
    const promotions = (await history('churn')).filter((h: { actor: string }) => h.actor === 'canary-policy');
    expect(promotions).toEqual([expect.objectContaining({ kind: 'promote', fromVersion: 1, toVersion: 3 })]);
    expect(promotions[0].reason).toContain('not worse');
  });

  test('a canary policy ends a worse canary and alerts', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const policy = { durationMinutes: 30, minRequests: 10, alertUrl: url };
    // Version 2 needs fields these clients do not send: every request it answers fails.
    const body = { version: 2, percent: 50, policy, override: true, reason: 'try the wide model' };
    expect((await change('churn', 'canary', body)).status).toBe(200);
    const row = { rows: [{ age: 40, visits: 3 }] };
    let failed = 0;
    for (let i = 0; i < 80; i++) if ((await predict('churn', row)).status === 422) failed++;
    expect(failed).toBeGreaterThan(10);
    await t.endpoints.flush();
    const post = async (target: string, alert: CanaryAlert) => {
      const response = await fetch(target, {
        method: 'POST',
        body: JSON.stringify(alert),
        headers: { 'content-type': 'application/json' },
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
    };
    const tend = (now: number) => tendCanaries({ db: t.handle.db, changes: t.endpoints.changes, logger: t.logger, now, post });
    expect(await tend(Date.now() + 31 * 60_000)).toEqual({ promoted: [], ended: ['churn'] });
    expect(await tend(Date.now() + 32 * 60_000)).toEqual({ promoted: [], ended: [] });
    const state = await json(await t.call('GET', '/api/endpoints/churn', { token: t.tokens.ops }));
    expect([state.activeVersion, state.canary]).toEqual([3, null]);
    expect(alerts).toEqual([
      expect.objectContaining({ event: 'endpoint.canary_ended', endpoint: 'churn', canaryVersion: 2, activeVersion: 3 }),
    ]);
    expect(alerts[0]?.text).toContain('error rate');
  });

  test('a canary policy compares live performance from feedback: within the margin it promotes, worse it ends and alerts', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    expect((await change('churn', 'sampling', { feedback: true })).status).toBe(200);
    const tend = (now: number) =>
      tendCanaries({
        db: t.handle.db,
        changes: t.endpoints.changes,
        logger: t.logger,
        now,
        post: async (target, alert) => {
          const response = await fetch(target, {
            method: 'POST',
            body: JSON.stringify(alert),
            headers: { 'content-type': 'application/json' },
          });
          if (!response.ok) throw new Error(`status ${response.status}`);
        },
      });
    // Each answer's outcome is what was predicted, except the canary's when `canaryWrong`.
    const trafficWithOutcomes = async (canary: number, canaryWrong: boolean) => {
      const answers: Array<{ requestId: string; version: number; predictions: string[] }> = [];
      for (let i = 0; i < 80; i++) {
        const answer = await predict('churn', { rows: [{ age: 20 + i, visits: i % 7 }] });
        expect(answer.status).toBe(200);
        answers.push((await answer.json()) as (typeof answers)[number]);
      }
      await t.endpoints.flush();
      const outcomes = answers.map(({ requestId, version, predictions: [p] }) => ({
        requestId,
        row: 0,
        outcome: version === canary && canaryWrong ? (p === 'yes' ? 'no' : 'yes') : p,
      }));
      const sent = await t.call('POST', '/api/endpoints/churn/feedback', { token: t.tokens.client, body: { outcomes } });
      expect((await json(sent)).matched).toBe(80);
      return answers.filter((a) => a.version === canary).length;
    };
    const maxLivePerformanceDrop = { metric: 'accuracy', margin: 0.1, minOutcomes: 10 };
    const policy = { durationMinutes: 30, minRequests: 10, maxLatencyIncrease: 10, alertUrl: url, maxLivePerformanceDrop };

    expect((await change('churn', 'canary', { version: 4, percent: 50, policy })).status).toBe(200);
    expect(await trafficWithOutcomes(4, false)).toBeGreaterThan(10);
    expect(await tend(Date.now() + 31 * 60_000)).toEqual({ promoted: ['churn'], ended: [] });
    const promotion = (await history('churn')).find(
      (h: { actor: string; kind: string }) => h.actor === 'canary-policy' && h.kind === 'promote',
    );
    expect(promotion.reason).toContain("the canary's live accuracy 1 against the active version's 1 is within 0.1");

    expect((await change('churn', 'canary', { version: 1, percent: 50, policy })).status).toBe(200);
    expect(await trafficWithOutcomes(1, true)).toBeGreaterThan(10);
    expect(await tend(Date.now() + 31 * 60_000)).toEqual({ promoted: [], ended: ['churn'] });
    const state = await json(await t.call('GET', '/api/endpoints/churn', { token: t.tokens.ops }));
    expect([state.activeVersion, state.canary]).toEqual([4, null]);
    expect(alerts.at(-1)).toMatchObject({ event: 'endpoint.canary_ended', endpoint: 'churn', canaryVersion: 1, activeVersion: 4 });
    expect(alerts.at(-1)?.reason).toBe("the canary's live accuracy 0 against the active version's 1 is worse by more than 0.1");
  });

  test('a shadow regression within its tolerance does not disagree; live figures have no version 0', async () => {
    const early = await predict('ages', { rows: [{ visits: 3 }] });
    expect((await json(early)).code).toBe('ENDPOINT_NOT_READY');
    expect((await change('ages', 'promote', { version: 1 })).status).toBe(200);
    const rows = { rows: Array.from({ length: 20 }, (_, i) => ({ visits: i })) };
    const shadowed = async (tolerance: number) => {
      expect((await change('ages', 'shadow', { version: 2, tolerance })).status).toBe(200);
      const before = t.endpoints.figures.live('ages').shadow.disagreements;
      expect((await predict('ages', rows)).status).toBe(200);
      await t.endpoints.flush();
      return t.endpoints.figures.live('ages').shadow.disagreements - before;
    };
    expect(await shadowed(0)).toBe(20);
    expect(await shadowed(0.5)).toBe(0);
    const live = t.endpoints.figures.live('ages');
    expect(live.errors).toBe(1);
    expect(live.byVersion).toEqual({ 1: 2 });
  });

  test('a request body with a number JSON cannot hold, or with rows and columns, answers REQUEST_INVALID naming the field', async () => {
    const infinite = await t.call('POST', '/api/endpoints/ages/predict', { token: t.tokens.client, raw: '{"rows":[{"visits":1e400}]}' });
    const error = await json(infinite);
    expect([infinite.status, error.code, error.details.field]).toEqual([400, 'REQUEST_INVALID', 'rows[0].visits']);
    const both = await json(await predict('ages', { rows: [{ visits: 1 }], columns: { visits: [1] } }));
    expect(both.code).toBe('REQUEST_INVALID');
    expect(both.message).toContain('"rows" and "columns"');
  });

  test('an endpoint can be deleted, with its history; the deletion is audited', async () => {
    expect((await t.call('DELETE', '/api/endpoints/ages', { token: t.tokens.analyst })).status).toBe(403);
    expect((await t.call('DELETE', '/api/endpoints/ages', { token: t.tokens.ops })).status).toBe(204);
    expect((await t.call('GET', '/api/endpoints/ages', { token: t.tokens.ops })).status).toBe(404);
    expect((await predict('ages', { rows: [{ visits: 1 }] })).status).toBe(404);
    expect((await t.call('DELETE', '/api/endpoints/ages', { token: t.tokens.ops })).status).toBe(404);
    const left = await t.handle.db.selectFrom('endpoint_changes').select('id').where('endpoint_name', '=', 'ages').execute();
    expect(left).toEqual([]);
    const audit = await t.services.audit.list({ limit: 5, offset: 0, action: 'endpoint.delete' });
    expect(audit.items[0]).toMatchObject({ actor: 'ops-test', target: 'endpoint:ages' });
  });

  test('a model is archivable once no endpoint serves it; archiving is refused while one does', async () => {
    const refused = await t.call('POST', '/api/models/churn/archive', { token: t.tokens.ops, body: {} });
    expect(refused.status).toBe(409);
    expect((await json(refused)).details.endpoints).toEqual(['churn']);
    expect((await t.call('POST', '/api/models/age/archive', { token: t.tokens.analyst, body: {} })).status).toBe(403);
    const archived = await t.call('POST', '/api/models/age/archive', { token: t.tokens.ops, body: { reason: 'replaced by ages-v2' } });
    expect(archived.status).toBe(200);
    expect(await json(archived)).toMatchObject({ name: 'age', archivedVersions: [1, 2] });
    const stages = await t.handle.db.selectFrom('model_versions').select('stage').where('model_name', '=', 'age').execute();
    expect(stages.map((v) => v.stage)).toEqual(['archived', 'archived']);
    const audit = await t.services.audit.list({ limit: 5, offset: 0, action: 'model.archive' });
    expect(audit.items[0]).toMatchObject({ target: 'model:age', details: { reason: 'replaced by ages-v2' } });
    expect((await t.call('POST', '/api/models/nothing/archive', { token: t.tokens.ops, body: {} })).status).toBe(404);
    const serve = await t.call('POST', '/api/endpoints', { token: t.tokens.ops, body: { name: 'ages-again', model: 'age' } });
    expect([serve.status, (await json(serve)).code]).toEqual([409, 'CONFLICT']);
  });
});
