import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createBuiltinRegistry } from '@causeway/nodes';
import {
  createLimit,
  type Graph,
  type NodeRegistry,
  type PortKind,
  parseGraph,
  parseGraphTests,
  runGraph,
  type SqlClient,
  UserError,
} from '@causeway/sdk';
import { folderFiles } from '../cli/folder-files';
import { folderExports } from '../exports/folder-exports';
import { runVersionTests } from '../graph-tests/run-version-tests';
import { hostServices, runHostServices } from '../host-services';
import { pluginsForRun, type RunPlugins } from '../plugins/sandboxed-plugins';
import { planPushdown } from '../pushdown/plan-pushdown';
import { pushdownSettings } from '../pushdown/pushdown-settings';
import { HostCallClient } from './host-calls-client';
import { ParsedGraphs } from './parsed-graphs';
import { serializeOutputs } from './serialize-outputs';
import type { FromThread, RunError, ThreadData, ToThread } from './thread-protocol';

// Runs inside a worker thread: one graph at a time, so a crash or a runaway node costs only this thread.
const port = parentPort;
if (port === null) throw new Error('run-thread-main must run in a worker thread');
const data = workerData as ThreadData;
const post = (message: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function loadRegistry(): Promise<NodeRegistry> {
  if (data.registryModule === undefined) return createBuiltinRegistry();
  const module = (await import(data.registryModule)) as { createRegistry?: () => NodeRegistry | Promise<NodeRegistry> };
  if (typeof module.createRegistry !== 'function') throw new Error(`${data.registryModule} has no createRegistry()`);
  return module.createRegistry();
}

const registry = await loadRegistry();
mkdirSync(data.filesDir, { recursive: true });
const files = folderFiles(
  data.filesDir,
  (name) =>
    `No uploaded file named "${name}" on this server. Upload it (Add data… in the editor, or POST /api/files) and run again, or correct the node's file name.`,
);
// Exports sit beside the files folder: `<dataDir>/exports`.
const exportStore = folderExports(join(dirname(data.filesDir), 'exports'));
const services = hostServices(process.env);
const pushdown = pushdownSettings(process.env);
const hostCalls = new HostCallClient((message) => post(message));
const graphs = new ParsedGraphs(data.graphCacheEntries);
// Which run's code is executing, across its awaits and timers: an uncaught error is laid at its door.
const currentRun = new AsyncLocalStorage<number>();
const controllers = new Map<number, AbortController>();

/**
 * Rows a run writes are keyed by the run that started the retry chain (a manual or scheduled retry
 * makes a new run whose `retry_of` points back), so a retry replaces the rows of the run it retries.
 */
function retrySafeSql(sql: SqlClient, runId: number, firstRun: number): SqlClient {
  if (firstRun === runId) return sql;
  const own = `${runId}:`;
  return {
    query: (...args) => sql.query(...args),
    write: (connection, table, options) =>
      sql.write(connection, table, {
        ...options,
        runKey: options.runKey.startsWith(own) ? `${firstRun}:${options.runKey.slice(own.length)}` : options.runKey,
      }),
  };
}

/** The declared kind of each node's output ports in `graph`. */
function portKinds(registry: NodeRegistry, graph: Graph): (nodeId: string, port: string) => PortKind | undefined {
  const types = new Map(graph.nodes.map((node) => [node.id, node]));
  return (nodeId, port) => {
    const node = types.get(nodeId);
    const resolved = node === undefined ? undefined : registry.resolve(node.type, node.version);
    if (resolved === undefined || !('definition' in resolved)) return undefined;
    return Object.hasOwn(resolved.definition.outputs, port) ? resolved.definition.outputs[port]?.kind : undefined;
  };
}

/** The graph with its old plugin nodes migrated, or the refusal naming the first that could not be. */
async function migratedGraph(plugins: RunPlugins, graph: Graph): Promise<Graph | UserError> {
  const { graph: migrated, issues } = await plugins.migrate(graph);
  const first = issues[0];
  return first === undefined ? migrated : new UserError(first.code, first.message, { issues });
}

async function run(runId: number, graphKey: string, text: string, firstRun: number): Promise<void> {
  const graph = graphs.get(graphKey, text);
  const call = hostCalls.forRun(runId);
  // Plugin nodes run in a sandbox process; a graph needing a plugin this server lacks is refused here.
  const plugins = graph instanceof UserError ? graph : await pluginsForRun(registry, graph, call);
  // Nodes saved against an older plugin version are migrated by the plugin's code, in the sandbox.
  const migrated = graph instanceof UserError || plugins instanceof UserError ? undefined : await migratedGraph(plugins, graph);
  if (graph instanceof UserError || plugins instanceof UserError || migrated === undefined || migrated instanceof UserError) {
    if (!(plugins instanceof UserError)) plugins.close();
    const refused = graph instanceof UserError ? graph : plugins instanceof UserError ? plugins : (migrated as UserError);
    post({
      type: 'event',
      event: { type: 'run:done', runId, at: Date.now(), status: 'invalid', durationMs: 0, issues: [...refused.issues] },
    });
    post({ type: 'done', runId, status: 'invalid', durationMs: 0, outputs: [], error: { code: refused.code, message: refused.message } });
    return;
  }
  const controller = new AbortController();
  controllers.set(runId, controller);
  const sql = retrySafeSql(services.sql, runId, firstRun);
  // source.postgres and the pushable nodes after it run as one query in the database.
  const pushed = planPushdown(migrated, plugins.registry, sql, pushdown);
  try {
    const result = await runGraph(pushed.graph, {
      registry: pushed.registry,
      runId,
      signal: controller.signal,
      files,
      exports: exportStore,
      limits: data.limits,
      secrets: { get: async (name) => String(await call('secrets', 'get', [name])) },
      ...services,
      sql,
      ...runHostServices(call),
      onEvent: pushed.events((event) => post({ type: 'event', event })),
    });
    const serialized = serializeOutputs(result.outputs, portKinds(pushed.registry, pushed.graph), data.maxJsonOutputBytes);
    const failed = result.errors[0] ?? result.issues[0];
    const error: RunError | undefined =
      failed === undefined
        ? undefined
        : { code: failed.code, message: failed.message, ...(failed.nodeId === undefined ? {} : { nodeId: failed.nodeId }) };
    post(
      {
        type: 'done',
        runId,
        status: result.status,
        durationMs: result.durationMs,
        outputs: serialized.outputs,
        ...(error === undefined ? {} : { error }),
      },
      serialized.transfer,
    );
  } finally {
    controllers.delete(runId);
    plugins.close();
  }
}

// A graph version's tests: one case at a time on this thread, beside its runs.
const testCases = createLimit(1);
const testControllers = new Map<number, AbortController>();
async function runTests(requestId: number, graphText: string, testsText: string): Promise<void> {
  const controller = new AbortController();
  testControllers.set(requestId, controller);
  try {
    const graph = parseGraph(graphText);
    if (!graph.ok) throw new UserError('GRAPH_SCHEMA', 'The saved graph cannot be read.', { issues: graph.issues });
    const tests = parseGraphTests(testsText);
    if (!tests.ok) throw new UserError('TESTS_SCHEMA', tests.issues[0]?.message ?? 'The tests do not fit causeway.tests/1.');
    const cases = await runVersionTests(graph.value, tests.value, {
      registry,
      limit: testCases,
      filesDir: data.filesDir,
      signal: controller.signal,
    });
    post({ type: 'tests-done', requestId, cases });
  } catch (error) {
    const known = error instanceof UserError ? error : undefined;
    const message = error instanceof Error ? error.message : String(error);
    post({ type: 'tests-done', requestId, error: { code: known?.code ?? 'INTERNAL', message } });
  } finally {
    testControllers.delete(requestId);
  }
}

process.on('uncaughtException', (error) => {
  const runId = currentRun.getStore();
  const message = error instanceof Error ? error.message : String(error);
  post({ type: 'fatal', ...(runId === undefined ? {} : { runId }), message });
  // The thread's state is unknown now: it ends, and the pool spares the runs that did nothing wrong.
  process.exit(1);
});

port.on('message', (message: ToThread) => {
  if (message.type === 'run')
    void currentRun.run(message.runId, () => run(message.runId, message.graphKey, message.graph, message.firstRun ?? message.runId));
  else if (message.type === 'cancel') controllers.get(message.runId)?.abort();
  else if (message.type === 'tests') void runTests(message.requestId, message.graph, message.tests);
  else if (message.type === 'cancel-tests') testControllers.get(message.requestId)?.abort();
  else if (message.type === 'host-reply') hostCalls.answer(message);
});
post({ type: 'ready' });
