import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Issue, NodeRegistry } from '@causeway/sdk';
import { noGrant } from '../plugins/plugin-grant';
import type { SandboxPlugin } from '../plugins/plugin-host-calls';
import { pluginSandboxSettings } from '../plugins/plugin-sandbox-settings';
import { buildSandboxRuntime } from '../plugins/sandbox/build-sandbox-runtime';
import { sandboxCacheDir } from '../plugins/sandbox-cache-dir';
import { sandboxSetupOf } from '../plugins/sandbox-setup';
import { noPlugins, type RunPlugins, sandboxRegistry } from '../plugins/sandboxed-plugins';
import { writeSandboxBundle } from '../plugins/write-sandbox-bundle';
import type { CliPlugin } from './cli-plugins';

/**
 * `causeway run`'s plugin nodes, run as the server runs them: the sandbox runtime and each chosen
 * plugin's bundle written under the user's cache folder, nodes run in one sandbox process with the
 * limits of the `CAUSEWAY_PLUGIN_*` settings. A plugin loaded from a manifest alone cannot run:
 * a `PLUGIN_MISSING` issue names it.
 */
export async function cliSandbox(
  base: NodeRegistry,
  chosen: readonly CliPlugin[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<RunPlugins> {
  const none = noPlugins(base);
  if (chosen.length === 0) return none;
  const issues: Issue[] = chosen
    .filter((plugin) => plugin.bundle === undefined)
    .map((plugin) => ({
      code: 'PLUGIN_MISSING',
      path: ['requires', plugin.name],
      message: `Plugin ${plugin.name}@${plugin.version} (${plugin.from}) has no plugin.mjs beside its manifest; give its built folder or its tarball to run it.`,
    }));
  if (issues.length > 0) return { ...none, issues };
  const settings = pluginSandboxSettings(env);
  const dir = sandboxCacheDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const runtime = await buildSandboxRuntime(dir);
  const plugins: SandboxPlugin[] = [];
  const readDirs = [runtime.dir];
  for (const plugin of chosen) {
    const folder = await writeSandboxBundle(plugin.bundle as Uint8Array, plugin.sha256, runtime, dir);
    readDirs.push(folder);
    plugins.push({
      name: plugin.name,
      version: plugin.version,
      sha256: plugin.sha256,
      nodes: plugin.manifest.nodes,
      // The CLI has no admin to grant: capability plugins are refused when loaded.
      grant: noGrant,
      bundle: pathToFileURL(join(folder, 'plugin.mjs')).href,
    });
  }
  return sandboxRegistry(base, plugins, sandboxSetupOf(settings, runtime.entry, readDirs));
}
