import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describePlugin, type PluginDefinition, type PluginManifest } from '@causeway/sdk';
import { build } from 'esbuild';

/** A plugin built as its authors' build script builds one: the bundle bytes and the manifest. */
export interface BuiltPlugin {
  bundle: Uint8Array;
  manifest: PluginManifest;
}

const resolveDir = dirname(fileURLToPath(import.meta.url));

function output(result: { outputFiles?: Array<{ contents: Uint8Array }> }): Uint8Array {
  const file = result.outputFiles?.[0];
  if (file === undefined) throw new Error('esbuild wrote no output');
  return file.contents;
}

/**
 * Builds plugin source (an ES module whose default export is `definePlugin(...)`) into one ESM
 * bundle with `@causeway/sdk` and `apache-arrow` external, and writes its manifest with
 * `describePlugin` from a second, self-contained build: what the scaffold's build script does.
 */
export async function buildTestPlugin(source: string): Promise<BuiltPlugin> {
  const common = { stdin: { contents: source, resolveDir, loader: 'ts' as const }, bundle: true, format: 'esm' as const, write: false };
  const bundled = await build({ ...common, platform: 'node', external: ['@causeway/sdk', 'apache-arrow'] });
  const bundle = output(bundled);
  const sha256 = createHash('sha256').update(bundle).digest('hex');
  const standalone = await build({ ...common, platform: 'node' });
  const dir = await mkdtemp(join(tmpdir(), 'causeway-plugin-build-'));
  try {
    const file = join(dir, 'describe.mjs');
    await writeFile(file, output(standalone));
    const plugin = (await import(pathToFileURL(file).href)) as { default: PluginDefinition };
    return { bundle, manifest: describePlugin(plugin.default, { file: 'plugin.mjs', sha256 }) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
