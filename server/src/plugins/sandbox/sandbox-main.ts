import { type AnyNodeDefinition, CausewayError, errorCatalog, type LogLevel, type NodeContext, UserError } from '@causeway/sdk';
import type { FetchReply, FromSandbox, ToSandbox } from './sandbox-protocol';
import { portsFromWire, portsToWire } from './wire-values';

// Runs in the sandbox child process (empty environment, Node's permission model): the only place plugin code runs on a server.
// The permission model is the boundary (files, processes, workers); hiding these only keeps casual network and native use out
// of plugin nodes, since code can still reach node: modules through a dynamic import built at run time.
const globals = globalThis as Record<string, unknown>;
for (const name of ['fetch', 'WebSocket', 'EventSource']) delete globals[name];
const processProps = process as unknown as Record<string, unknown>;
for (const name of ['getBuiltinModule', 'binding', '_linkedBinding', 'dlopen']) {
  try {
    Object.defineProperty(process, name, { value: undefined, configurable: false, writable: false });
  } catch {
    delete processProps[name];
  }
}

const send = (message: FromSandbox) => process.send?.(message);
const plugins = new Map<string, Promise<Map<string, AnyNodeDefinition>>>();
const calls = new Map<number, AbortController>();
const fetches = new Map<number, { resolve(reply: FetchReply): void; reject(error: unknown): void }>();
let nextFetch = 0;
const maxFetches = 1_000;
const maxLogs = 1_000;
const maxLogLength = 4_000;

function loadPlugin(bundle: string): Promise<Map<string, AnyNodeDefinition>> {
  let loaded = plugins.get(bundle);
  if (loaded === undefined) {
    loaded = import(bundle).then((module: { default?: { nodes?: unknown } }) => {
      const nodes = module.default?.nodes;
      if (!Array.isArray(nodes))
        throw new UserError('PLUGIN_BUNDLE_INVALID', 'The plugin bundle does not export definePlugin(...) as default.');
      const byKey = new Map<string, AnyNodeDefinition>();
      for (const node of nodes as AnyNodeDefinition[]) byKey.set(`${node.type}@${node.version}`, node);
      return byKey;
    });
    plugins.set(bundle, loaded);
  }
  return loaded;
}

function unavailable(what: string): never {
  throw new UserError('PLUGIN_LIMIT', `Plugin nodes cannot use ${what} on this server.`);
}

/** A node's `ctx.fetch`: the host checks the grant, puts in secrets by name and makes the request; the values never come here. */
function fetchFor(callId: number, signal: AbortSignal) {
  let count = 0;
  return (url: string, init: Record<string, unknown> = {}) => {
    if (++count > maxFetches)
      return Promise.reject(new UserError('PLUGIN_LIMIT', `A plugin node may make at most ${maxFetches} requests.`));
    if (signal.aborted) return Promise.reject(signal.reason);
    const requestId = nextFetch++;
    return new Promise<FetchReply>((resolve, reject) => {
      fetches.set(requestId, { resolve, reject });
      send({ type: 'fetch', callId, requestId, request: { ...init, url } });
    }).then((reply) => ({
      ...reply,
      text: () => new TextDecoder().decode(reply.bytes),
      json: () => JSON.parse(new TextDecoder().decode(reply.bytes)) as unknown,
    }));
  };
}

function fetched(message: Extract<ToSandbox, { type: 'fetched' }>): void {
  const waiting = fetches.get(message.requestId);
  if (waiting === undefined) return;
  fetches.delete(message.requestId);
  if (message.reply !== undefined) waiting.resolve(message.reply);
  else {
    const code = message.error !== undefined && Object.hasOwn(errorCatalog, message.error.code) ? message.error.code : 'HTTP_FAILED';
    waiting.reject(new UserError(code as never, message.error?.message ?? 'The request failed.'));
  }
}

function contextFor(callId: number, nodeId: string, signal: AbortSignal): NodeContext {
  let logs = 0;
  // Narrow on purpose: log, progress, the abort signal and fetch (checked by the host); every other host service is refused with a clear error.
  const context = {
    nodeId,
    signal,
    log: (level: LogLevel, message: string) => {
      if (++logs > maxLogs) return;
      send({ type: 'log', callId, level, message: String(message).slice(0, maxLogLength) });
    },
    progress: (fraction: number) => {
      if (Number.isFinite(fraction)) send({ type: 'progress', callId, fraction });
    },
    fetch: fetchFor(callId, signal),
    secrets: {
      get: () => {
        throw new UserError(
          'PLUGIN_SECRET_DENIED',
          "Plugin nodes never see secret values: name a granted secret in a ctx.fetch header instead, e.g. { authorization: { secret: 'API_KEY', format: 'Bearer {}' } }.",
        );
      },
    },
    files: { read: () => unavailable('files'), fingerprint: () => unavailable('files') },
    onnx: { load: () => unavailable('the model runtime') },
    http: { get: () => unavailable('HTTP') },
    sql: { query: () => unavailable('SQL') },
    models: {
      register: () => unavailable('the model registry'),
      load: () => unavailable('the model registry'),
      promote: () => unavailable('the model registry'),
    },
  };
  return context as unknown as NodeContext;
}

async function run(message: Extract<ToSandbox, { type: 'run' }>): Promise<void> {
  const { callId } = message;
  const controller = new AbortController();
  calls.set(callId, controller);
  try {
    const nodes = await loadPlugin(message.bundle);
    const definition = nodes.get(`${message.nodeType}@${message.nodeVersion}`);
    if (definition === undefined) {
      throw new UserError('PLUGIN_MISSING', `The plugin bundle has no node type ${message.nodeType} version ${message.nodeVersion}.`);
    }
    const parsed = definition.config.safeParse(message.config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserError('CONFIG_INVALID', `config.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    const outputs = await definition.run({
      inputs: portsFromWire(message.inputs) as never,
      config: parsed.data,
      ctx: contextFor(callId, message.nodeId, controller.signal),
    });
    const multiple = (id: string) => definition.outputs[id]?.multiple === true;
    send({ type: 'result', callId, outputs: portsToWire(outputs as Record<string, unknown>, multiple) as never });
  } catch (error) {
    const known = error instanceof CausewayError && Object.hasOwn(errorCatalog, error.code) && error.code !== 'INTERNAL';
    const text = error instanceof Error ? error.message : String(error);
    send({ type: 'error', callId, code: known ? (error as CausewayError).code : 'NODE_FAILED', message: text.slice(0, maxLogLength) });
  } finally {
    calls.delete(callId);
  }
}

async function migrate(message: Extract<ToSandbox, { type: 'migrate' }>): Promise<void> {
  const { callId } = message;
  try {
    const nodes = await loadPlugin(message.bundle);
    const definition = nodes.get(`${message.nodeType}@${message.nodeVersion}`);
    if (definition?.migrate === undefined) {
      throw new UserError(
        'PLUGIN_MISSING',
        `The plugin bundle has no migrate for node type ${message.nodeType} version ${message.nodeVersion}.`,
      );
    }
    const config = await definition.migrate(message.config, message.fromVersion);
    send({ type: 'migrated', callId, config });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    send({ type: 'error', callId, code: 'CONFIG_INVALID', message: text.slice(0, maxLogLength) });
  }
}

process.on('message', (message: ToSandbox) => {
  if (message.type === 'run') void run(message);
  else if (message.type === 'migrate') void migrate(message);
  else if (message.type === 'abort') calls.get(message.callId)?.abort();
  else if (message.type === 'fetched') fetched(message);
});
// The host went away (its thread ended): nothing is left to answer.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });

// Plugin bundles import these (through sdk.mjs and arrow.mjs), so plugin and sandbox share one copy of each library.
export * as sdk from '@causeway/sdk';
export * as arrow from 'apache-arrow';
