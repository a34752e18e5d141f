import type { Graph, RunEvent } from '@causeway/sdk';
import { proxy, type Remote, transfer, wrap } from 'comlink';
import type { FullAnalysis } from '../canvas/analyze-graph';
import type { CatalogMessage } from '../registry';
import type { RunnerApi, RunRequest, StartOptions } from './runner-protocol';

/**
 * The page's handle on the runner worker, which holds every node's code: it describes the node types
 * when it starts, checks graphs (configs, schemas) and runs them.
 */
export class BrowserRunner {
  #remote: Remote<RunnerApi> | undefined;

  get remote(): Remote<RunnerApi> {
    this.#remote ??= wrap<RunnerApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'causeway-runner' }));
    return this.#remote;
  }

  /** Starts the worker: built-ins, then the server's enabled plugins; answers with their descriptors. */
  start(options: StartOptions): Promise<CatalogMessage> {
    return this.remote.start(options);
  }

  /** The full check of a graph (the store calls it, debounced). */
  analyze = (graph: Graph): Promise<FullAnalysis> => this.remote.analyze(graph);

  run(request: RunRequest, onEvent: (event: RunEvent) => void) {
    return this.remote.run(request, proxy(onEvent));
  }

  cancel(): Promise<void> {
    return this.remote.cancel();
  }

  preview(nodeId: string, portId: string, offset: number, limit: number) {
    return this.remote.preview(nodeId, portId, offset, limit);
  }

  profile(nodeId: string, portId: string) {
    return this.remote.profile(nodeId, portId);
  }

  /** Hands a file to the worker; its buffer moves there (transferred, not copied). */
  putFile(name: string, bytes: Uint8Array): Promise<void> {
    return this.remote.putFile(name, transfer(bytes, [bytes.buffer as ArrayBuffer]));
  }

  fileNames(): Promise<string[]> {
    return this.remote.fileNames();
  }
}
