import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuiltinRegistry } from '@causeway/nodes';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadTemplates } from '../load-templates';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';

let t: TestApp;
let folder: string;
beforeAll(async () => {
  t = await makeTestApp({ registry: createBuiltinRegistry() });
  folder = await mkdtemp(join(tmpdir(), 'causeway-templates-'));
}, 120_000);
afterAll(async () => {
  await t.close();
  await rm(folder, { recursive: true, force: true });
});

const template = {
  format: 'causeway.graph/1',
  id: 'starter',
  name: 'Starter',
  description: 'Loads rows and splits them.',
  nodes: [
    { id: 'load', type: 'source.inline', version: 1, label: 'Rows', config: { rows: [] }, position: [0, 0] },
    { id: 'split', type: 'transform.split', version: 1, config: { test: 0.2 }, position: [260, 0] },
  ],
  edges: [{ from: 'load.table', to: 'split.table' }],
};

// Named to sort first, and server-only: it reads a registered model.
const serverOnly = {
  format: 'causeway.graph/1',
  id: 'audit',
  name: 'Audit',
  nodes: [{ id: 'model', type: 'model.registered', version: 1, config: { model: 'churn', version: 'production' }, position: [0, 0] }],
  edges: [],
};

test('lists loaded templates with a summary, those that run in the browser first, and not the graphs users saved', async () => {
  await writeFile(join(folder, 'starter.json'), JSON.stringify(template));
  await writeFile(join(folder, 'audit.json'), JSON.stringify(serverOnly));
  expect(await loadTemplates(t.services, [folder])).toEqual(['audit', 'starter']);
  const mine = { ...template, id: 'mine', name: 'Mine' };
  expect((await t.call('POST', '/api/graphs', { token: t.tokens.analyst, body: { graph: mine } })).status).toBe(201);
  // Editing the template graph leaves the template (its first version) as shipped.
  const edited = { ...template, description: 'changed', nodes: template.nodes.slice(0, 1), edges: [] };
  expect((await t.call('POST', '/api/graphs/starter/versions', { token: t.tokens.analyst, body: { graph: edited } })).status).toBe(201);

  const response = await t.call('GET', '/api/templates', { token: t.tokens.developer });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    items: [
      {
        id: 'starter',
        name: 'Starter',
        description: 'Loads rows and splits them.',
        nodeCount: 2,
        edgeCount: 1,
        steps: [
          { id: 'load', type: 'source.inline', label: 'Rows' },
          { id: 'split', type: 'transform.split' },
        ],
        runsIn: ['browser', 'server'],
        needs: [],
      },
      {
        id: 'audit',
        name: 'Audit',
        description: '',
        nodeCount: 1,
        edgeCount: 0,
        steps: [{ id: 'model', type: 'model.registered' }],
        runsIn: ['server'],
        needs: [{ kind: 'model', name: 'churn', stage: 'production', madeBy: null }],
      },
    ],
  });
  expect((await t.call('GET', '/api/templates')).status).toBe(401);
});

test('me tells the role and the actions it allows', async () => {
  const ops = (await (await t.call('GET', '/api/auth/me', { token: t.tokens.ops })).json()) as { role: string; actions: string[] };
  expect(ops.role).toBe('ops');
  expect(ops.actions).toEqual(expect.arrayContaining(['schedules:write', 'endpoints:write', 'runs:write']));
  expect(ops.actions).not.toContain('graphs:write');
  const analyst = (await (await t.call('GET', '/api/auth/me', { token: t.tokens.analyst })).json()) as { actions: string[] };
  expect(analyst.actions).not.toContain('plugins:write');
});

test('a templates folder that exists but cannot be read is logged, a missing one is not', async () => {
  const notAFolder = join(folder, 'starter.json');
  await writeFile(notAFolder, '{}');
  expect(await loadTemplates(t.services, [join(folder, 'absent'), notAFolder])).toEqual([]);
  const logged = t.logger.lines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.message === 'templates folder unreadable');
  expect(logged).toEqual([expect.objectContaining({ level: 'warn', folder: notAFolder })]);
});

test('every model a shipped template reads is registered by another shipped template, named as what to run first', async () => {
  const shipped = join(import.meta.dirname, '../../../templates');
  const app = await makeTestApp({ registry: createBuiltinRegistry() });
  try {
    expect((await loadTemplates(app.services, [shipped])).length).toBeGreaterThan(3);
    const { items } = (await (await app.call('GET', '/api/templates', { token: app.tokens.analyst })).json()) as {
      items: Array<{ id: string; needs: Array<{ kind: string; name: string; stage: string | null; madeBy: { id: string } | null }> }>;
    };
    const needs = Object.fromEntries(items.map((i) => [i.id, i.needs]));
    expect(needs['drift-monitor']).toEqual([
      {
        kind: 'model',
        name: 'churn',
        stage: 'production',
        madeBy: { id: 'churn-deploy', name: 'Churn classifier: train, gate and register' },
      },
      { kind: 'endpoint', name: 'churn', stage: null, madeBy: null },
    ]);
    expect(needs['churn-retrain']).toEqual(needs['drift-monitor']);
    expect(needs['batch-scoring']).toEqual([
      {
        kind: 'model',
        name: 'housing-price',
        stage: 'production',
        madeBy: { id: 'housing-regression-deploy', name: 'Housing price model: train, gate and register' },
      },
    ]);
    const orphans = items.flatMap((i) => i.needs.filter((n) => n.kind === 'model' && n.madeBy === null).map((n) => `${i.id} → ${n.name}`));
    expect(orphans).toEqual([]);
  } finally {
    await app.close();
  }
}, 120_000);
