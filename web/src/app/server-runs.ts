import type { Graph } from '@causeway/sdk';
import type { ApiClient } from '../api/api-client';
import { followRunEvents } from '../api/run-events';
import { runsApi } from '../api/runs-api';
import type { EditorStore } from '../canvas/editor-store';
import { ServerPreviews } from '../results/server-previews';

type Listener = () => void;

/**
 * Runs on the server for the editor: saves the graph when it changed since the last save, queues a
 * run of that version, and folds the run's live events (SSE, resumed after drops) into the same run
 * view browser runs use, so the badges are the same. Holds which server run the previews read.
 */
export class ServerRuns {
  #abort: AbortController | undefined;
  #previews: ServerPreviews | undefined;
  /** The graph object last saved or opened, and its version: unchanged graphs are not saved again. */
  #saved: { graph: Graph; version: number } | undefined;
  readonly #listeners = new Set<Listener>();

  constructor(
    private readonly api: ApiClient,
    private readonly store: EditorStore,
    /** The role may save graphs (`graphs:write`). */
    private readonly canSave: boolean,
  ) {}

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The previews of the server run shown on the canvas, if the canvas shows one. */
  get previews(): ServerPreviews | undefined {
    const run = this.#previews;
    return run && this.store.getState().run.runId === run.runId ? run : undefined;
  }

  /** Remembers a version as what the canvas holds (after a save or an open). */
  markSaved(graph: Graph, version: number): void {
    this.#saved = { graph, version };
  }

  /** The version the canvas was opened or last saved as, when it holds that graph: what an edit of it starts from. */
  baseVersion(graphId: string): number | undefined {
    return this.#saved?.graph.id === graphId ? this.#saved.version : undefined;
  }

  /** Saves the canvas unless it is the version saved last; returns the version to run. */
  async saveIfChanged(): Promise<number> {
    const graph = this.store.getState().graph;
    if (this.#saved?.graph === graph) return this.#saved.version;
    if (!this.canSave) throw new Error('this role runs saved versions only and cannot save the changes: open a saved version to run it.');
    const saved = await this.api.save(graph, '', this.baseVersion(graph.id));
    this.markSaved(graph, saved.version);
    if (!saved.unchanged) this.store.notify(`Saved version ${saved.version} to run it on the server.`);
    return saved.version;
  }

  /** Saves if needed, queues a run of the whole graph and follows it; resolves when the run ends. */
  async run(): Promise<void> {
    const version = await this.saveIfChanged();
    const graph = this.store.getState().graph;
    const run = await runsApi.start(this.api, graph.id, version);
    await this.follow(
      run.id,
      graph.nodes.map((n) => n.id),
    );
  }

  /**
   * Shows a server run's node states on the canvas: its stored events are replayed from the first,
   * then new ones stream in until it ends. `nodes` start as queued until the run's own start event.
   */
  follow(runId: number, nodes: string[]): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#previews = new ServerPreviews(this.api, this.store, runId);
    this.store.runEvent({ type: 'run:start', runId, at: Date.now(), nodes });
    this.#emit();
    return followRunEvents(this.api, runId, (event) => this.store.runEvent(event), { signal: abort.signal }).then(
      () => undefined,
      (error: unknown) => {
        if (!abort.signal.aborted) this.store.notify(`Lost server run ${runId}: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }

  /** Asks the server to cancel the run being followed; its closing event ends the view. */
  async cancel(): Promise<void> {
    const run = this.#previews;
    if (!run) return;
    await runsApi.cancel(this.api, run.runId);
  }

  /** Stops following (another graph was opened). */
  stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#previews = undefined;
    this.#emit();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}
