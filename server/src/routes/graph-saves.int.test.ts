import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';

const graphOf = (name: string, test = 0.2) => ({
  format: 'causeway.graph/1',
  id: 'churn',
  name,
  nodes: [
    { id: 'load', type: 'source.inline', version: 1, config: { rows: [] }, position: [0, 0] },
    { id: 'split', type: 'transform.split', version: 1, config: { test, seed: 7 }, position: [260, 0] },
  ],
  edges: [{ from: 'load.table', to: 'split.table' }],
});

/** The same graph with every object's keys in reverse order: equal JSON, different text. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe.each(['pglite', 'postgres'] as const)('graph saves on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (kind === 'postgres') {
      const scratch = await scratchPostgresDatabase();
      drop = scratch.drop;
      t = await makeTestApp({ target: { kind: 'postgres', url: scratch.url } });
    } else {
      t = await makeTestApp();
    }
    const created = await t.call('POST', '/api/graphs', { token: t.tokens.analyst, body: { graph: graphOf('Churn') } });
    expect(created.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  const save = (graph: unknown) => t.call('POST', '/api/graphs/churn/versions', { token: t.tokens.analyst, body: { graph, message: '' } });
  const versions = async () =>
    ((await (await t.call('GET', '/api/graphs/churn/versions', { token: t.tokens.analyst })).json()) as { items: unknown[] }).items.length;

  test('saving the latest graph again, in any key order, answers the latest version and writes none', async () => {
    const same = await save(reversedKeys(graphOf('Churn')));
    expect(same.status).toBe(200);
    expect(await same.json()).toMatchObject({ version: 1, unchanged: true });
    expect(await versions()).toBe(1);

    const changed = await save(graphOf('Churn', 0.3));
    expect(changed.status).toBe(201);
    expect(await changed.json()).toMatchObject({ version: 2, unchanged: false });
    const [a, b] = await Promise.all([save(graphOf('Churn', 0.4)), save(graphOf('Churn', 0.4))]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(await versions()).toBe(3);
    const audited = await t.services.audit.list({ limit: 100, offset: 0, action: 'graph.version' });
    expect(audited.items).toHaveLength(2);
  });

  test('a rename saved from the editor, or made through PATCH, is the name every list and open reads', async () => {
    expect((await save(graphOf('Churn v2', 0.4))).status).toBe(201);
    const listed = async () =>
      ((await (await t.call('GET', '/api/graphs', { token: t.tokens.analyst })).json()) as { items: Array<{ name: string }> }).items.map(
        (g) => g.name,
      );
    expect(await listed()).toEqual(['Churn v2']);

    expect((await t.call('PATCH', '/api/graphs/churn', { token: t.tokens.analyst, body: { name: 'Churn model' } })).status).toBe(200);
    expect(await listed()).toEqual(['Churn model']);
    const opened = (await (await t.call('GET', '/api/graphs/churn', { token: t.tokens.analyst })).json()) as { graph: { name: string } };
    expect(opened.graph.name).toBe('Churn model');
  });
});
