import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineNode, definePlugin, describePlugin, port } from '@causeway/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CliIo } from './cli-io';
import { main } from './main';

const scale = (version: string) =>
  definePlugin({
    name: '@acme/causeway-scale',
    version,
    apiVersion: 1,
    nodes: [
      defineNode({
        type: '@acme/causeway-scale/scale',
        version: 1,
        category: 'plugin',
        title: 'Scale',
        description: 'Multiplies a column.',
        inputs: { table: port.table() },
        outputs: { table: port.table() },
        config: z.object({ column: z.string(), factor: z.number().default(2) }),
        run: ({ inputs }) => ({ table: inputs.table }),
      }),
    ],
  });

const graph = (config: object) => ({
  format: 'causeway.graph/1',
  id: 'g',
  name: 'Scaled',
  requires: { '@acme/causeway-scale': '^1.0.0' },
  nodes: [
    { id: 'load', type: 'source.inline', version: 1, position: [0, 0], config: { columns: [{ name: 'x', type: 'number' }], rows: [[1]] } },
    { id: 'scale', type: '@acme/causeway-scale/scale', version: 1, position: [200, 0], config },
  ],
  edges: [{ from: 'load.table', to: 'scale.table' }],
});

function bufferIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, signal: new AbortController().signal };
}

describe('causeway validate and requires', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'causeway-validate-requires-'));
    await writeFile(join(dir, 'good.json'), JSON.stringify(graph({ column: 'x', factor: 3 })));
    await writeFile(join(dir, 'typo.json'), JSON.stringify(graph({ column: 'x', facter: 3 })));
    for (const version of ['1.4.0', '2.0.0']) {
      const manifest = describePlugin(scale(version), { file: 'plugin.mjs', sha256: 'a'.repeat(64) });
      await writeFile(join(dir, `scale-${version}.json`), JSON.stringify(manifest));
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('without the plugin loaded, a required plugin is PLUGIN_MISSING naming package and range, as the server says', async () => {
    const io = bufferIo();
    expect(await main(['validate', 'good.json'], io, dir)).toBe(1);
    expect(io.out.join('')).toBe(
      'PLUGIN_MISSING at requires.@acme/causeway-scale: The graph needs plugin @acme/causeway-scale ^1.0.0, which the CLI does not have (none was loaded: give it with --plugin or put it in CAUSEWAY_PLUGINS_DIR).\n' +
        'NODE_TYPE_UNKNOWN at nodes[1].type (node "scale"): Unknown node type "@acme/causeway-scale/scale".\n',
    );
  });

  it('a loaded version outside the range is named; one inside it validates the nodes, configs included', async () => {
    const outside = bufferIo();
    expect(await main(['validate', 'good.json', '--plugin', 'scale-2.0.0.json'], outside, dir)).toBe(1);
    expect(outside.out.join('')).toContain('needs plugin @acme/causeway-scale ^1.0.0, which the CLI does not have (loaded: 2.0.0)');

    const inside = bufferIo();
    expect(await main(['validate', 'good.json', '--plugin', 'scale-2.0.0.json', '--plugin', 'scale-1.4.0.json'], inside, dir)).toBe(0);
    expect(inside.out.join('')).toBe('good.json: valid (2 nodes, 1 edge)\n');

    const typo = bufferIo();
    expect(await main(['validate', 'typo.json', '--plugin', 'scale-1.4.0.json'], typo, dir)).toBe(1);
    expect(typo.out.join('')).toBe(
      `CONFIG_INVALID at nodes[1].config.facter (node "scale"): facter: unknown key "facter" — did you mean 'factor'?\n`,
    );
  });

  it('causeway run refuses a graph that requires a plugin, naming it and its range', async () => {
    const io = bufferIo();
    expect(await main(['run', 'good.json'], io, dir)).toBe(1);
    expect(io.err.join('')).toContain(
      'PLUGIN_MISSING at requires.@acme/causeway-scale: The graph needs plugin @acme/causeway-scale ^1.0.0',
    );
  });

  it('a --plugin path without a manifest is reported, not thrown', async () => {
    const io = bufferIo();
    expect(await main(['validate', 'good.json', '--plugin', 'nowhere'], io, dir)).toBe(1);
    expect(io.out[0]).toBe('PLUGIN_MANIFEST_INVALID at (root): --plugin nowhere: no such file or folder.\n');
  });
});
