import { expose, transfer } from 'comlink';
import type { CatalogMessage } from '../registry';
import { browserHttp, lazyWebOnnx, serverFiles } from './browser-services';
import { announcingRuns } from './plugins/announce-runs';
import { hostModuleUrls } from './plugins/host-modules';
import { importFromBlob, listEnabledPlugins, loadPlugin } from './plugins/load-plugins';
import { withOutputBudget } from './plugins/output-budget';
import { RunnerCore } from './runner-core';
import type { RunnerApi, ServerReader } from './runner-protocol';
import { fetchThrough } from './server-reader';
import { WorkerCatalog } from './worker-catalog';

// The engine, node code (built-ins and plugins) and every output live here; the page only renders.
let catalog = new WorkerCatalog();
const core = new RunnerCore(catalog, { onnx: lazyWebOnnx, http: browserHttp });
let started: Promise<CatalogMessage> | undefined;

// The page's end of the channel, handed over by the runner's frame; comlink and the announcements use it.
let page: MessagePort | undefined;

async function start(server: ServerReader | undefined): Promise<CatalogMessage> {
  if (!server) return catalog.message();
  const source = fetchThrough(server);
  core.readServerFiles(serverFiles(source));
  let listed: Array<{ name: string; version: string }>;
  try {
    listed = await listEnabledPlugins(source);
  } catch (error) {
    return { ...catalog.message(), notice: `Plugins could not be listed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (listed.length === 0) return catalog.message();
  const hostModules = await hostModuleUrls();
  const loaded = await Promise.all(listed.map((p) => loadPlugin(source, p, hostModules, importFromBlob)));
  // The page's watchdog learns which plugin node holds this thread, to name it if it never lets go;
  // the tables a plugin node returns are weighed against its budget.
  const announce = (message: unknown) => page?.postMessage(message);
  const guarded = (d: (typeof loaded)[number]['definitions'][number]) => announcingRuns(withOutputBudget(d), announce);
  catalog = new WorkerCatalog(loaded.map((p) => ({ ...p, definitions: p.definitions.map(guarded) })));
  core.replaceNodes(catalog);
  return catalog.message();
}

const api: RunnerApi = {
  start: (server) => {
    started ??= start(server);
    return started;
  },
  analyze: (graph) => core.analyze(graph),
  run: (request, onEvent) => core.run(request, onEvent),
  cancel: () => core.cancel(),
  // Table pages move as Arrow IPC bytes whose buffer is transferred, not copied.
  preview: async (nodeId, portId, offset, limit) => {
    const page = await core.preview(nodeId, portId, offset, limit);
    return page.kind === 'table' ? transfer(page, [page.ipc.buffer]) : page;
  },
  profile: (nodeId, portId) => core.profile(nodeId, portId),
  download: async (nodeId, portId, format) => {
    const bytes = await core.download(nodeId, portId, format);
    // A model's bytes stay the worker's (the run may read them again): send a copy.
    const owned = format === 'onnx' ? bytes.slice() : bytes;
    return transfer(owned, [owned.buffer]);
  },
  writeTable: (pages, format) => {
    const bytes = core.writeTable(pages, format);
    return transfer(bytes, [bytes.buffer]);
  },
  putFile: (name, bytes) => core.putFile(name, bytes),
  setFileSchemas: (schemas) => core.setFileSchemas(schemas),
  fileNames: () => core.fileNames(),
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
