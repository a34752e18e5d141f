import type { Graph, Issue, RunEvent } from '@causeway/sdk';
import type { EditorCatalog } from '../registry';
import { idleRun, markStale, type RunView, reduceRun } from '../runner/run-view';
import { type Analysis, type CheckedGraph, combineAnalysis, emptyAnalysis, type GraphAnalyzer, structuralIssues } from './analyze-graph';
import { emptyHistory, type History, record, redo, undo } from './history';
import { staleNodes } from './stale-nodes';

/** Everything the editor draws. Immutable: each change makes a new state object. */
export interface EditorState {
  graph: Graph;
  selection: ReadonlySet<string>;
  history: History<Graph>;
  analysis: Analysis;
  run: RunView;
  /** The output port whose result is shown, `node.port`. */
  preview: string | undefined;
  /** A short message for the status line (e.g. why a paste was refused). */
  notice: string | undefined;
}

type Listener = () => void;

/** How the store gets full checks (config, inference) of its graph, and how long it waits for typing to pause. */
export interface AnalyzerOptions {
  analyzer: GraphAnalyzer;
  delayMs?: number;
}

/**
 * The editor's one source of truth: the graph with its undo history, the selection, the analysis
 * (validation and schemas) and the run view. Plain TypeScript, so it is tested without React.
 *
 * The page checks a graph's structure at once (code-free definitions from the catalog); the full
 * check (configs, schema inference) comes from the analyzer, debounced, and is merged in when it answers.
 */
export class EditorStore {
  #state: EditorState;
  readonly #listeners = new Set<Listener>();
  #catalog: EditorCatalog;
  /** The graph before a drag began; the whole drag becomes one undo step. */
  #dragBase: Graph | undefined;
  readonly #analyzer: GraphAnalyzer | undefined;
  readonly #delayMs: number;
  /** The page's structural issues of the graph last analysed. */
  #structural: { graph: Graph; issues: Issue[] } | undefined;
  #checked: CheckedGraph | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: Promise<void> = Promise.resolve();

  constructor(graph: Graph, catalog: EditorCatalog, options?: AnalyzerOptions) {
    this.#catalog = catalog;
    this.#analyzer = options?.analyzer;
    this.#delayMs = options?.delayMs ?? 150;
    this.#state = {
      graph,
      selection: new Set(),
      history: emptyHistory(),
      analysis: this.#structuralAnalysis(graph, emptyAnalysis),
      run: idleRun,
      preview: undefined,
      notice: undefined,
    };
    this.#requestCheck(0);
  }

  get catalog(): EditorCatalog {
    return this.#catalog;
  }

  /** Code-free definitions of the catalog's node types: ports and kinds, for drawing and connecting. */
  get registry(): EditorCatalog['registry'] {
    return this.#catalog.registry;
  }

  /** Replaces the node types (plugins loaded or reloaded) and checks the graph again. */
  setCatalog(catalog: EditorCatalog): void {
    this.#catalog = catalog;
    this.#checked = undefined;
    this.#set({ analysis: this.#structuralAnalysis(this.#state.graph, this.#state.analysis) });
    this.#requestCheck(0);
  }

  /** Checks the graph again without an edit: what the analyzer knows changed (a file's schema, a run's outputs). */
  recheck(): void {
    this.#requestCheck(0);
  }

  /** Resolves once the full check of the current graph has answered (tests, and code that needs schemas). */
  async whenChecked(): Promise<void> {
    for (;;) {
      const pending = this.#pending;
      if (this.#timer !== undefined) await new Promise((done) => setTimeout(done, this.#delayMs));
      await pending;
      if (pending === this.#pending && this.#timer === undefined) return;
    }
  }

  #structuralAnalysis(graph: Graph, previous: Analysis): Analysis {
    const issues = structuralIssues(graph, this.#catalog);
    this.#structural = { graph, issues };
    return combineAnalysis(graph, issues, this.#checked, this.#catalog, previous);
  }

  /** Asks the analyzer for a full check once edits pause; answers for an older graph still merge in. */
  #requestCheck(delayMs = this.#delayMs): void {
    const analyzer = this.#analyzer;
    if (!analyzer) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const graph = this.#state.graph;
      const structural = this.#structural?.graph === graph ? this.#structural.issues : structuralIssues(graph, this.#catalog);
      const catalog = this.#catalog;
      this.#pending = analyzer(graph).then(
        (full) => {
          if (catalog !== this.#catalog) return;
          this.#checked = { graph, full, structural, ports: new Map(full.ports) };
          const current = this.#state.graph;
          const issues = this.#structural?.graph === current ? this.#structural.issues : structuralIssues(current, catalog);
          this.#set({ analysis: combineAnalysis(current, issues, this.#checked, catalog, this.#state.analysis) });
        },
        (error: unknown) => this.#set({ notice: `Checking the graph failed: ${error instanceof Error ? error.message : String(error)}` }),
      );
    }, delayMs);
  }

  getState = (): EditorState => this.#state;

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #set(patch: Partial<EditorState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener();
  }

  #analyze(graph: Graph, before: Graph): Analysis {
    const { analysis } = this.#state;
    // Positions and notes do not change validity: skip the work while dragging.
    if (
      graph.nodes.length === before.nodes.length &&
      graph.edges === before.edges &&
      graph.nodes.every((n, i) => samePlace(n, before.nodes[i]))
    )
      return analysis;
    this.#requestCheck();
    return this.#structuralAnalysis(graph, analysis);
  }

  /** Applies an edit as one undo step. Edits with the same `key` in a row merge (typing in a field). */
  commit(graph: Graph, key?: string): void {
    const before = this.#dragBase ?? this.#state.graph;
    if (graph === before) return;
    this.#dragBase = undefined;
    this.#set({
      graph,
      history: record(this.#state.history, before, key),
      analysis: this.#analyze(graph, this.#state.graph),
      run: markStale(this.#state.run, staleNodes(this.#state.graph, graph)),
      notice: undefined,
    });
  }

  /** Shows a graph during a drag without recording a step; `commit` or `endDrag` closes it. */
  drag(graph: Graph): void {
    this.#dragBase ??= this.#state.graph;
    this.#set({ graph });
  }

  endDrag(): void {
    const base = this.#dragBase;
    if (base === undefined) return;
    this.#dragBase = undefined;
    if (base !== this.#state.graph) this.#set({ history: record(this.#state.history, base) });
  }

  undo(): void {
    const step = undo(this.#state.history, this.#state.graph);
    if (step) this.#restore(step.state, step.history);
  }

  redo(): void {
    const step = redo(this.#state.history, this.#state.graph);
    if (step) this.#restore(step.state, step.history);
  }

  #restore(graph: Graph, history: History<Graph>): void {
    const ids = new Set([...graph.nodes.map((n) => n.id), ...(graph.notes ?? []).map((n) => n.id)]);
    const selection = new Set([...this.#state.selection].filter((id) => ids.has(id)));
    this.#set({
      graph,
      history,
      selection,
      analysis: this.#analyze(graph, this.#state.graph),
      run: markStale(this.#state.run, staleNodes(this.#state.graph, graph)),
    });
  }

  /** Replaces the graph (open, import): a fresh history. */
  load(graph: Graph): void {
    this.#dragBase = undefined;
    this.#checked = undefined;
    this.#requestCheck(0);
    this.#set({
      graph,
      history: emptyHistory(),
      selection: new Set(),
      analysis: this.#structuralAnalysis(graph, emptyAnalysis),
      run: idleRun,
      preview: undefined,
    });
  }

  select(ids: Iterable<string>): void {
    const next = new Set(ids);
    const old = this.#state.selection;
    if (next.size === old.size && [...next].every((id) => old.has(id))) return;
    this.#set({ selection: next });
  }

  runEvent(event: RunEvent): void {
    this.#set({ run: reduceRun(this.#state.run, event) });
  }

  showPreview(endpoint: string | undefined): void {
    this.#set({ preview: endpoint });
  }

  notify(notice: string | undefined): void {
    this.#set({ notice });
  }
}

function samePlace(a: Graph['nodes'][number], b: Graph['nodes'][number] | undefined): boolean {
  return b !== undefined && (a === b || (a.id === b.id && a.type === b.type && a.version === b.version && a.config === b.config));
}
