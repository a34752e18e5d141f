import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Endpoints, startEndpoints } from '../endpoints/endpoints-runtime';
import { modelVersionsIn } from '../endpoints/model-version-source';
import { AuditRepository } from '../repositories/audit-repository';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { ModelPromotions } from './model-promotions';
import { ModelRegistry } from './model-registry';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
type Run = { id: number; status: string; attempts: number; error: { code: string; message: string; nodeId?: string } | null };
type Node = { id: string; type: string; config: Record<string, unknown> };

/** The bundled churn sample as raw request rows, with each row's real outcome. */
async function churnRows() {
  const [header, ...lines] = (await readFile(`${repo}samples/churn.csv`, 'utf8')).trim().split('\n');
  const names = (header ?? '').split(',');
  const rows = lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
  return rows.map((r) => ({
    row: {
      tenure_months: Number(r.tenure_months),
      monthly_charges: Number(r.monthly_charges),
      contract: String(r.contract),
      internet: String(r.internet),
      support_calls: Number(r.support_calls),
    },
    churned: String(r.churned),
  }));
}

// The continuous-training loop through real server runs (worker threads, host calls, onnxruntime-node):
// a champion in production, labelled predictions logged by endpoints, the churn-retrain template.
describe.each(['pglite', 'postgres'] as const)('continuous training on %s', (kind) => {
  let t: RunsTestApp;
  let endpoints: Endpoints;
  let registry: ModelRegistry;
  let ops: string;

  const finished = async (id: number, attempts = 1): Promise<Run> => {
    for (;;) {
      const run = (await (await t.call('GET', `/api/runs/${id}`)).json()) as Run;
      if (run.attempts >= attempts && !['queued', 'running'].includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const run = async (graphId: string) => {
    const response = await t.call('POST', '/api/runs', { graphId });
    expect(response.status).toBe(201);
    return finished(((await response.json()) as Run).id);
  };
  const template = async (name: string) => JSON.parse(await readFile(`${repo}templates/${name}.json`, 'utf8')) as Record<string, unknown>;
  /** The retraining template reading `endpoint`, its promote node configured with `promote`. */
  const retrain = async (id: string, endpoint: string, promote: Record<string, unknown>) => {
    const graph = await template('churn-retrain');
    for (const node of graph.nodes as Node[]) {
      if (node.id === 'fresh') node.config.endpoint = endpoint;
      if (node.id === 'promote') Object.assign(node.config, promote);
    }
    expect((await t.call('POST', '/api/graphs', { graph: { ...graph, id } })).status).toBe(201);
  };
  const versions = async () => (await registry.versions('churn')).map((v) => v.version).sort((a, b) => a - b);
  const production = async () => (await registry.get('churn')).productionVersion;

  beforeAll(async () => {
    t = await runsTestApp(kind, { runTimeoutMs: 120_000 });
    const artifacts = t.runtime.hub.artifacts as NonNullable<typeof t.runtime.hub.artifacts>;
    registry = new ModelRegistry(t.handle.db, artifacts);
    endpoints = startEndpoints({
      db: t.handle.db,
      versions: modelVersionsIn(t.handle.db, artifacts),
      audit: new AuditRepository(t.handle.db),
      logger: t.logger,
      options: { flushMs: 600_000 },
    });
    ops = (await t.services.tokens.create({ name: 'ops-test', role: 'ops', createdBy: null })).token;

    // The champion: the churn-deploy template's model, in production.
    expect((await t.call('POST', '/api/graphs', { graph: await template('churn-deploy') })).status).toBe(201);
    const deployed = await run('churn-deploy');
    expect(deployed.status, JSON.stringify(deployed.error)).toBe('succeeded');
    await registry.setStage('churn', 1, 'production');

    // Two endpoints serve it with feedback on: one gets the real outcomes, one a world where churn flipped.
    const data = await churnRows();
    for (const [name, outcome] of [
      ['churn', (c: string) => c],
      ['churn-shifted', (c: string) => (c === 'yes' ? 'no' : 'yes')],
    ] as const) {
      await endpoints.changes.create({ name, modelName: 'churn', description: '', sampleRate: 0, retentionDays: 30, actor: 'test' });
      await endpoints.changes.promote(name, 1, { actor: 'test' });
      const state = await endpoints.changes.sampling(name, { feedback: true }, { actor: 'test' });
      const answer = await endpoints.predictor.predict(name, { rows: data.map((d) => d.row) });
      await endpoints.flush();
      const outcomes = data.map((d, row) => ({ requestId: answer.requestId, row, outcome: outcome(d.churned) }));
      expect(await endpoints.feedback.receive(state, outcomes)).toMatchObject({ stored: data.length });
    }

    await retrain('retrain-same', 'churn', { mode: 'canary', endpoint: 'churn' });
    await retrain('retrain-canary', 'churn-shifted', { mode: 'canary', endpoint: 'churn-shifted', percent: 20 });
    await retrain('retrain-broken', 'churn-shifted', { mode: 'canary', endpoint: 'nowhere' });
    await retrain('retrain-approval', 'churn-shifted', { mode: 'approval' });
  }, 240_000);
  afterAll(async () => {
    await endpoints?.close();
    await t?.close();
  }, 60_000);

  test('a challenger no better than the champion on fresh data is neither registered nor promoted', { timeout: 120_000 }, async () => {
    const same = await run('retrain-same');
    expect(same.status).toBe('failed');
    expect(same.error).toMatchObject({ code: 'MODEL_GATE_BLOCKED', nodeId: 'gate' });
    expect(same.error?.message).toMatch(/auc [\d.]+ < [\d.]+ \(baseline\.auc \+ 0\.01\)/);
    expect(await versions()).toEqual([1]);
    expect(await production()).toBe(1);
    expect((await endpoints.repository.get('churn'))?.canaryVersion).toBeNull();
  });

  test('a better challenger is registered and put on canary, once per run', { timeout: 120_000 }, async () => {
    const better = await run('retrain-canary');
    expect(better.status, JSON.stringify(better.error)).toBe('succeeded');
    expect(await versions()).toEqual([1, 2]);
    expect(await production()).toBe(1);
    const served = await endpoints.repository.get('churn-shifted');
    expect(served).toMatchObject({ activeVersion: 1, canaryVersion: 2, canaryPercent: 20 });
    expect(served?.canaryPolicy).toMatchObject({ durationMinutes: 60, minRequests: 100 });

    // A retry of the run retrains and registers again, but asks with the first run's key: no second promotion.
    const retried = await t.call('POST', `/api/runs/${better.id}/retry`, {});
    expect(retried.status).toBe(201);
    const again = await finished(((await retried.json()) as Run).id);
    expect(again.status, JSON.stringify(again.error)).toBe('succeeded');
    expect(await versions()).toEqual([1, 2, 3]);
    expect((await endpoints.repository.get('churn-shifted'))?.canaryVersion).toBe(2);
    const promotions = await new ModelPromotions(t.handle.db, registry, new AuditRepository(t.handle.db), t.logger).list({ name: 'churn' });
    expect(promotions.map((p) => [p.key, p.version, p.mode, p.status])).toEqual([[`run:${better.id}:promote`, 2, 'canary', 'applied']]);
  });

  test('a run that fails after registering leaves production untouched', { timeout: 120_000 }, async () => {
    const broken = await run('retrain-broken');
    expect(broken.status).toBe('failed');
    expect(broken.error).toMatchObject({ code: 'NOT_FOUND', nodeId: 'promote' });
    expect(await versions()).toEqual([1, 2, 3, 4]);
    expect(await production()).toBe(1);
    expect((await endpoints.repository.get('churn'))?.activeVersion).toBe(1);
  });

  test('an approval promotion waits as pending until ops approve it on the API (audited)', { timeout: 120_000 }, async () => {
    const asOps = { authorization: `Bearer ${ops}` };
    const waiting = await run('retrain-approval');
    expect(waiting.status, JSON.stringify(waiting.error)).toBe('succeeded');
    expect(await production()).toBe(1);
    const pending = await t.call('GET', '/api/models/promotions?awaiting=true');
    expect(((await pending.json()) as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ name: 'churn', version: 5, mode: 'approval', status: 'pending', requestedBy: `run:${waiting.id}` }),
    ]);
    // An analyst may look but not approve.
    expect((await t.call('POST', '/api/models/churn/versions/5/approve', {})).status).toBe(403);
    const approved = await t.call('POST', '/api/models/churn/versions/5/approve', { reason: 'better on last month' }, asOps);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ version: 5, status: 'approved', decidedBy: 'ops-test', reason: 'better on last month' });
    expect(await production()).toBe(5);
    // Endpoints following the production alias move with it.
    expect((await endpoints.repository.get('churn'))?.activeVersion).toBe(5);
    const twice = await t.call('POST', '/api/models/churn/versions/5/reject', {}, asOps);
    expect(twice.status).toBe(409);
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'target'])
      .where('action', 'like', 'model.promotion.%')
      .execute();
    expect(audit).toContainEqual({ action: 'model.promotion.approve', actor: 'ops-test', target: 'model:churn:5' });
    expect((await (await t.call('GET', '/api/models/promotions?awaiting=true')).json()) as unknown).toEqual({ items: [] });
  });

  test('two schedulers asking with one occurrence key promote once', { timeout: 60_000 }, async () => {
    const audit = new AuditRepository(t.handle.db);
    const asks = [3, 4].map((version) =>
      new ModelPromotions(t.handle.db, registry, audit, t.logger).ask({
        key: 'schedule:1@2026-12-07T00:00:00.000Z:promote',
        name: 'churn',
        version,
        mode: 'production',
        requestedBy: `scheduler-${version}`,
      }),
    );
    const answers = await Promise.all(asks);
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    const [first, second] = answers;
    expect(first?.promotion.version).toBe(second?.promotion.version);
    expect(await production()).toBe(first?.promotion.version);
    const archived = (await registry.versions('churn')).filter((v) => v.stage === 'production');
    expect(archived).toHaveLength(1);
  });
});
