import { readFile } from 'node:fs/promises';
import type { ModelValue } from '@causeway/sdk';
import { runNode } from '@causeway/sdk/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { endpointRequestsSource } from '../../../nodes/src/source/endpoint-requests';
import { ModelRegistry } from '../models/model-registry';
import { AuditRepository } from '../repositories/audit-repository';
import { answerHostCall } from '../runs/host-calls';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { type Endpoints, startEndpoints } from './endpoints-runtime';
import { modelVersionsIn } from './model-version-source';
import { monitoringHostCalls } from './monitoring-host-calls';
import { monitoringOverHostCalls } from './monitoring-over-host-calls';
import { churnTable, trainChurnModels } from './test-models';

type Run = { id: number; status: string; error: { code: string; message: string; nodeId?: string } | null };

/** Request rows from the churn data; `ageShift` moves every age, as a changed customer base would. */
function requests(n: number, seed: number, ageShift = 0) {
  const table = churnTable(n, seed);
  const column = (name: string) => table.getChild(name)?.toArray() as ArrayLike<number | boolean>;
  const [age, visits, member] = [column('age'), column('visits'), column('member')];
  const plan = table.getChild('plan');
  return Array.from({ length: n }, (_, i) => ({
    age: Number(age[i]) + ageShift,
    visits: Number(visits[i]),
    member: Boolean(member[i]),
    plan: String(plan?.get(i)),
  }));
}

// Monitoring through real server runs: sampled requests stored by the predict path, read back in a
// worker thread over host calls by source.endpoint-requests, compared by validate.drift with the card.
describe('endpoint monitoring', () => {
  let t: RunsTestApp;
  let endpoints: Endpoints;
  let model: ModelValue;

  beforeAll(async () => {
    model = (await trainChurnModels()).logistic;
    t = await runsTestApp('pglite', { runTimeoutMs: 60_000 });
    const artifacts = t.runtime.hub.artifacts as NonNullable<typeof t.runtime.hub.artifacts>;
    const registry = new ModelRegistry(t.handle.db, artifacts);
    await registry.register({ name: 'churn', onnx: model.onnx, card: model.card, metrics: {}, gate: { passed: true, reason: 'ok' } });
    await registry.setStage('churn', 1, 'production');
    endpoints = startEndpoints({
      db: t.handle.db,
      versions: modelVersionsIn(t.handle.db, artifacts),
      audit: new AuditRepository(t.handle.db),
      logger: t.logger,
    });
    for (const name of ['churn', 'churn-drifted']) {
      await endpoints.changes.create({ name, modelName: 'churn', description: '', sampleRate: 1, retentionDays: 7, actor: 'ops' });
      await endpoints.changes.promote(name, 1, { actor: 'ops' });
    }
    for (let k = 0; k < 4; k++) {
      await endpoints.predictor.predict('churn', { rows: requests(100, 20 + k) });
      await endpoints.predictor.predict('churn-drifted', { rows: requests(100, 40 + k, 25) });
    }
    await endpoints.flush();
  }, 120_000);
  afterAll(async () => {
    await endpoints?.close();
    await t?.close();
  }, 60_000);

  const hostCall =
    (handlers = { monitoring: monitoringHostCalls(t.handle.db) }) =>
    async (service: string, method: string, args: unknown[]) => {
      const reply = await answerHostCall(
        handlers,
        { type: 'host-call', requestId: 1, runId: 1, service, method, args },
        { runId: 1, graphId: 'g', graphVersion: 1 },
        t.logger,
      );
      if (reply.error) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
      return reply.value;
    };

  test('the source node reads sampled requests through the host call, newest rows within the limit', async () => {
    const monitoring = monitoringOverHostCalls(hostCall());
    const { outputs, logs } = await runNode(endpointRequestsSource, { inputs: {}, config: { endpoint: 'churn', limit: 250 }, monitoring });
    expect(outputs.table.numRows).toBe(250);
    expect(outputs.table.schema.fields.map((f) => f.name)).toEqual([
      'age',
      'visits',
      'member',
      'plan',
      '_at',
      '_version',
      'prediction',
      'probability_no',
      'probability_yes',
    ]);
    expect(outputs.table.getChild('_version')?.get(0)).toBe(1);
    // The newest 250 of 400: the last request's rows come last.
    expect(outputs.table.getChild('age')?.get(249)).toBe(requests(100, 23).at(-1)?.age);
    expect(logs.some((l) => l.message.includes('newest 250'))).toBe(true);
    const none = await runNode(endpointRequestsSource, { inputs: {}, config: { endpoint: 'churn', lookbackHours: 0.0000001 }, monitoring });
    expect(none.outputs.table.numRows).toBe(0);
  });

  test('without a server, or for an unknown endpoint, the node fails with a clear code', async () => {
    await expect(runNode(endpointRequestsSource, { inputs: {}, config: { endpoint: 'churn' } })).rejects.toMatchObject({
      code: 'MONITORING_MISSING',
    });
    const monitoring = monitoringOverHostCalls(hostCall());
    await expect(runNode(endpointRequestsSource, { inputs: {}, config: { endpoint: 'nowhere' }, monitoring })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const raw = hostCall();
    await expect(raw('monitoring', 'requestSample', ['churn', { limit: -1 }])).rejects.toMatchObject({ code: 'REQUEST_INVALID' });
    await expect(raw('monitoring', 'requestSample', ['churn', { limit: 5, sql: 'drop table x' }])).rejects.toMatchObject({
      code: 'REQUEST_INVALID',
    });
  });

  test('the drift-monitor template passes on live data like the training data and fails naming the drifted feature', {
    timeout: 120_000,
  }, async () => {
    const template = JSON.parse(await readFile(new URL('../../../templates/drift-monitor.json', import.meta.url), 'utf8')) as {
      id: string;
      nodes: Array<{ id: string; config: Record<string, unknown> }>;
    };
    expect((await t.call('POST', '/api/graphs', { graph: template })).status).toBe(201);
    template.id = 'drift-monitor-drifted';
    for (const node of template.nodes) if (node.id === 'requests') node.config.endpoint = 'churn-drifted';
    expect((await t.call('POST', '/api/graphs', { graph: template })).status).toBe(201);
    const run = async (graphId: string): Promise<Run> => {
      const { id } = (await (await t.call('POST', '/api/runs', { graphId })).json()) as Run;
      for (;;) {
        const state = (await (await t.call('GET', `/api/runs/${id}`)).json()) as Run;
        if (!['queued', 'running'].includes(state.status)) return state;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const steady = await run('drift-monitor');
    expect(steady.error).toBeNull();
    expect(steady.status).toBe('succeeded');
    const drifted = await run('drift-monitor-drifted');
    expect(drifted.status).toBe('failed');
    expect(drifted.error).toMatchObject({ code: 'VALIDATION_FAILED', nodeId: 'drift' });
    expect(drifted.error?.message).toContain('age drift');
    expect(drifted.error?.message).not.toContain('plan drift');
  });
});
