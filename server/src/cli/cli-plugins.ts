import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkPluginManifest, type Graph, type Issue, type NodeRegistry, parseJsonSafely } from '@causeway/sdk';
import { registryWithPlugins } from '../plugins/plugin-node-registry';
import { type AvailablePlugin, resolveRequires } from '../plugins/resolve-plugins';

/** The manifest of a built plugin: the file itself, or `causeway-plugin.json` in the folder or its `dist/`. */
async function manifestPath(path: string): Promise<string> {
  if ((await stat(path)).isFile()) return path;
  for (const candidate of [join(path, 'causeway-plugin.json'), join(path, 'dist', 'causeway-plugin.json')]) {
    if (
      await stat(candidate).then(
        (info) => info.isFile(),
        () => false,
      )
    )
      return candidate;
  }
  throw new Error('no causeway-plugin.json in it or in its dist/ folder');
}

/**
 * Reads the manifests of the plugins given with `--plugin` (a built plugin's folder or its
 * `causeway-plugin.json`); a missing or invalid one is a `PLUGIN_MANIFEST_INVALID` issue.
 */
export async function loadCliPlugins(paths: readonly string[], cwd: string): Promise<{ plugins: AvailablePlugin[]; issues: Issue[] }> {
  const plugins: AvailablePlugin[] = [];
  const issues: Issue[] = [];
  for (const given of paths) {
    try {
      const text = await readFile(await manifestPath(resolve(cwd, given)), 'utf8');
      const parsed = parseJsonSafely(text);
      const checked = parsed.ok ? checkPluginManifest(parsed.value) : parsed;
      if (!checked.ok) {
        issues.push(
          ...checked.issues.map((issue) => ({
            ...issue,
            code: 'PLUGIN_MANIFEST_INVALID' as const,
            message: `--plugin ${given}: ${issue.message}`,
          })),
        );
        continue;
      }
      const manifest = checked.value;
      plugins.push({ name: manifest.name, version: manifest.version, sha256: manifest.bundleSha256, manifest });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message;
      issues.push({ code: 'PLUGIN_MANIFEST_INVALID', path: [], message: `--plugin ${given}: ${reason}.` });
    }
  }
  return { plugins, issues };
}

/**
 * The registry a graph is checked against by the CLI: the built-ins plus the node types of the
 * loaded plugins its `requires` picks, by the same rule as the server (`resolveRequires`); what it
 * needs and was not loaded is `PLUGIN_MISSING` naming the plugin and range.
 */
export function registryForCli(
  graph: Graph,
  builtins: NodeRegistry,
  plugins: readonly AvailablePlugin[],
): { registry: NodeRegistry; issues: Issue[] } {
  const source = { host: 'the CLI', none: 'none was loaded: give its built folder with --plugin', listed: 'loaded' };
  const resolution = resolveRequires(plugins, graph, (type) => builtins.has(type), source);
  return { registry: registryWithPlugins(builtins, resolution.plugins), issues: resolution.issues };
}
