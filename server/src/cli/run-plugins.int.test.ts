import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltPlugin, buildTestPlugin } from '../plugins/test-support/build-test-plugin';
import { pluginTarball } from '../plugins/test-support/pack-tarball';
import { pluginGraph } from '../plugins/test-support/plugin-runs';
import type { CliIo } from './cli-io';
import { main } from './main';

// The plugin an author builds: its own zod schema, an Arrow column in and out; `offset` tells versions apart.
const scaleSource = (version: string, offset: number) => `
import { defineNode, definePlugin, port } from '@causeway/sdk';
import { tableFromArrays } from 'apache-arrow';
import { z } from 'zod';
const scale = defineNode({
  type: '@acme/causeway-scale/scale', version: 1, category: 'plugin', title: 'Scale', description: 'Multiplies a column.',
  inputs: { table: port.table() }, outputs: { table: port.table() },
  config: z.object({ column: z.string(), factor: z.number().min(0).default(2) }),
  run: async ({ inputs, config }) => {
    const values = Float64Array.from(inputs.table.getChild(config.column).toArray(), (v) => v * config.factor + ${offset});
    return { table: tableFromArrays({ [config.column]: values }) };
  },
});
export default definePlugin({ name: '@acme/causeway-scale', version: '${version}', apiVersion: 1, nodes: [scale] });
`;

function bufferIo(env: Record<string, string> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, signal: new AbortController().signal };
}

async function writeBuilt(folder: string, plugin: BuiltPlugin): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'causeway-plugin.json'), JSON.stringify(plugin.manifest));
  await writeFile(join(folder, 'plugin.mjs'), plugin.bundle);
}

describe('causeway run with plugins', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'causeway-run-plugins-'));
    const [v100, v110] = await Promise.all([buildTestPlugin(scaleSource('1.0.0', 0)), buildTestPlugin(scaleSource('1.1.0', 1000))]);
    await writeBuilt(join(dir, 'scale-1.0.0', 'dist'), v100 as BuiltPlugin);
    await writeBuilt(join(dir, 'bundle-1.1.0'), v110 as BuiltPlugin);
    await mkdir(join(dir, 'installed'));
    await writeFile(join(dir, 'installed', 'scale-1.0.0.tgz'), await pluginTarball(v100 as BuiltPlugin));
    await writeFile(join(dir, 'installed', 'scale-1.1.0.tgz'), await pluginTarball(v110 as BuiltPlugin));
    const scale = [{ id: 'scale', type: '@acme/causeway-scale/scale', config: { column: 'x', factor: 3 } }];
    await writeFile(join(dir, 'caret.json'), JSON.stringify(pluginGraph('caret', { '@acme/causeway-scale': '^1.0.0' }, scale)));
    await writeFile(join(dir, 'tilde.json'), JSON.stringify(pluginGraph('tilde', { '@acme/causeway-scale': '~1.0.0' }, scale)));
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const column = async (out: string) => (await readFile(join(dir, out, 'scale.table.csv'), 'utf8')).trim().split('\n').slice(1);

  it('runs a plugin node from a built folder in the sandbox and writes its outputs', async () => {
    const io = bufferIo();
    expect(await main(['run', 'caret.json', '--plugin', 'scale-1.0.0', '--out', 'out-dir'], io, dir), io.err.join('')).toBe(0);
    expect(await column('out-dir')).toEqual(['3', '6', '9']);
  });

  it('picks the newest loaded version the range allows, from tarballs and bundles alike', async () => {
    const both = ['--plugin', 'installed/scale-1.0.0.tgz', '--plugin', 'bundle-1.1.0/plugin.mjs'];
    const caret = bufferIo();
    expect(await main(['run', 'caret.json', ...both, '--out', 'out-caret'], caret, dir), caret.err.join('')).toBe(0);
    expect(await column('out-caret')).toEqual(['1003', '1006', '1009']);
    const tilde = bufferIo();
    expect(await main(['run', 'tilde.json', ...both, '--out', 'out-tilde'], tilde, dir), tilde.err.join('')).toBe(0);
    expect(await column('out-tilde')).toEqual(['3', '6', '9']);
  });

  it('loads every plugin in CAUSEWAY_PLUGINS_DIR', async () => {
    const io = bufferIo({ CAUSEWAY_PLUGINS_DIR: 'installed' });
    expect(await main(['run', 'caret.json', '--out', 'out-env'], io, dir), io.err.join('')).toBe(0);
    expect(await column('out-env')).toEqual(['1003', '1006', '1009']);
  });

  it('a plugin not loaded is PLUGIN_MISSING naming package and range; a broken one names its path', async () => {
    const missing = bufferIo();
    expect(await main(['run', 'tilde.json', '--plugin', 'bundle-1.1.0'], missing, dir)).toBe(1);
    expect(missing.err.join('')).toBe(
      'PLUGIN_MISSING at requires.@acme/causeway-scale: The graph needs plugin @acme/causeway-scale ~1.0.0, which the CLI does not have (loaded: 1.1.0).\n',
    );
    await writeFile(join(dir, 'bad.tgz'), 'not a tarball');
    const broken = bufferIo();
    expect(await main(['run', 'caret.json', '--plugin', 'bad.tgz'], broken, dir)).toBe(1);
    expect(broken.err[0]).toBe('PLUGIN_BUNDLE_INVALID at (root): --plugin bad.tgz: The tarball is not a gzip-compressed tar archive.\n');
  });

  it('causeway lint checks plugin nodes with the plugins loaded, and flags the plugin nodes of a graph whose plugin is not', async () => {
    for (const [args, env] of [
      [['--plugin', 'scale-1.0.0'], {}],
      [[], { CAUSEWAY_PLUGINS_DIR: 'installed' }],
    ] as const) {
      const io = bufferIo(env);
      expect(await main(['lint', 'caret.json', ...args], io, dir), io.err.join('')).toBe(0);
      expect(io.out).toEqual([]);
    }
    const missing = bufferIo();
    expect(await main(['lint', 'caret.json'], missing, dir)).toBe(1);
    expect(missing.out).toEqual([
      'caret.json:1: error GL000 invalid-graph: NODE_TYPE_UNKNOWN: Unknown node type "@acme/causeway-scale/scale".\n',
    ]);
  });

  it('causeway nodes lists the loaded plugin node types with the built-ins', async () => {
    const io = bufferIo({ CAUSEWAY_PLUGINS_DIR: 'installed' });
    expect(await main(['nodes', '--json'], io, dir)).toBe(0);
    const listed = JSON.parse(io.out.join('')) as Array<{ type: string; version: number; config: unknown }>;
    const scale = listed.filter((entry) => entry.type === '@acme/causeway-scale/scale');
    expect(scale).toHaveLength(1);
    expect(scale[0]?.config).toMatchObject({ properties: { column: { type: 'string' }, factor: { type: 'number' } } });
    expect(listed.some((entry) => entry.type === 'transform.filter')).toBe(true);
  });
});
