import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CliIo } from '../cli/cli-io';
import { main } from '../cli/main';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { type BuiltPlugin, buildTestPlugin } from './test-support/build-test-plugin';
import { pluginTarball } from './test-support/pack-tarball';
import { installThroughApi, pluginGraph, runToEnd } from './test-support/plugin-runs';

// 0.1.0 has node version 1 with config { col }; 0.2.0 renames the field: node version 2, { column }, and a migrate.
const source = (version: '0.1.0' | '0.2.0') => `
import { defineNode, definePlugin, port } from '@causeway/sdk';
import { tableFromArrays } from 'apache-arrow';
import { z } from 'zod';
const v2 = ${version === '0.2.0'};
const times = defineNode({
  type: '@acme/causeway-times/times', version: v2 ? 2 : 1, category: 'plugin', title: 'Times ten', description: 'x * 10.',
  inputs: { table: port.table() }, outputs: { table: port.table() },
  config: v2 ? z.object({ column: z.string() }) : z.object({ col: z.string() }),
  ...(v2 ? { migrate: (config, from) => {
    if (typeof config.col !== 'string') throw new Error('version ' + from + ' config has no "col"');
    return { column: config.col };
  } } : {}),
  run: async ({ inputs, config }) => {
    const name = v2 ? config.column : config.col;
    return { table: tableFromArrays({ [name]: Float64Array.from(inputs.table.getChild(name).toArray(), (v) => v * 10) }) };
  },
});
export default definePlugin({ name: '@acme/causeway-times', version: '${version}', apiVersion: 1, nodes: [times] });
`;

const requires = { '@acme/causeway-times': '>=0.1.0' };
const oldGraph = (id: string, config: object) => pluginGraph(id, requires, [{ id: 'times', type: '@acme/causeway-times/times', config }]);

let v010: BuiltPlugin;
let v020: BuiltPlugin;
beforeAll(async () => {
  [v010, v020] = await Promise.all([buildTestPlugin(source('0.1.0')), buildTestPlugin(source('0.2.0'))]);
}, 60_000);

test('the manifest lists which node versions migrate', () => {
  expect(v010.manifest.nodes[0]).not.toHaveProperty('migrates');
  expect(v020.manifest.nodes[0]).toMatchObject({ version: 2, migrates: true });
});

describe('upgrading a plugin on the server keeps graphs saved against the old version working', () => {
  let t: RunsTestApp;
  beforeAll(async () => {
    t = await runsTestApp('pglite', { runTimeoutMs: 60_000 });
    expect((await installThroughApi(t, v010)).status).toBe(201);
  }, 120_000);
  afterAll(() => t?.close());

  test('saved with 0.1.0 (node v1), upgraded to 0.2.0 (node v2), runs with the migrated config', async () => {
    const before = await runToEnd(t, oldGraph('times-old', { col: 'x' }));
    expect(before.status, JSON.stringify(before.error)).toBe('succeeded');
    expect((await installThroughApi(t, v020)).status).toBe(201);
    const started = await t.call('POST', '/api/runs', { graphId: 'times-old' });
    const { id } = (await started.json()) as { id: number };
    const status = async () => ((await (await t.call('GET', `/api/runs/${id}`)).json()) as { status: string }).status;
    await expect.poll(status, { timeout: 60_000 }).toBe('succeeded');
    const page = (await (await t.call('GET', `/api/runs/${id}/outputs/times/table`)).json()) as { rows: unknown[] };
    expect(page.rows).toEqual([{ x: 10 }, { x: 20 }, { x: 30 }]);

    // Saving an old graph again validates it as migrated: no issue for a good one, the plugin's reason for a bad one.
    const saved = await t.call('POST', '/api/graphs', { graph: oldGraph('times-old-2', { col: 'x' }) });
    expect(((await saved.json()) as { issues: unknown[] }).issues).toEqual([]);
    const bad = await t.call('POST', '/api/graphs', { graph: oldGraph('times-bad', { column: 'x' }) });
    expect(((await bad.json()) as { issues: unknown[] }).issues).toEqual([
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        path: ['nodes', 1, 'config'],
        nodeId: 'times',
        message: expect.stringContaining('cannot be migrated to version 2: version 1 config has no "col"'),
      }),
    ]);
    const refused = await runToEnd(t, oldGraph('times-bad-run', { column: 'x' }));
    expect(refused).toMatchObject({ status: 'invalid', error: { code: 'CONFIG_INVALID' } });
  });
});

describe('upgrading a plugin for the CLI', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'causeway-upgrade-'));
    await writeFile(join(dir, 'times-0.1.0.tgz'), await pluginTarball(v010));
    await writeFile(join(dir, 'times-0.2.0.tgz'), await pluginTarball(v020));
    await writeFile(join(dir, 'old.json'), JSON.stringify(oldGraph('old', { col: 'x' })));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const io = (): CliIo & { err: string[]; out: string[] } => {
    const err: string[] = [];
    const out: string[] = [];
    return { err, out, stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: {}, signal: new AbortController().signal };
  };

  test('a graph saved against 0.1.0 validates and runs with 0.2.0, migrated in the sandbox', async () => {
    const plugins = ['--plugin', 'times-0.1.0.tgz', '--plugin', 'times-0.2.0.tgz'];
    const checked = io();
    expect(await main(['validate', 'old.json', ...plugins], checked, dir), checked.out.join('')).toBe(0);
    const ran = io();
    expect(await main(['run', 'old.json', ...plugins, '--out', 'out'], ran, dir), ran.err.join('')).toBe(0);
    expect((await readFile(join(dir, 'out', 'times.table.csv'), 'utf8')).trim().split('\n')).toEqual(['x', '10', '20', '30']);
  });
});
