import { randomBytes } from 'node:crypto';
import { scoreTable } from '@causeway/nodes';
import { columnOf, type ModelValue, NodeRegistry } from '@causeway/sdk';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../app';
import { connectDatabase } from '../db/connect';
import { createNodeOnnxRuntime } from '../onnx/node-runtime';
import { AuditRepository } from '../repositories/audit-repository';
import { SecretCipher } from '../secrets/secret-cipher';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { startEndpoints } from './endpoints-runtime';
import { modelVersionsIn } from './model-version-source';
import { readSampleTable } from './sample-table';
import { churnTable, registerVersion, trainChurnModels } from './test-models';

/** A seedable uniform random in [0, 1) (mulberry32), so canary and sampling splits repeat. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = { age: number | null; visits: number; member: boolean; plan: string };

function rowsOf(n: number, seed: number): Row[] {
  const table = churnTable(n, seed);
  const get = (name: string) => table.getChild(name)?.toArray() as ArrayLike<unknown>;
  const [age, visits, member] = [get('age'), get('visits'), get('member')];
  const plan = table.getChild('plan');
  return Array.from({ length: n }, (_, i) => ({
    age: Number(age[i]),
    visits: Number(visits[i]),
    member: Boolean(member[i]),
    plan: String(plan?.get(i)),
  }));
}

let models: { logistic: ModelValue; forest: ModelValue };
beforeAll(async () => {
  models = await trainChurnModels();
}, 120_000);

describe.each(['pglite', 'postgres'] as const)('model endpoints on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;
  let url: string | undefined;

  beforeAll(async () => {
    if (kind === 'postgres') {
      const scratch = await scratchPostgresDatabase();
      drop = scratch.drop;
      url = scratch.url;
    }
    t = await makeTestApp({
      ...(url ? { target: { kind: 'postgres', url } } : {}),
      endpoints: { random: seeded(42), flushMs: 60_000 },
    });
    const db = t.handle.db;
    const register = (model: ModelValue, gate: { passed: boolean; reason: string }) =>
      registerVersion(db, t.artifacts, { name: 'churn', model, gate });
    expect(await register(models.logistic, { passed: true, reason: 'auc 0.90 ≥ 0.80' })).toBe(1);
    expect(await register(models.forest, { passed: false, reason: 'auc 0.78 < 0.80' })).toBe(2);
    expect(await register(models.forest, { passed: true, reason: 'auc 0.91 ≥ 0.80' })).toBe(3);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  const ops = () => t.tokens.ops;
  const predict = (name: string, body: unknown, token = ops()) => t.call('POST', `/api/endpoints/${name}/predict`, { token, body });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field in assertions
  const json = async (response: Response) => (await response.json()) as Record<string, any>;

  test('an endpoint answers only once a version is promoted', async () => {
    const created = await t.call('POST', '/api/endpoints', { token: ops(), body: { name: 'churn', model: 'churn', sampleRate: 1 } });
    expect(created.status).toBe(201);
    const early = await predict('churn', { rows: rowsOf(1, 1) });
    expect(early.status).toBe(409);
    expect((await json(early)).code).toBe('ENDPOINT_NOT_READY');
    const unknownModel = await t.call('POST', '/api/endpoints', { token: ops(), body: { name: 'other', model: 'nope' } });
    expect((await json(unknownModel)).code).toBe('MODEL_VERSION_UNKNOWN');
  });

  test('promotion is refused without a passing gate, and allowed with an audited override', async () => {
    const refused = await t.call('POST', '/api/endpoints/churn/promote', { token: ops(), body: { version: 2 } });
    expect(refused.status).toBe(409);
    const body = await json(refused);
    expect(body.code).toBe('GATE_REFUSED');
    expect(body.message).toContain('auc 0.78 < 0.80');
    const noReason = await t.call('POST', '/api/endpoints/churn/promote', { token: ops(), body: { version: 2, override: true } });
    expect(noReason.status).toBe(400);
    const analyst = await t.call('POST', '/api/endpoints/churn/promote', { token: t.tokens.analyst, body: { version: 1 } });
    expect(analyst.status).toBe(403);

    const promoted = await t.call('POST', '/api/endpoints/churn/promote', { token: ops(), body: { version: 1 } });
    expect(promoted.status).toBe(200);
    expect((await json(promoted)).activeVersion).toBe(1);
    const overridden = await t.call('POST', '/api/endpoints/churn/promote', {
      token: ops(),
      body: { version: 2, override: true, reason: 'incident 42: forest handles the new plan' },
    });
    expect(overridden.status).toBe(200);
    const history = (await json(await t.call('GET', '/api/endpoints/churn/history', { token: t.tokens.analyst }))).items;
    expect(history[0]).toMatchObject({
      kind: 'promote',
      fromVersion: 1,
      toVersion: 2,
      override: true,
      reason: 'incident 42: forest handles the new plan',
      actor: 'ops-test',
    });
    const audit = await t.services.audit.list({ limit: 10, offset: 0, action: 'endpoint.promote' });
    expect(audit.items[0]).toMatchObject({ actor: 'ops-test', target: 'endpoint:churn', details: { to: 2, override: true } });
    const logged = t.logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.endpoint === 'churn');
    expect(logged.filter((l) => l.message === 'endpoint promote')).toEqual([
      expect.objectContaining({ level: 'info', actor: 'ops-test', toVersion: 1, activeVersion: 1 }),
      expect.objectContaining({ toVersion: 2, activeVersion: 2, override: true, reason: 'incident 42: forest handles the new plan' }),
    ]);
    // Back to version 1 for the tests below.
    expect((await t.call('POST', '/api/endpoints/churn/rollback', { token: ops(), body: {} })).status).toBe(200);
  });

  test('predictions match the model.predict node, as records or columns, with probabilities and the version', async () => {
    const rows = rowsOf(25, 99);
    const response = await predict('churn', { rows });
    expect(response.status).toBe(200);
    const answer = await json(response);
    expect(answer).toMatchObject({ endpoint: 'churn', model: 'churn', version: 1 });
    const runtime = createNodeOnnxRuntime();
    const scored = await scoreTable(churnTable(25, 99), models.logistic, runtime);
    await runtime.close();
    const expectedYes = columnOf(scored, 'probability_yes').toArray() as Float64Array;
    answer.probabilities.forEach((p: { yes: number; no: number }, i: number) => {
      expect(p.yes).toBeCloseTo(expectedYes[i] as number, 5);
      expect(p.yes + p.no).toBeCloseTo(1, 5);
      expect(answer.predictions[i]).toBe(p.yes > p.no ? 'yes' : 'no');
    });
    const columns = {
      age: rows.map((r) => r.age),
      visits: rows.map((r) => r.visits),
      member: rows.map((r) => r.member),
      plan: rows.map((r) => r.plan),
    };
    const byColumns = await json(await predict('churn', { columns }));
    expect(byColumns.predictions).toEqual(answer.predictions);
    expect(byColumns.probabilities).toEqual(answer.probabilities);
  });

  test('bad rows get 422 naming each field and row', async () => {
    const rows: unknown[] = rowsOf(4, 5);
    rows[0] = { ...(rows[0] as Row), member: 'yes' };
    rows[1] = { ...(rows[1] as Row), age: 'forty' };
    const { plan: _dropped, ...noPlan } = rows[2] as Row;
    rows[2] = noPlan;
    rows[3] = { ...(rows[3] as Row), visits: 2.5, age: null };
    const response = await predict('churn', { rows });
    expect(response.status).toBe(422);
    const body = await json(response);
    expect(body.code).toBe('ENDPOINT_INPUT_INVALID');
    expect(body.message).toContain('row 1, field "age"');
    expect(body.details.problems).toEqual([
      { row: 1, field: 'age', problem: 'expected a number, got text "forty"' },
      { row: 3, field: 'visits', problem: 'expected an integer, got number 2.5' },
      { row: 0, field: 'member', problem: 'expected true or false, got text "yes"' },
      { row: 2, field: 'plan', problem: 'is missing' },
    ]);
    const ragged = await predict('churn', { columns: { age: [30, 40], visits: [1], member: [true, false], plan: ['pro', 'pro'] } });
    expect(ragged.status).toBe(422);
    expect((await json(ragged)).details.problems[0]).toEqual({ field: 'visits', problem: 'has 1 values where other columns have 2' });
    const missingColumn = await json(await predict('churn', { columns: { age: [30], visits: [1], member: [true] } }));
    expect(missingColumn.details.problems[0]).toMatchObject({ field: 'plan' });
    const notRows = await predict('churn', { rows: 'everything' });
    expect(notRows.status).toBe(400);
    expect((await predict('nowhere', { rows: rowsOf(1, 1) })).status).toBe(404);
  });

  test('a client token may predict and do nothing else', async () => {
    const created = await json(await t.call('POST', '/api/tokens', { token: t.tokens.admin, body: { name: 'shop-app', role: 'client' } }));
    expect((await predict('churn', { rows: rowsOf(1, 3) }, created.token)).status).toBe(200);
    expect((await t.call('GET', '/api/endpoints', { token: created.token })).status).toBe(403);
    expect((await t.call('GET', '/api/graphs', { token: created.token })).status).toBe(403);
    expect((await t.call('POST', '/api/endpoints/churn/predict', { body: { rows: rowsOf(1, 3) } })).status).toBe(401);
  });

  test('a canary answers its share of 2,000 requests, within statistical tolerance', async () => {
    const changed = await t.call('POST', '/api/endpoints/churn/canary', { token: ops(), body: { version: 3, percent: 30 } });
    expect(changed.status).toBe(200);
    const refused = await t.call('POST', '/api/endpoints/churn/canary', { token: ops(), body: { version: 2, percent: 30 } });
    expect((await json(refused)).code).toBe('GATE_REFUSED');
    const row = rowsOf(1, 8);
    let canary = 0;
    const n = 2_000;
    for (let i = 0; i < n; i++) {
      const answer = await json(await predict('churn', { rows: row }));
      if (answer.version === 3) canary++;
      else expect(answer.version).toBe(1);
    }
    // Binomial(2000, 0.3): mean 600, sd 20.5; four sd either side.
    expect(canary).toBeGreaterThan(600 - 82);
    expect(canary).toBeLessThan(600 + 82);
    expect((await t.call('POST', '/api/endpoints/churn/canary', { token: ops(), body: { version: null } })).status).toBe(200);
    expect((await json(await predict('churn', { rows: row }))).version).toBe(1);
  }, 120_000);

  test('a shadow version is scored and logged but never changes the answer', async () => {
    const rows = rowsOf(40, 11);
    const before = await json(await predict('churn', { rows }));
    await t.endpoints.flush();
    const shadowedBefore = t.endpoints.figures.live('churn').shadow.requests;
    expect((await t.call('POST', '/api/endpoints/churn/shadow', { token: ops(), body: { version: 2 } })).status).toBe(200);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await json(await predict('churn', { rows })));
    for (const a of answers) {
      expect(a.version).toBe(1);
      expect(a.predictions).toEqual(before.predictions);
      expect(a.probabilities).toEqual(before.probabilities);
    }
    // flush waits for the shadow work queued by the answers above before it writes.
    await t.endpoints.flush();
    const live = t.endpoints.figures.live('churn').shadow;
    expect(live.requests - shadowedBefore).toBe(5);
    expect(live.errors).toBe(0);
    const logged = await t.handle.db
      .selectFrom('endpoint_samples')
      .select([sql<number>`count(*)::int`.as('n')])
      .where('endpoint_name', '=', 'churn')
      .where('role', '=', 'shadow')
      .where('version', '=', 2)
      .executeTakeFirstOrThrow();
    expect(Number(logged.n)).toBe(5 * rows.length);
    await t.call('POST', '/api/endpoints/churn/shadow', { token: ops(), body: { version: null } });
  });

  test('rollback takes effect on the very next request; versions load once each', async () => {
    await t.call('POST', '/api/endpoints/churn/promote', { token: ops(), body: { version: 3 } });
    const row = { rows: rowsOf(1, 4) };
    expect((await json(await predict('churn', row))).version).toBe(3);
    const rolled = await t.call('POST', '/api/endpoints/churn/rollback', { token: ops(), body: { reason: 'latency' } });
    expect((await json(rolled)).activeVersion).toBe(1);
    expect((await json(await predict('churn', row))).version).toBe(1);
    const toVersion = await t.call('POST', '/api/endpoints/churn/rollback', { token: ops(), body: { version: 3 } });
    expect((await json(toVersion)).activeVersion).toBe(3);
    expect((await json(await predict('churn', row))).version).toBe(3);
    await t.call('POST', '/api/endpoints/churn/rollback', { token: ops(), body: { version: 1 } });
    const never = await t.call('POST', '/api/endpoints/churn/rollback', { token: ops(), body: { version: 99 } });
    expect(never.status).toBe(409);
    // Three versions answered or shadowed: three sessions, however many requests.
    expect(t.endpoints.models.loads).toBe(3);
  });

  test('the endpoint shows its card, an input example that scores, and live figures', async () => {
    const response = await t.call('GET', '/api/endpoints/churn', { token: t.tokens.developer });
    expect(response.status).toBe(200);
    const detail = await json(response);
    expect(detail.card.features.map((f: { name: string }) => f.name)).toEqual(['age', 'visits', 'member', 'plan']);
    expect(Object.keys(detail.inputExample)).toEqual(['age', 'visits', 'member', 'plan']);
    expect((await predict('churn', { rows: [detail.inputExample] })).status).toBe(200);
    expect(detail.live.requests).toBeGreaterThan(2_000);
    // Not ready once, three 422s; bodies refused by the schema never reach the model.
    expect(detail.live.errors).toBe(4);
    expect(detail.live.latencyMs.p50).toBeGreaterThan(0);
    expect(detail.live.latencyMs.p99).toBeGreaterThanOrEqual(detail.live.latencyMs.p50);
    await t.endpoints.flush();
    const again = await json(await t.call('GET', '/api/endpoints/churn', { token: t.tokens.developer }));
    expect(again.totals.requests).toBe(again.live.requests);
  });

  test('samples read back as a table, and retention deletes old ones', async () => {
    await t.endpoints.flush();
    const table = await readSampleTable(t.handle.db, 'churn', { limit: 50 });
    expect(table.numRows).toBe(50);
    expect(table.schema.fields.map((f) => f.name)).toEqual([
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
    await t.call('POST', '/api/endpoints/churn/sampling', { token: ops(), body: { retentionDays: 2 } });
    await sql`update endpoint_samples set at = now() - interval '3 days' where id in (select id from endpoint_samples order by id limit 10)`.execute(
      t.handle.db,
    );
    const before = await t.handle.db.selectFrom('endpoint_samples').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(await t.endpoints.samples.sweep()).toBe(10);
    const after = await t.handle.db.selectFrom('endpoint_samples').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) - 10);
    await expect(readSampleTable(t.handle.db, 'nowhere', { limit: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('deleting an endpoint removes it with its history, samples and counts, and counts of others keep being stored', async () => {
    const count = async (table: 'endpoint_changes' | 'endpoint_samples' | 'endpoint_counts') =>
      Number(
        (
          await t.handle.db
            .selectFrom(table)
            .select(sql<number>`count(*)::int`.as('n'))
            .where('endpoint_name', '=', 'doomed')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const created = await t.call('POST', '/api/endpoints', { token: ops(), body: { name: 'doomed', model: 'churn', sampleRate: 1 } });
    expect(created.status).toBe(201);
    // It follows the production alias, which churn's v1 already holds: it serves from its creation.
    expect(await json(created)).toMatchObject({ alias: 'production', activeVersion: 1 });
    expect((await predict('doomed', { rows: rowsOf(3, 9) })).status).toBe(200);
    await t.endpoints.flush();
    expect([await count('endpoint_changes'), await count('endpoint_samples'), await count('endpoint_counts')]).toEqual([1, 3, 1]);

    expect((await t.call('DELETE', '/api/endpoints/doomed', { token: t.tokens.analyst })).status).toBe(403);
    expect((await t.call('DELETE', '/api/endpoints/doomed', { token: ops() })).status).toBe(204);
    expect((await t.call('GET', '/api/endpoints/doomed', { token: ops() })).status).toBe(404);
    expect((await predict('doomed', { rows: rowsOf(1, 9) })).status).toBe(404);
    expect((await t.call('DELETE', '/api/endpoints/doomed', { token: ops() })).status).toBe(404);
    expect([await count('endpoint_changes'), await count('endpoint_samples'), await count('endpoint_counts')]).toEqual([0, 0, 0]);
    const audit = await t.services.audit.list({ limit: 1, offset: 0, action: 'endpoint.delete' });
    expect(audit.items[0]).toMatchObject({ actor: 'ops-test', target: 'endpoint:doomed', details: { model: 'churn', activeVersion: 1 } });

    // Counts another process still held for it (recorded here by hand) are dropped; churn's are stored.
    const before = await json(await t.call('GET', '/api/endpoints/churn', { token: ops() }));
    t.endpoints.figures.record('doomed', 1, 1, 1, false);
    expect((await predict('churn', { rows: rowsOf(2, 5) })).status).toBe(200);
    await t.endpoints.figures.flush(t.handle.db);
    const after = await json(await t.call('GET', '/api/endpoints/churn', { token: ops() }));
    expect(after.totals.requests).toBe(before.totals.requests + 1);
    expect(await count('endpoint_counts')).toBe(0);
  });

  test.runIf(kind === 'postgres')('another server process on the same database sees a rollback within its cache time', async () => {
    // A second process: its own connection, state cache and sessions; the same database and artifact files.
    const handle = await connectDatabase({ kind: 'postgres', url: url as string });
    const audit = new AuditRepository(handle.db);
    const endpoints = startEndpoints({
      db: handle.db,
      versions: modelVersionsIn(handle.db, t.artifacts),
      audit,
      logger: t.logger,
      options: { stateTtlMs: 50 },
    });
    const other = createApp({
      db: handle.db,
      endpoints,
      registry: new NodeRegistry(),
      cipher: new SecretCipher(randomBytes(32)),
      logger: t.logger,
      bodyLimit: 1 << 20,
      corsOrigin: 'http://127.0.0.1',
    });
    const versionFrom = async () => {
      const response = await other.app.request('/api/endpoints/churn/predict', {
        method: 'POST',
        headers: { authorization: `Bearer ${ops()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rows: rowsOf(1, 4) }),
      });
      return ((await response.json()) as { version: number }).version;
    };
    try {
      expect(await versionFrom()).toBe(1);
      await t.call('POST', '/api/endpoints/churn/rollback', { token: ops(), body: { version: 3 } });
      // The first request after the cache time starts the re-read and keeps the state it has; a later one sees the change.
      await expect.poll(versionFrom, { interval: 25, timeout: 15_000 }).toBe(3);
    } finally {
      await endpoints.close();
      await handle.close();
    }
  });
});
