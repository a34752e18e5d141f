import type { Graph, GraphTests, RunEvent, RunStatus, TableSchema } from '@causeway/sdk';
import { proxy, type Remote, transfer, wrap } from 'comlink';
import type { FullAnalysis } from '../canvas/analyze-graph';
import type { CatalogMessage } from '../registry';
import { pluginTimeLimitFrom, stallError, stoppedWith, watchWorker } from './run-watchdog';
import { RunnerFrame } from './runner-frame';
import type { OutputFileFormat, RunnerApi, RunRequest, StartOptions } from './runner-protocol';
import { serverReader } from './server-reader';
import { runnerWorkerUrl } from './worker-script-url';

export interface BrowserRunnerOptions {
  /** How long the worker may stay silent during a run before it is ended; `?pluginTimeoutMs=` or 60 s. */
  pluginTimeLimitMs?: number;
}

/**
 * The page's handle on the runner worker, which holds every node's code: it describes the node types
 * when it starts, checks graphs (configs, schemas) and runs them. The worker lives in a sandboxed frame
 * with a renderer process of its own (RunnerFrame). A run whose worker stops answering (a node that
 * never yields) or dies (its frame's process out of memory) is failed naming the node, and the frame is
 * replaced.
 */
export class BrowserRunner {
  #frame: RunnerFrame | undefined;
  #remote: Remote<RunnerApi> | undefined;
  #startOptions: StartOptions | undefined;
  #restarted: Promise<unknown> = Promise.resolve();
  readonly pluginTimeLimitMs: number;

  constructor(options: BrowserRunnerOptions = {}) {
    this.pluginTimeLimitMs = options.pluginTimeLimitMs ?? pluginTimeLimitFrom(globalThis.location?.search);
  }

  get remote(): Remote<RunnerApi> {
    if (!this.#remote) {
      this.#frame = new RunnerFrame(new URL(runnerWorkerUrl, document.baseURI).href, new URL('runner-frame.html', document.baseURI).href);
      this.#remote = wrap<RunnerApi>(this.#frame.port);
    }
    return this.#remote;
  }

  /** Starts the worker: built-ins, then the server's enabled plugins (read by the page, with the token); answers with their descriptors. */
  start(options: StartOptions): Promise<CatalogMessage> {
    this.#startOptions = options;
    return this.#startWorker(options);
  }

  /** Starting fails, rather than waits forever, when the worker cannot load or its frame dies (a plugin's top-level code). */
  #startWorker(options: StartOptions): Promise<CatalogMessage> {
    const remote = this.remote;
    const frame = this.#frame as RunnerFrame;
    let unlisten = () => {};
    const died = new Promise<never>((_, reject) => {
      unlisten = frame.listen((signal) => {
        if (signal.kind === 'died') reject(new Error(signal.message));
      });
    });
    const started = remote.start(options.token ? proxy(serverReader(options.origin, options.token)) : undefined);
    return Promise.race([started, died]).finally(unlisten);
  }

  /** The full check of a graph (the store calls it, debounced); after a restart, once the plugins are back. */
  analyze = async (graph: Graph): Promise<FullAnalysis> => {
    await this.#restarted;
    return this.remote.analyze(graph);
  };

  async run(request: RunRequest, onEvent: (event: RunEvent) => void): Promise<{ status: RunStatus }> {
    await this.#restarted;
    if (this.#frame?.dead) {
      this.#replaceWorker();
      await this.#restarted;
    }
    const remote = this.remote;
    const frame = this.#frame as RunnerFrame;
    const running = new Map<string, number>();
    let runId = 0;
    const startedAt = Date.now();
    const track = (event: RunEvent) => {
      runId = event.runId;
      if (event.type === 'node:start') running.set(event.nodeId, event.at);
      else if (event.type === 'node:done' || event.type === 'node:error') running.delete(event.nodeId);
      onEvent(event);
    };
    const watch = watchWorker(frame, () => remote.ping(), this.pluginTimeLimitMs);
    try {
      const outcome = await Promise.race([remote.run(request, proxy(track)), watch.stalled]);
      if ('status' in outcome) return outcome;
      this.#replaceWorker();
      const at = Date.now();
      // The node inside plugin code is blamed; the others still running were stopped with it.
      for (const [nodeId, since] of running) {
        const error =
          outcome.inside === undefined || outcome.inside === nodeId
            ? stallError(outcome, request.graph, nodeId, this.pluginTimeLimitMs)
            : stoppedWith(outcome.inside, nodeId);
        onEvent({ type: 'node:error', runId, nodeId, at, durationMs: at - since, error });
      }
      onEvent({ type: 'run:done', runId, at, status: 'failed', durationMs: at - startedAt });
      return { status: 'failed' };
    } finally {
      watch.stop();
    }
  }

  /** Removes a stuck or dead worker's frame and starts a new one with the same plugins; files handed to the old one are gone. */
  #replaceWorker(): void {
    this.#frame?.dispose();
    this.#frame = undefined;
    this.#remote = undefined;
    const options = this.#startOptions;
    if (options) this.#restarted = this.#startWorker(options).catch(() => undefined);
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

  download(nodeId: string, portId: string, format: OutputFileFormat) {
    return this.remote.download(nodeId, portId, format);
  }

  exportedFiles(): Promise<string[]> {
    return this.remote.exportedFiles();
  }

  exportedFile(path: string): Promise<Uint8Array> {
    return this.remote.exportedFile(path);
  }

  /** The checks that pin a table output as it is now: of the last browser run, or of a server run's `pages` (their buffers move). */
  pin(nodeId: string, portId: string, pages?: Uint8Array[]) {
    return this.remote.pin(
      nodeId,
      portId,
      pages === undefined
        ? undefined
        : transfer(
            pages,
            pages.map((p) => p.buffer as ArrayBuffer),
          ),
    );
  }

  /** Runs a graph's tests in the worker. */
  runTests(graph: Graph, tests: GraphTests) {
    return this.remote.runTests(graph, tests);
  }

  /** Pages of a table as one CSV or Parquet file, written in the worker; the pages' buffers move there. */
  writeTable(pages: Uint8Array[], format: 'csv' | 'parquet') {
    return this.remote.writeTable(
      transfer(
        pages,
        pages.map((p) => p.buffer as ArrayBuffer),
      ),
      format,
    );
  }

  /** Hands a file to the worker (its buffer moves there, not copied); answers a CSV's schema. */
  putFile(name: string, bytes: Uint8Array): Promise<TableSchema | undefined> {
    return this.remote.putFile(name, transfer(bytes, [bytes.buffer as ArrayBuffer]));
  }

  /** Tells the worker the schemas of the server's uploaded files. */
  async setFileSchemas(schemas: Array<[string, TableSchema | undefined]>): Promise<void> {
    await this.#restarted;
    return this.remote.setFileSchemas(schemas);
  }

  fileNames(): Promise<string[]> {
    return this.remote.fileNames();
  }
}
