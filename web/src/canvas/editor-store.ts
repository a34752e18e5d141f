import type { Graph, NodeRegistry, RunEvent } from '@causeway/sdk';
import { idleRun, type RunView, reduceRun } from '../runner/run-view';
import { type Analysis, analyzeGraph, emptyAnalysis } from './analyze-graph';
import { emptyHistory, type History, record, redo, undo } from './history';

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

/**
 * The editor's one source of truth: the graph with its undo history, the selection, the analysis
 * (validation and schemas) and the run view. Plain TypeScript, so it is tested without React.
 */
export class EditorStore {
  #state: EditorState;
  readonly #listeners = new Set<Listener>();
  readonly registry: NodeRegistry;
  /** The graph before a drag began; the whole drag becomes one undo step. */
  #dragBase: Graph | undefined;

  constructor(graph: Graph, registry: NodeRegistry) {
    this.registry = registry;
    this.#state = {
      graph,
      selection: new Set(),
      history: emptyHistory(),
      analysis: analyzeGraph(graph, registry, emptyAnalysis),
      run: idleRun,
      preview: undefined,
      notice: undefined,
    };
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
    return analyzeGraph(graph, this.registry, analysis);
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
    this.#set({ graph, history, selection, analysis: this.#analyze(graph, this.#state.graph) });
  }

  /** Replaces the graph (open, import): a fresh history. */
  load(graph: Graph): void {
    this.#dragBase = undefined;
    this.#set({
      graph,
      history: emptyHistory(),
      selection: new Set(),
      analysis: analyzeGraph(graph, this.registry),
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
