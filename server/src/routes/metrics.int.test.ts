import type { ModelValue } from '@causeway/sdk';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerVersion, trainChurnModels } from '../endpoints/test-models';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';

let model: ModelValue;
beforeAll(async () => {
  model = (await trainChurnModels()).logistic;
}, 120_000);

describe.each(['pglite', 'postgres'] as const)('GET /metrics on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let url: string | undefined;
    if (kind === 'postgres') ({ url, drop } = await scratchPostgresDatabase());
    t = await makeTestApp({ ...(url ? { target: { kind: 'postgres', url } } : {}), endpoints: { flushMs: 60_000 } });
    await registerVersion(t.handle.db, t.artifacts, { name: 'churn', model, gate: { passed: true, reason: 'ok' } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  const scrape = async () => {
    const response = await t.call('GET', '/metrics', { token: t.tokens.metrics });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  test('only roles with metrics:read may scrape; health stays open', async () => {
    expect((await t.call('GET', '/metrics')).status).toBe(401);
    expect((await t.call('GET', '/metrics', { token: 'cw_not-a-token' })).status).toBe(401);
    for (const role of ['analyst', 'developer', 'client'] as const) {
      const refused = await t.call('GET', '/metrics', { token: t.tokens[role] });
      expect(refused.status, role).toBe(403);
      expect(((await refused.json()) as { code: string }).code).toBe('FORBIDDEN');
    }
    for (const role of ['metrics', 'ops', 'admin'] as const)
      expect((await t.call('GET', '/metrics', { token: t.tokens[role] })).status, role).toBe(200);
    expect((await t.call('GET', '/api/health')).status).toBe(200);
    // The metrics role reads nothing else.
    expect((await t.call('GET', '/api/graphs', { token: t.tokens.metrics })).status).toBe(403);
  });

  test('runs by status, queue depth, and run and node durations finished since start', async () => {
    const db = t.handle.db;
    await db.insertInto('graphs').values({ id: 'g', name: 'g', latest_version: 1, created_by: 'test', updated_at: new Date() }).execute();
    await db.insertInto('graph_versions').values({ graph_id: 'g', version: 1, graph: '{}', author: 'test', message: '' }).execute();
    const insert = async (status: string, durationMs: number | null) =>
      (
        await db
          .insertInto('runs')
          .values({
            graph_id: 'g',
            graph_version: 1,
            timeout_ms: 1000,
            created_by: 'test',
            status,
            duration_ms: durationMs,
            ...(durationMs === null ? {} : { started_at: new Date(), finished_at: new Date() }),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await insert('queued', null);
    await insert('queued', null);
    await insert('running', null);
    const done = await insert('succeeded', 2_000);
    await insert('failed', 40);
    await sql`insert into node_runs (run_id, node_id, status, started_at, finished_at, duration_ms)
      values (${done}, 'train', 'succeeded', now(), now(), 700)`.execute(db);

    const text = await scrape();
    expect(text).toContain('causeway_runs{status="queued"} 2');
    expect(text).toContain('causeway_runs{status="running"} 1');
    expect(text).toContain('causeway_run_queue_depth 2');
    expect(text).toContain('causeway_run_duration_seconds_count{status="succeeded"} 1');
    expect(text).toContain('causeway_run_duration_seconds_bucket{le="1",status="succeeded"} 0');
    expect(text).toContain('causeway_run_duration_seconds_bucket{le="5",status="succeeded"} 1');
    expect(text).toContain('causeway_run_duration_seconds_sum{status="failed"} 0.04');
    expect(text).toContain('causeway_node_duration_seconds_count{status="succeeded"} 1');
    // A second scrape counts each finished run once.
    expect(await scrape()).toContain('causeway_run_duration_seconds_count{status="succeeded"} 1');
  });

  test('endpoint requests, errors, predictions and latency by version', async () => {
    expect((await t.call('POST', '/api/endpoints', { token: t.tokens.ops, body: { name: 'churn', model: 'churn' } })).status).toBe(201);
    expect((await t.call('POST', '/api/endpoints/churn/promote', { token: t.tokens.ops, body: { version: 1 } })).status).toBe(200);
    const rows = [
      { age: 30, visits: 2, member: true, plan: 'pro' },
      { age: 50, visits: 9, member: false, plan: 'basic' },
    ];
    const predict = (body: unknown) => t.call('POST', '/api/endpoints/churn/predict', { token: t.tokens.client, body });
    expect((await predict({ rows })).status).toBe(200);
    expect((await predict({ rows: [{ age: 30 }] })).status).toBe(422);

    const text = await scrape();
    expect(text).toMatch(/causeway_endpoint_requests_total\{endpoint="churn",version="1"\} 2/);
    expect(text).toMatch(/causeway_endpoint_errors_total\{endpoint="churn",version="1"\} 1/);
    expect(text).toMatch(/causeway_endpoint_predictions_total\{endpoint="churn",version="1"\} 2/);
    expect(text).toMatch(/causeway_endpoint_latency_seconds_count\{endpoint="churn",version="1"\} 2/);
    expect(text).not.toContain('causeway_endpoint_live_metric{');
  });

  test('live performance from feedback by endpoint, version and metric', async () => {
    expect((await t.call('POST', '/api/endpoints/churn/sampling', { token: t.tokens.ops, body: { feedback: true } })).status).toBe(200);
    const rows = [
      { age: 30, visits: 2, member: true, plan: 'pro' },
      { age: 70, visits: 1, member: false, plan: 'basic' },
    ];
    const answer = (await (await t.call('POST', '/api/endpoints/churn/predict', { token: t.tokens.client, body: { rows } })).json()) as {
      requestId: string;
      predictions: string[];
    };
    await t.endpoints.flush();
    // The first outcome is what was predicted, the second is not.
    const outcomes = answer.predictions.map((p, row) => ({
      requestId: answer.requestId,
      row,
      outcome: row === 0 ? p : p === 'yes' ? 'no' : 'yes',
    }));
    const sent = await t.call('POST', '/api/endpoints/churn/feedback', { token: t.tokens.client, body: { outcomes } });
    expect(await sent.json()).toMatchObject({ matched: 2 });
    const text = await scrape();
    expect(text).toMatch(/causeway_endpoint_live_metric\{endpoint="churn",version="1",metric="count"\} 2/);
    expect(text).toMatch(/causeway_endpoint_live_metric\{endpoint="churn",version="1",metric="accuracy"\} 0.5/);
    expect(text).toMatch(/causeway_endpoint_live_metric\{endpoint="churn",version="1",metric="logLoss"\} \d/);
  });

  test('drift scores per feature from the latest drift check of each endpoint', async () => {
    const db = t.handle.db;
    const graph = {
      nodes: [
        { id: 'requests', type: 'source.endpoint-requests', config: { endpoint: 'churn' } },
        { id: 'drift', type: 'validate.drift', config: { stopOnFailure: true } },
      ],
    };
    await db
      .insertInto('graphs')
      .values({ id: 'watch', name: 'watch', latest_version: 1, created_by: 'test', updated_at: new Date() })
      .execute();
    await db
      .insertInto('graph_versions')
      .values({ graph_id: 'watch', version: 1, graph: JSON.stringify(graph), author: 'test', message: '' })
      .execute();
    const finish = async (status: 'succeeded' | 'failed', at: Date, node: { error?: unknown; outputs?: unknown }) => {
      const { id } = await db
        .insertInto('runs')
        .values({
          graph_id: 'watch',
          graph_version: 1,
          timeout_ms: 1000,
          created_by: 'test',
          status,
          started_at: at,
          finished_at: at,
          duration_ms: 5,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await sql`insert into node_runs (run_id, node_id, status, started_at, finished_at, duration_ms, error, outputs)
        values (${id}, 'drift', ${status}, ${at}, ${at}, 5, ${node.error === undefined ? null : JSON.stringify(node.error)},
          ${node.outputs === undefined ? null : JSON.stringify(node.outputs)})`.execute(db);
    };
    const checks = [
      { name: 'age drift', passed: true, message: 'stable: PSI 0.05, KS 0.04', details: { psi: 0.05, ks: 0.04 } },
      { name: 'plan drift', passed: true, message: 'stable: PSI 0.01', details: { psi: 0.01 } },
    ];
    await finish('succeeded', new Date(Date.now() - 60_000), {
      outputs: { report: { kind: 'report', format: 'json', value: { passed: true, checks, summary: 'Drift: all 2 checks passed.' } } },
    });
    let text = await scrape();
    expect(text).toContain('causeway_endpoint_drift{endpoint="churn",feature="age",statistic="psi"} 0.05');
    expect(text).toContain('causeway_endpoint_drift{endpoint="churn",feature="age",statistic="ks"} 0.04');
    expect(text).toContain('causeway_endpoint_drift{endpoint="churn",feature="plan",statistic="psi"} 0.01');
    expect(text).not.toContain('feature="plan",statistic="ks"');
    expect(text).toContain('causeway_endpoint_drifted_features{endpoint="churn"} 0');

    // A newer check that stopped its run on drift: its message names the drifted features.
    await finish('failed', new Date(), {
      error: { code: 'VALIDATION_FAILED', message: 'Drift: 1 of 2 checks failed: age drift (drifted: PSI 0.5312 > 0.2, KS 0.4101 > 0.1).' },
    });
    text = await scrape();
    expect(text).toContain('causeway_endpoint_drift{endpoint="churn",feature="age",statistic="psi"} 0.5312');
    expect(text).toContain('causeway_endpoint_drift{endpoint="churn",feature="age",statistic="ks"} 0.4101');
    expect(text).not.toContain('feature="plan"');
    expect(text).toContain('causeway_endpoint_drifted_features{endpoint="churn"} 1');
  });
});
