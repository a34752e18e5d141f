import { defineNode, describeNode, port, UserError } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LoadedPlugin } from './plugins/load-plugins';
import { WorkerCatalog } from './worker-catalog';

function pluginVersion(version: string, error?: string): LoadedPlugin {
  const node = defineNode({
    type: '@acme/p/echo',
    version: 1,
    category: 'plugin',
    title: `Echo ${version}`,
    description: 'Passes its table on.',
    inputs: { table: port.table() },
    outputs: { table: port.table() },
    config: z.object({}),
    run: ({ inputs }) => ({ table: inputs.table }),
  });
  return {
    status: { name: '@acme/p', version, nodes: [node.type], ...(error ? { error } : {}) },
    descriptors: error ? [] : [describeNode(node)],
    definitions: error ? [] : [node],
  };
}

const graph = (requires?: Record<string, string>) => ({
  format: 'causeway.graph/1' as const,
  id: 'g',
  name: 'g',
  nodes: [],
  edges: [],
  requires,
});

describe('WorkerCatalog', () => {
  it('describes the built-ins and the plugins as plain JSON the page can receive', () => {
    const message = new WorkerCatalog([pluginVersion('1.0.0')]).message();
    expect(message.nodes.some((n) => n.type === 'source.csv')).toBe(true);
    expect(message.nodes.find((n) => n.type === '@acme/p/echo')?.title).toBe('Echo 1.0.0');
    expect(structuredClone(message)).toEqual(message);
    expect(message.plugins).toEqual([{ name: '@acme/p', version: '1.0.0', nodes: ['@acme/p/echo'] }]);
  });

  it('runs a graph with the newest loaded version its requires range accepts, and shows the page the newest', () => {
    const catalog = new WorkerCatalog([pluginVersion('1.2.0'), pluginVersion('2.0.0'), pluginVersion('1.0.0')]);
    expect(catalog.registryFor(graph({ '@acme/p': '^1.0.0' })).get('@acme/p/echo', 1)?.title).toBe('Echo 1.2.0');
    expect(catalog.registryFor(graph({ '@acme/p': '~1.0.0' })).get('@acme/p/echo', 1)?.title).toBe('Echo 1.0.0');
    expect(catalog.registryFor(graph()).get('@acme/p/echo', 1)?.title).toBe('Echo 2.0.0');
    expect(
      catalog
        .message()
        .nodes.filter((n) => n.type === '@acme/p/echo')
        .map((n) => n.title),
    ).toEqual(['Echo 2.0.0']);
    expect(catalog.registryFor(graph({ '@acme/p': '^1.0.0' }))).toBe(catalog.registryFor(graph({ '@acme/p': '^1.1.0' })));
  });

  it('refuses to run a graph whose plugin is missing, failed to load or has no fitting version, naming it', () => {
    const catalog = new WorkerCatalog([pluginVersion('1.0.0'), pluginVersion('3.0.0', 'bundle hash mismatch')]);
    expect(() => catalog.assertRunnable(graph({ '@acme/p': '^1.0.0' }))).not.toThrow();
    const refused = (requires: Record<string, string>) => {
      try {
        catalog.assertRunnable(graph(requires));
      } catch (error) {
        return error;
      }
      throw new Error('not refused');
    };
    const missing = refused({ '@acme/other': '^2.0.0' });
    expect(missing).toBeInstanceOf(UserError);
    expect(missing).toMatchObject({ code: 'PLUGIN_MISSING', message: expect.stringContaining('needs plugin @acme/other ^2.0.0') });
    expect(refused({ '@acme/p': '^3.0.0' })).toMatchObject({ message: expect.stringContaining('@acme/p ^3.0.0 (installed: 1.0.0)') });
  });

  it('keeps a plugin that claims a built-in node type out, saying why', () => {
    const clash = pluginVersion('1.0.0');
    clash.definitions = [{ ...(clash.definitions[0] as object), type: 'source.csv' } as never];
    const catalog = new WorkerCatalog([clash]);
    expect(catalog.statuses[0]?.error).toMatch(/source\.csv is already a built-in node type/);
    expect(catalog.message().nodes.filter((n) => n.type === '@acme/p/echo')).toEqual([]);
  });
});
