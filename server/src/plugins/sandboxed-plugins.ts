import { type Graph, type Issue, type NodeRegistry, UserError } from '@causeway/sdk';
import type { HostCall } from '../runs/host-calls-client';
import { type MigratedGraph, migratePluginNodes } from './migrate-plugin-nodes';
import { hostFetch, type RequestMaker, safeRequestMaker } from './plugin-fetch-host';
import type { PluginPreparation, SandboxPlugin, SandboxSetup } from './plugin-host-calls';
import { registryWithPlugins } from './plugin-node-registry';
import { SandboxProcess } from './sandbox/sandbox-process';
import { portsFromWire, portsToWire } from './sandbox/wire-values';

/** A run's plugin nodes: the registry to run with, what is missing, and how to stop its sandbox. */
export interface RunPlugins {
  registry: NodeRegistry;
  issues: Issue[];
  /** The graph with its nodes of older plugin versions migrated by the plugin's code, in the sandbox. */
  migrate(graph: Graph, signal?: AbortSignal): Promise<MigratedGraph>;
  close(): void;
}

/** No plugin code: nothing to migrate, nothing to stop. */
export const noPlugins = (registry: NodeRegistry): RunPlugins => ({
  registry,
  issues: [],
  migrate: async (graph) => ({ graph, issues: [] }),
  close: () => {},
});
const none = noPlugins;

/**
 * Inside a run thread: asks the main side for the plugins a graph needs and runs their nodes in a
 * sandbox ({@link sandboxRegistry}), one per run.
 */
export async function sandboxedPlugins(base: NodeRegistry, graph: Graph, call: HostCall): Promise<RunPlugins> {
  const unknown = graph.nodes.filter((node) => !base.has(node.type)).map((node) => ({ id: node.id, type: node.type }));
  if (unknown.length === 0 && Object.keys(graph.requires ?? {}).length === 0) return none(base);
  const prepared = (await call('plugins', 'prepare', [graph.requires ?? {}, unknown])) as PluginPreparation;
  const setup = prepared.sandbox;
  if (prepared.issues.length > 0 || setup === undefined) return { ...none(base), issues: prepared.issues };
  // The main side kills a sandbox should this thread die without doing so.
  return sandboxRegistry(base, prepared.plugins, setup, {
    started: (pid) => void call('plugins', 'started', [pid]).catch(() => {}),
    // Counted against the version on the main side, which disables it at the limit.
    crashed: (plugin) => call('plugins', 'crashed', [plugin.name, plugin.version]).then(() => {}),
  });
}

/** What the caller hears of a run's sandboxes: each one's pid as it starts, and each plugin crash. */
export interface SandboxHooks {
  started(pid: number): void;
  crashed(plugin: { name: string; version: string }): Promise<void>;
  /** Makes the requests of granted plugins (default: the SSRF-safe client under `CAUSEWAY_HTTP_ALLOW`). */
  request?: RequestMaker;
}

/**
 * The registry a run uses: `base` plus a definition per node type of `plugins` whose `run` sends
 * inputs, config and a narrow context to a sandbox child process and returns its outputs. The
 * server's run threads and `causeway run` both use it. One sandbox, started on first use; a killed
 * one (timeout, memory) is replaced for the next plugin node.
 */
export function sandboxRegistry(
  base: NodeRegistry,
  plugins: readonly SandboxPlugin[],
  setup: SandboxSetup,
  hooks: SandboxHooks = { started: () => {}, crashed: async () => {} },
): RunPlugins {
  let sandbox: SandboxProcess | undefined;
  const sandboxNow = () => {
    if (sandbox === undefined || !sandbox.alive) {
      sandbox = new SandboxProcess({ entry: setup.entry, readDirs: setup.readDirs, isolation: setup.isolation }, setup.limits);
      if (sandbox.pid !== undefined) hooks.started(sandbox.pid);
    }
    return sandbox;
  };
  const request = hooks.request ?? safeRequestMaker(process.env);
  const registry = registryWithPlugins(base, plugins, (plugin, node) => async ({ inputs, config, ctx }) => {
    const fetch = (asked: unknown) => hostFetch(plugin, asked, ctx, request);
    const outputs = await crashesCounted(plugin, hooks.crashed, () =>
      sandboxNow().call(
        {
          bundle: plugin.bundle,
          nodeType: node.type,
          nodeVersion: node.version,
          nodeId: ctx.nodeId,
          config,
          inputs: portsToWire(inputs as Record<string, unknown>, (port) => node.inputs[port]?.multiple === true),
        },
        { signal: ctx.signal, log: (level, message) => ctx.log(level, message), progress: (fraction) => ctx.progress(fraction), fetch },
      ),
    );
    return portsFromWire(outputs);
  });
  const owners = new Map(plugins.flatMap((plugin) => plugin.nodes.map((node) => [node.type, plugin] as const)));
  const migrate = (graph: Graph, signal = new AbortController().signal) =>
    migratePluginNodes(
      graph,
      registry,
      (type) => owners.has(type),
      (node, toVersion) => {
        const bundle = (owners.get(node.type) as SandboxPlugin).bundle;
        const call = { bundle, nodeType: node.type, nodeVersion: toVersion, fromVersion: node.version, config: node.config };
        return sandboxNow().migrate(call, signal);
      },
    );
  return { registry, issues: [], migrate, close: () => sandbox?.stop() };
}

/** {@link sandboxedPlugins}, or why the run must be refused (`PLUGIN_MISSING` with its issues). */
export async function pluginsForRun(base: NodeRegistry, graph: Graph, call: HostCall): Promise<RunPlugins | UserError> {
  try {
    const plugins = await sandboxedPlugins(base, graph, call);
    const first = plugins.issues[0];
    if (first === undefined) return plugins;
    return new UserError('PLUGIN_MISSING', first.message, { issues: plugins.issues });
  } catch (error) {
    if (error instanceof UserError) return error;
    return new UserError(
      'PLUGIN_MISSING',
      `The run's plugins could not be prepared: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Runs a plugin node's call; a sandbox crash fails the node as it is and is counted against the plugin version (the main side disables it at the limit). */
async function crashesCounted<T>(
  plugin: { name: string; version: string },
  crashed: SandboxHooks['crashed'],
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError && error.code === 'PLUGIN_CRASHED') {
      await crashed(plugin).catch(() => {});
    }
    throw error;
  }
}
