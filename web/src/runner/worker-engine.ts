import type { CatalogMessage } from '../registry';
import { browserHttp, lazyWebOnnx, serverFiles } from './browser-services';
import { announcingRuns } from './plugins/announce-runs';
import { hostModuleUrls } from './plugins/host-modules';
import { importFromBlob, type LoadedPlugin, loadPlugin } from './plugins/load-plugins';
import { withOutputBudget } from './plugins/output-budget';
import { RunnerCore } from './runner-core';
import type { ServerFetch } from './server-reader';
import { WorkerCatalog } from './worker-catalog';

/**
 * The heavy half of the runner worker: the engine, node code (built-ins and plugins), Arrow and every
 * output. worker.ts imports this module the first time a graph, a file or a plugin needs it.
 */
export class WorkerEngine {
  #catalog = new WorkerCatalog();
  readonly core = new RunnerCore(this.#catalog, { onnx: lazyWebOnnx, http: browserHttp });

  /** `server`: where names not added in the browser are read from (the server's uploaded files). */
  constructor(server: ServerFetch | undefined) {
    if (server) this.core.readServerFiles(serverFiles(server));
  }

  /**
   * Loads the listed plugins beside the built-ins. `announce` tells the page which plugin node holds
   * this thread (its watchdog names it if it never lets go); the tables a plugin node returns are
   * weighed against its budget.
   */
  async loadPlugins(
    source: ServerFetch,
    listed: ReadonlyArray<{ name: string; version: string }>,
    announce: (message: unknown) => void,
  ): Promise<CatalogMessage> {
    const hostModules = await hostModuleUrls();
    const loaded = await Promise.all(listed.map((p) => loadPlugin(source, p, hostModules, importFromBlob)));
    const guarded = (d: LoadedPlugin['definitions'][number]) => announcingRuns(withOutputBudget(d), announce);
    this.#catalog = new WorkerCatalog(loaded.map((p) => ({ ...p, definitions: p.definitions.map(guarded) })));
    this.core.replaceNodes(this.#catalog);
    return this.#catalog.message();
  }
}
