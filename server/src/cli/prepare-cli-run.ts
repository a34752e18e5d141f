import { createBuiltinRegistry } from '@causeway/nodes';
import type { Graph, Issue, NodeRegistry } from '@causeway/sdk';
import type { CliIo } from './cli-io';
import { loadCliPlugins, registryForCli } from './cli-plugins';
import { cliSandbox } from './cli-sandbox';
import { cliSettings } from './cli-settings';

/** A graph ready for the CLI to run: its registry (plugins in the sandbox), the migrated graph, and how to let go. */
export interface CliRunSetup {
  registry: NodeRegistry;
  graph: Graph;
  close(): void;
}

/**
 * What `causeway run` and `causeway test` do before running a graph: load the plugins given with
 * `--plugin` and in CAUSEWAY_PLUGINS_DIR, pick those the graph's `requires` asks for, start their
 * sandbox and migrate nodes saved against older plugin versions. What the graph needs and was not
 * loaded refuses the run, as on the server.
 */
export async function prepareCliRun(
  graph: Graph,
  pluginPaths: readonly string[],
  cwd: string,
  io: CliIo,
): Promise<{ ok: true; value: CliRunSetup } | { ok: false; issues: Issue[] }> {
  const builtins = createBuiltinRegistry();
  const loadedPlugins = await loadCliPlugins(pluginPaths, cwd, cliSettings(io.env).CAUSEWAY_PLUGINS_DIR);
  const { issues: missing, chosen } = registryForCli(graph, builtins, loadedPlugins.plugins);
  const plugins = missing.length > 0 ? undefined : await cliSandbox(builtins, chosen, io.env);
  const migrated = plugins === undefined || plugins.issues.length > 0 ? undefined : await plugins.migrate(graph, io.signal);
  const refusals = [...loadedPlugins.issues, ...missing, ...(plugins?.issues ?? []), ...(migrated?.issues ?? [])];
  if (plugins === undefined || migrated === undefined || refusals.length > 0) {
    plugins?.close();
    return { ok: false, issues: refusals };
  }
  return { ok: true, value: { registry: plugins.registry, graph: migrated.graph, close: () => plugins.close() } };
}
