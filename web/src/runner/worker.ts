import { expose, transfer } from 'comlink';
import type { CatalogMessage } from '../registry';
import { browserHttp, lazyWebOnnx, serverFiles } from './browser-services';
import { announcingRuns } from './plugins/announce-runs';
import { hostModuleUrls } from './plugins/host-modules';
import { importFromBlob, listEnabledPlugins, loadPlugin } from './plugins/load-plugins';
import { RunnerCore } from './runner-core';
import type { RunnerApi, StartOptions } from './runner-protocol';
import { WorkerCatalog } from './worker-catalog';

// The engine, node code (built-ins and plugins) and every output live here; the page only renders.
let catalog = new WorkerCatalog();
const core = new RunnerCore(catalog, { onnx: lazyWebOnnx, http: browserHttp });
let started: Promise<CatalogMessage> | undefined;

async function start(options: StartOptions): Promise<CatalogMessage> {
  if (!options.token) return catalog.message();
  const source = { origin: options.origin, token: options.token };
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
  // The page's watchdog learns which plugin node holds this thread, to name it if it never lets go.
  const announce = (message: unknown) => self.postMessage(message);
  catalog = new WorkerCatalog(loaded.map((p) => ({ ...p, definitions: p.definitions.map((d) => announcingRuns(d, announce)) })));
  core.replaceNodes(catalog);
  return catalog.message();
}

const api: RunnerApi = {
  start: (options) => {
    started ??= start(options);
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
  putFile: (name, bytes) => core.putFile(name, bytes),
  fileNames: () => core.fileNames(),
  ping: () => true,
};

expose(api);
