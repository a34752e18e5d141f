import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describePlugin, type PluginBundleInfo, type PluginDefinition, type PluginManifest } from '@causeway/sdk';
import { type BuildOptions, build } from 'esbuild';
import { allowedPluginImports } from './plugin-limits';

/** A built plugin: the bundle's bytes and its manifest. */
export interface BuiltPlugin {
  bundle: Uint8Array;
  manifest: PluginManifest;
}

/** What to build: an entry file, or source text resolved from a folder. */
export type PluginEntry = { file: string } | { source: string; resolveDir: string };

function output(result: { outputFiles?: Array<{ contents: Uint8Array }> | undefined }): Uint8Array {
  const file = result.outputFiles?.[0];
  if (file === undefined) throw new Error('esbuild wrote no output');
  return file.contents;
}

/**
 * Builds a plugin as the scaffold's build script does: one ESM bundle with `@causeway/sdk` and
 * `apache-arrow` external, and its manifest from `describePlugin`, read from a second,
 * self-contained build of the same entry, its version from `packageJson` when given (this runs the plugin's module code: a build step, on the
 * author's machine or in a test, never on a server).
 */
export async function buildPlugin(entry: PluginEntry, packageJson?: PluginBundleInfo['packageJson']): Promise<BuiltPlugin> {
  const input: BuildOptions =
    'file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.source, resolveDir: entry.resolveDir, loader: 'ts' } };
  const common: BuildOptions = { ...input, bundle: true, format: 'esm', write: false, logLevel: 'silent', platform: 'node' };
  const bundle = output(await build({ ...common, external: [...allowedPluginImports] }));
  const sha256 = createHash('sha256').update(bundle).digest('hex');
  const standalone = output(await build(common));
  const dir = await mkdtemp(join(tmpdir(), 'causeway-plugin-build-'));
  try {
    const file = join(dir, 'describe.mjs');
    await writeFile(file, standalone);
    const plugin = (await import(pathToFileURL(file).href)) as { default?: PluginDefinition };
    if (plugin.default === undefined) throw new Error('The plugin has no default export; export default definePlugin({ ... }).');
    return { bundle, manifest: describePlugin(plugin.default, { file: 'plugin.mjs', sha256, ...(packageJson ? { packageJson } : {}) }) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
