import { type Graph, type Issue, type NodeRegistry, UserError } from '@causeway/sdk';
import type { HostCall } from '../runs/host-calls-client';
import type { PluginPreparation } from './plugin-host-calls';
import { registryWithPlugins } from './plugin-node-registry';
import { SandboxProcess } from './sandbox/sandbox-process';
import { portsFromWire, portsToWire } from './sandbox/wire-values';

/** A run's plugin nodes: the registry to run with, what is missing, and how to stop its sandbox. */
export interface RunPlugins {
  registry: NodeRegistry;
  issues: Issue[];
  close(): void;
}

const none = (registry: NodeRegistry): RunPlugins => ({ registry, issues: [], close: () => {} });

/**
 * Inside a run thread: asks the main side for the plugins a graph needs, then gives each of their
 * node types a definition whose `run` sends inputs, config and a narrow context to a sandbox
 * child process and returns its outputs. One sandbox per run, started on first use; a killed one
 * (timeout, memory) is replaced for the run's next plugin node.
 */
export async function sandboxedPlugins(base: NodeRegistry, graph: Graph, call: HostCall): Promise<RunPlugins> {
  const unknown = graph.nodes.filter((node) => !base.has(node.type)).map((node) => ({ id: node.id, type: node.type }));
  if (unknown.length === 0 && Object.keys(graph.requires ?? {}).length === 0) return none(base);
  const prepared = (await call('plugins', 'prepare', [graph.requires ?? {}, unknown])) as PluginPreparation;
  const setup = prepared.sandbox;
  if (prepared.issues.length > 0 || setup === undefined) return { ...none(base), issues: prepared.issues };
  let sandbox: SandboxProcess | undefined;
  const sandboxNow = () => {
    if (sandbox === undefined || !sandbox.alive) {
      sandbox = new SandboxProcess({ entry: setup.entry, readDirs: setup.readDirs, isolation: setup.isolation }, setup.limits);
      // The main side kills it should this thread die without doing so.
      if (sandbox.pid !== undefined) call('plugins', 'started', [sandbox.pid]).catch(() => {});
    }
    return sandbox;
  };
  const registry = registryWithPlugins(base, prepared.plugins, (plugin, node) => async ({ inputs, config, ctx }) => {
    const outputs = await crashesCounted(plugin, call, () =>
      sandboxNow().call(
        {
          bundle: plugin.bundle,
          nodeType: node.type,
          nodeVersion: node.version,
          nodeId: ctx.nodeId,
          config,
          inputs: portsToWire(inputs as Record<string, unknown>, (port) => node.inputs[port]?.multiple === true),
        },
        { signal: ctx.signal, log: (level, message) => ctx.log(level, message), progress: (fraction) => ctx.progress(fraction) },
      ),
    );
    return portsFromWire(outputs);
  });
  return { registry, issues: [], close: () => sandbox?.stop() };
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
async function crashesCounted<T>(plugin: { name: string; version: string }, call: HostCall, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError && error.code === 'PLUGIN_CRASHED') {
      await call('plugins', 'crashed', [plugin.name, plugin.version]).catch(() => {});
    }
    throw error;
  }
}
