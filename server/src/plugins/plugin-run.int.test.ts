import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { buildTestPlugin } from './test-support/build-test-plugin';
import { installThroughApi, pluginGraph, runToEnd } from './test-support/plugin-runs';

// A plugin as its author writes it: its own zod schema, Arrow columns in and out, logs and progress.
const scaleSource = (version: string, offset: number) => `
import { defineNode, definePlugin, port } from '@causeway/sdk';
import { tableFromArrays } from 'apache-arrow';
import { z } from 'zod';
const scale = defineNode({
  type: '@acme/causeway-scale/scale', version: 1, category: 'plugin', title: 'Scale', description: 'Multiplies a column.',
  inputs: { table: port.table() }, outputs: { table: port.table(), total: port.value(z.number()) },
  config: z.object({ column: z.string(), factor: z.number().min(0).default(2) }),
  run: async ({ inputs, config, ctx }) => {
    const column = inputs.table.getChild(config.column);
    if (column === null) throw new Error('no column ' + config.column);
    const values = Float64Array.from(column.toArray(), (v) => v * config.factor + ${offset});
    ctx.progress(1);
    ctx.log('info', 'scaled ' + values.length + ' rows');
    return { table: tableFromArrays({ [config.column]: values }), total: values.reduce((a, b) => a + b, 0) };
  },
});
export default definePlugin({ name: '@acme/causeway-scale', version: '${version}', apiVersion: 1, nodes: [scale] });
`;

describe('a plugin installed on the server runs in graphs', () => {
  let t: RunsTestApp;
  beforeAll(async () => {
    t = await runsTestApp('pglite', { runTimeoutMs: 60_000 });
    for (const [version, offset] of [
      ['1.0.0', 0],
      ['1.1.0', 1000],
      ['2.0.0', 5000],
    ] as const) {
      expect((await installThroughApi(t, await buildTestPlugin(scaleSource(version, offset)))).status).toBe(201);
    }
  }, 120_000);
  afterAll(() => t?.close());

  const graph = (id: string, range: string, config: object) =>
    pluginGraph(id, { '@acme/causeway-scale': range }, [{ id: 'scale', type: '@acme/causeway-scale/scale', config }]);

  test('install → graph → run: outputs computed in the sandbox, from the highest version the range allows', async () => {
    const run = await runToEnd(t, graph('scale-run', '^1.0.0', { column: 'x', factor: 3 }));
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const page = (await (await t.call('GET', `/api/runs/${run.id}/outputs/scale/table`)).json()) as { rows: unknown[] };
    expect(page.rows).toEqual([{ x: 1003 }, { x: 1006 }, { x: 1009 }]);
    const detail = (await (await t.call('GET', `/api/runs/${run.id}`)).json()) as {
      nodes: Array<{ nodeId: string; logs: Array<{ message: string }> }>;
    };
    expect(detail.nodes.find((n) => n.nodeId === 'scale')?.logs).toContainEqual(expect.objectContaining({ message: 'scaled 3 rows' }));
  });

  test('the pinned range decides the version; a disabled version is not used', async () => {
    const pinned = await runToEnd(t, graph('scale-pinned', '~1.0.0', { column: 'x' }));
    expect(pinned.status).toBe('succeeded');
    expect(((await (await t.call('GET', `/api/runs/${pinned.id}/outputs/scale/table`)).json()) as { rows: unknown[] }).rows).toEqual([
      { x: 2 },
      { x: 4 },
      { x: 6 },
    ]);
    const admin = (await t.services.tokens.create({ name: 'admin-plugins', role: 'admin', createdBy: null })).token;
    const disable = (query: string) =>
      t.app.request(`/api/plugins/${encodeURIComponent('@acme/causeway-scale')}/1.0.0/disable${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      });
    // "scale-pinned" needs 1.0.0 (no other enabled version is in ~1.0.0): refused unless forced.
    expect((await disable('')).status).toBe(409);
    expect((await disable('?force=true')).status).toBe(200);
    // Refused at start; a run queued before the disable (or by a schedule) is refused by the worker the same way.
    expect((await t.call('POST', '/api/graphs', { graph: graph('scale-disabled', '~1.0.0', { column: 'x' }) })).status).toBe(201);
    const refused = await t.call('POST', '/api/runs', { graphId: 'scale-disabled' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      code: 'PLUGIN_MISSING',
      message: expect.stringContaining('@acme/causeway-scale ~1.0.0: @acme/causeway-scale@1.0.0 is installed but disabled on this server'),
    });
    const queued = await t.runtime.hub.runs.enqueue({ graphId: 'scale-disabled', createdBy: 'scheduler' });
    let run: { status: string; error: { code: string; message: string } | null } = { status: 'queued', error: null };
    while (['queued', 'running'].includes(run.status)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = (await (await t.call('GET', `/api/runs/${queued.id}`)).json()) as typeof run;
    }
    expect(run).toMatchObject({
      status: 'invalid',
      error: { code: 'PLUGIN_MISSING', message: expect.stringContaining('@acme/causeway-scale ~1.0.0') },
    });
  });

  test('config is checked against the manifest on save: a bad field is an issue, and the run is invalid, not failed', async () => {
    const saved = await t.call('POST', '/api/graphs', { graph: graph('scale-bad-config', '^2.0.0', { column: 'x', factor: -1 }) });
    expect(saved.status).toBe(201);
    expect(((await saved.json()) as { issues: unknown[] }).issues).toEqual([
      { code: 'CONFIG_INVALID', path: ['nodes', 1, 'config', 'factor'], nodeId: 'scale', message: 'factor: Must be at least 0' },
    ]);
    const started = await t.call('POST', '/api/runs', { graphId: 'scale-bad-config' });
    const { id } = (await started.json()) as { id: number };
    const runOf = async () => (await (await t.call('GET', `/api/runs/${id}`)).json()) as { status: string; error: { code: string } | null };
    await expect.poll(async () => (await runOf()).status, { timeout: 60_000 }).not.toMatch(/^(queued|running)$/);
    expect(await runOf()).toMatchObject({ status: 'invalid', error: { code: 'CONFIG_INVALID' } });
  });

  test('unknown config keys of plugin and built-in nodes are issues on save, and the run is refused', async () => {
    const typo = graph('scale-typo', '^1.0.0', { column: 'x', facter: 3 });
    typo.nodes[0] = {
      ...(typo.nodes[0] as (typeof typo.nodes)[0]),
      config: { columns: [{ name: 'x', type: 'number' }], rows: [[1]], row: [] },
    };
    const saved = await t.call('POST', '/api/graphs', { graph: typo });
    expect(saved.status).toBe(201);
    const { issues } = (await saved.json()) as { issues: Array<{ code: string; path: unknown[]; message: string }> };
    expect(issues).toEqual([
      {
        code: 'CONFIG_INVALID',
        path: ['nodes', 0, 'config', 'row'],
        nodeId: 'load',
        message: `row: unknown key "row" — did you mean 'rows'?`,
      },
      {
        code: 'CONFIG_INVALID',
        path: ['nodes', 1, 'config', 'facter'],
        nodeId: 'scale',
        message: `facter: unknown key "facter" — did you mean 'factor'?`,
      },
    ]);
    const started = await t.call('POST', '/api/runs', { graphId: 'scale-typo' });
    const { id } = (await started.json()) as { id: number };
    const runOf = async () => (await (await t.call('GET', `/api/runs/${id}`)).json()) as { status: string; error: { code: string } | null };
    await expect.poll(async () => (await runOf()).status, { timeout: 60_000 }).not.toMatch(/^(queued|running)$/);
    expect(await runOf()).toMatchObject({ status: 'invalid', error: { code: 'CONFIG_INVALID' } });
  });

  test('a graph that needs a plugin the server lacks saves with an issue and is refused to run, naming plugin and range', async () => {
    const missing = pluginGraph('needs-text', { '@causeway/plugin-text': '^1.0.0' }, [
      { id: 'tok', type: '@causeway/plugin-text/tokenize' },
    ]);
    const saved = await t.call('POST', '/api/graphs', { graph: missing });
    expect(saved.status).toBe(201);
    const { issues } = (await saved.json()) as { issues: Array<{ code: string; message: string }> };
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'PLUGIN_MISSING', message: expect.stringContaining('@causeway/plugin-text ^1.0.0') }),
    );
    const started = await t.call('POST', '/api/runs', { graphId: 'needs-text' });
    expect(started.status).toBe(400);
    expect(await started.json()).toMatchObject({
      code: 'PLUGIN_MISSING',
      message: expect.stringContaining('@causeway/plugin-text ^1.0.0'),
    });

    const unlisted = pluginGraph('unlisted', {}, [{ id: 'tok', type: '@causeway/plugin-text/tokenize' }]);
    const body = (await (await t.call('POST', '/api/graphs', { graph: unlisted })).json()) as {
      issues: Array<{ code: string; message: string }>;
    };
    expect(body.issues).toContainEqual(
      expect.objectContaining({
        code: 'PLUGIN_MISSING',
        message: expect.stringContaining('"@causeway/plugin-text/tokenize" from plugin @causeway/plugin-text'),
      }),
    );
  });
});
