import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuiltPlugin, buildPlugin } from '../build-plugin';

export type { BuiltPlugin };

const resolveDir = dirname(fileURLToPath(import.meta.url));

/** Builds plugin source (an ES module whose default export is `definePlugin(...)`) as its authors' build would. */
export function buildTestPlugin(source: string): Promise<BuiltPlugin> {
  return buildPlugin({ source, resolveDir });
}

/** Source of a plugin with the given node `run` bodies, each a node with a `table` input and output. */
export function pluginSource(name: string, version: string, nodes: Record<string, string>): string {
  const definitions = Object.entries(nodes).map(
    ([id, body]) => `defineNode({
      type: ${JSON.stringify(`${name}/${id}`)}, version: 1, category: 'plugin', title: ${JSON.stringify(id)}, description: 'test node',
      inputs: { table: port.table() }, outputs: { table: port.table() },
      config: z.object({ factor: z.number().default(2) }),
      run: async ({ inputs, config, ctx }) => { ${body} },
    })`,
  );
  return `import { defineNode, definePlugin, port } from '@causeway/sdk';
import { z } from 'zod';
import { tableFromArrays } from 'apache-arrow';
export default definePlugin({ name: ${JSON.stringify(name)}, version: ${JSON.stringify(version)}, apiVersion: 1, nodes: [${definitions.join(',\n')}] });`;
}
