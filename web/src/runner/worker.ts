import builtinNodes from 'virtual:causeway/builtin-catalog';
import type { TableSchema } from '@causeway/sdk';
import { expose, transfer } from 'comlink';
import type { CatalogMessage } from '../registry';
import { listEnabledPlugins } from './plugins/list-plugins';
import type { RunnerApi, ServerReader } from './runner-protocol';
import { fetchThrough, type ServerFetch } from './server-reader';
import type { WorkerEngine } from './worker-engine';

// The engine, node code (built-ins and plugins) and every output live in this worker; the page only
// renders. This first chunk stays small so the editor's first load stays light: the engine (node
// code, the SDK, Arrow) is imported the first time a graph with nodes, a file or a plugin needs it.
let server: ServerFetch | undefined;
let engine: Promise<WorkerEngine> | undefined;
let started: Promise<CatalogMessage> | undefined;
// Schemas of the server's files arrive at start; an engine loaded later is handed them.
const fileSchemas = new Map<string, TableSchema | undefined>();

// The page's end of the channel, handed over by the runner's frame; comlink and the announcements use it.
let page: MessagePort | undefined;

function loadEngine(): Promise<WorkerEngine> {
  engine ??= import('./worker-engine').then(({ WorkerEngine }) => {
    const loaded = new WorkerEngine(server);
    loaded.core.setFileSchemas([...fileSchemas]);
    return loaded;
  });
  return engine;
}

/** The built-ins as described at build time, the same descriptors the engine would make. */
const builtins = (): CatalogMessage => ({ nodes: builtinNodes, plugins: [] });

async function start(reader: ServerReader | undefined): Promise<CatalogMessage> {
  if (!reader) return builtins();
  const source = fetchThrough(reader);
  server = source;
  let listed: Array<{ name: string; version: string }>;
  try {
    listed = await listEnabledPlugins(source);
  } catch (error) {
    return { ...builtins(), notice: `Plugins could not be listed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (listed.length === 0) return builtins();
  return (await loadEngine()).loadPlugins(source, listed, (message) => page?.postMessage(message));
}

const api: RunnerApi = {
  start: (reader) => {
    started ??= start(reader);
    return started;
  },
  // A graph without nodes or edges has nothing for node code to check (the page checks its structure).
  analyze: async (graph) =>
    graph.nodes.length === 0 && graph.edges.length === 0 ? { issues: [], ports: [] } : (await loadEngine()).core.analyze(graph),
  run: async (request, onEvent) => (await loadEngine()).core.run(request, onEvent),
  cancel: async () => (await engine)?.core.cancel(),
  // Table pages move as Arrow IPC bytes whose buffer is transferred, not copied.
  preview: async (nodeId, portId, offset, limit) => {
    const preview = await (await loadEngine()).core.preview(nodeId, portId, offset, limit);
    return preview.kind === 'table' ? transfer(preview, [preview.ipc.buffer]) : preview;
  },
  profile: async (nodeId, portId) => (await loadEngine()).core.profile(nodeId, portId),
  download: async (nodeId, portId, format) => {
    const bytes = await (await loadEngine()).core.download(nodeId, portId, format);
    // A model's bytes stay the worker's (the run may read them again): send a copy.
    const owned = format === 'onnx' ? bytes.slice() : bytes;
    return transfer(owned, [owned.buffer]);
  },
  exportedFiles: async () => (await engine)?.core.exportedFiles() ?? [],
  exportedFile: async (path) => {
    // The worker keeps its copy (the page may download it again): send another.
    const bytes = (await loadEngine()).core.exportedFile(path).slice();
    return transfer(bytes, [bytes.buffer]);
  },
  writeTable: async (pages, format) => {
    const bytes = (await loadEngine()).core.writeTable(pages, format);
    return transfer(bytes, [bytes.buffer]);
  },
  pin: async (nodeId, portId, pages) => (await loadEngine()).core.pin(nodeId, portId, pages),
  runTests: async (graph, tests) => (await loadEngine()).core.runTests(graph, tests),
  putFile: async (name, bytes) => (await loadEngine()).core.putFile(name, bytes),
  setFileSchemas: async (schemas) => {
    for (const [name, schema] of schemas) fileSchemas.set(name, schema);
    (await engine)?.core.setFileSchemas(schemas);
  },
  fileNames: async () => (await engine)?.core.fileNames() ?? [],
  ping: () => true,
};

const connect = (event: MessageEvent) => {
  const port = event.ports[0];
  if ((event.data as { type?: unknown } | null)?.type !== 'causeway:connect' || !port) return;
  self.removeEventListener('message', connect);
  page = port;
  expose(api, port);
};
self.addEventListener('message', connect);
self.postMessage({ type: 'causeway:worker-ready' });
