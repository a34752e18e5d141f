import { type Graph, mergeGraphs } from '@causeway/sdk';
import type { ApiClient } from '../api/api-client';
import { runsApi } from '../api/runs-api';
import { arrangeIfCrowded, autoLayout } from '../canvas/auto-layout';
import { addNodeOfType, addNote } from '../canvas/editor-actions';
import type { EditorStore } from '../canvas/editor-store';
import { freeSpot } from '../canvas/free-spot';
import { graphEdits } from '../canvas/graph-edits';
import { nodeIndex } from '../canvas/to-flow';
import { graphFileName, readGraphText, writeGraphText } from '../graphs/graph-file';
import type { FileUploads } from '../inspector/fields/UploadField';
import type { BrowserRunner } from '../runner/browser-runner';
import { addDataFiles } from './add-data';
import { conflictVersions, type SaveConflict } from './save-conflict';
import type { Server } from './server-context';

/** Where ▶ Run runs the graph. */
export type RunWhere = 'browser' | 'server';

type Point = [number, number];

/** What only the drawn canvas knows, supplied by the layout. */
export interface EditorView {
  /** Fits the graph in view once the canvas has drawn the change. */
  fitSoon(): void;
  /** The point of the graph under the middle of the canvas. */
  canvasMiddle(): Point;
  /** The point of the graph under the middle of the window. */
  windowMiddle(): Point;
  /** Pans (keeping the zoom) so a point of the graph is on screen. */
  reveal(point: Point): void;
  /** The measured size of each card, so new cards do not land on them. */
  sizes(): ReadonlyMap<string, { width?: number; height?: number }>;
  /** Offers a text file to the user's downloads. */
  download(name: string, text: string): void;
}

export interface EditorCommandDeps {
  store: EditorStore;
  runner: Pick<BrowserRunner, 'run' | 'cancel' | 'putFile'>;
  /** The API client; it saves only when it has a token. */
  api: ApiClient | undefined;
  server: Server | undefined;
  /** Where Run runs; server runs need `server.runs` and the right to run there. */
  runWhere: RunWhere;
  view: EditorView;
  /** Shows a save refused for a newer version on the server (compare, overwrite, reload theirs). */
  onConflict?: (conflict: SaveConflict | undefined) => void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Reads a stored graph version as the editor would read a file, refusing one that is not valid. */
async function storedGraph(api: ApiClient, graphId: string, version: number): Promise<Graph> {
  const stored = await api.getVersion(graphId, version);
  const parsed = readGraphText(JSON.stringify(stored.graph));
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message ?? 'The stored graph is not valid.');
  return parsed.value;
}

/**
 * Opens a server run: its graph version goes on the canvas, marked saved, and the canvas follows its
 * events. Failures become a note; nothing throws.
 */
export async function openServerRun(store: EditorStore, server: Server, runId: number): Promise<void> {
  try {
    const run = await runsApi.get(server.api, runId);
    const graph = await storedGraph(server.api, run.graphId, run.version);
    store.load(graph);
    server.runs.markSaved(graph, run.version);
    void server.runs.follow(
      run.id,
      graph.nodes.map((n) => n.id),
    );
    store.notify(`Showing server run #${run.id} of ${run.graphId} v${run.version}.`);
  } catch (error) {
    store.notify(`Run #${runId} cannot be opened: ${messageOf(error)}`);
  }
}

/**
 * What the editor's toolbar, shortcuts and dialogs do — run, cancel, save, import, export, open,
 * restore, place and lay out — as plain functions over the store, the runner and the server. The
 * layout wires them to buttons; none throws: a failure becomes a note in the status line.
 */
export function editorCommands(deps: EditorCommandDeps) {
  const { store, runner, api, server, view } = deps;
  const serverRuns = deps.runWhere === 'server' && server?.me.actions.includes('runs:write') ? server.runs : undefined;
  const nodeSelection = () => [...store.getState().selection].filter((id) => nodeIndex(store.getState().graph).has(id));

  /** Puts a graph from the server on the canvas: a version of this graph is an edit (undoable); another graph starts afresh. */
  const openGraph = (graph: Graph, note: string, version: number | undefined) => {
    server?.runs.stop();
    if (graph.id === store.getState().graph.id) store.commit(graph);
    else store.load(graph);
    if (version !== undefined) server?.runs.markSaved(store.getState().graph, version);
    store.notify(note);
    view.fitSoon();
  };

  /** Where a new node goes: right of the single selected node, else the middle of the canvas. */
  const placeNew = (type: string): string | undefined => {
    const selected = nodeSelection();
    const after = selected.length === 1 ? nodeIndex(store.getState().graph).get(selected[0] as string) : undefined;
    const { nodes } = store.getState().graph;
    const wanted: Point = after ? [after.position[0] + 300, after.position[1]] : shiftToCorner(view.canvasMiddle());
    const at = freeSpot(wanted, nodes, view.sizes());
    const id = addNodeOfType(store, type, at, after?.id);
    view.reveal(at);
    return id;
  };

  /** Saves `graph` as a version based on `baseVersion`; a conflict goes to `onConflict` with the latest version. */
  const saveAs = async (graph: Graph, baseVersion: number | undefined) => {
    if (!api) return;
    try {
      const saved = await api.save(graph, '', baseVersion);
      server?.runs.markSaved(graph, saved.version);
      deps.onConflict?.(undefined);
      store.notify(savedNote(saved));
    } catch (error) {
      const versions = conflictVersions(error);
      if (versions === undefined || !deps.onConflict) return store.notify(`Not saved: ${messageOf(error)}`);
      try {
        const theirs = await storedGraph(api, graph.id, versions.latestVersion);
        const base = await storedGraph(api, graph.id, versions.baseVersion).catch(() => undefined);
        deps.onConflict({ mine: graph, theirs, ...(base ? { base } : {}), ...versions });
        store.notify(`Not saved: version ${versions.latestVersion} was saved after version ${versions.baseVersion}.`);
      } catch (reason) {
        store.notify(`Not saved: ${messageOf(error)} (${messageOf(reason)})`);
      }
    }
  };

  const exportFile = () => {
    const graph = store.getState().graph;
    view.download(graphFileName(graph), writeGraphText(graph));
  };

  return {
    nodeSelection,
    openGraph,
    placeNew,
    exportFile,

    /** Runs the graph (or up to `targets`) in the browser, or the whole graph on the server. */
    async run(targets?: string[]): Promise<void> {
      try {
        if (serverRuns) {
          if (targets) return store.notify('Server runs run the whole graph; switch to “Run in browser” to run up to a node.');
          await serverRuns.run();
          return;
        }
        await runner.run({ graph: store.getState().graph, ...(targets ? { targets } : {}) }, (event) => store.runEvent(event));
        // The sources' observed schemas now inform the design-time check.
        store.recheck();
      } catch (error) {
        store.notify(`The run could not start: ${messageOf(error)}`);
      }
    },

    /** Cancels the run the canvas shows: on the server when it is a server run. */
    cancel(): void {
      if (server?.runs.previews) server.runs.cancel().catch((error: Error) => store.notify(`Not cancelled: ${error.message}`));
      else void runner.cancel();
    },

    /**
     * Saves a new version on the server, based on the version the canvas was opened or saved as; a
     * newer version saved meanwhile is offered as a conflict. Without a token the graph is downloaded.
     */
    async save(): Promise<void> {
      if (!api?.hasToken) return exportFile();
      const graph = store.getState().graph;
      await saveAs(graph, server?.runs.baseVersion(graph.id));
    },

    /** Saves the canvas's graph of a conflict over the latest version (the conflict's `mine` as it is now). */
    async overwrite(conflict: SaveConflict): Promise<void> {
      deps.onConflict?.(undefined);
      await saveAs(store.getState().graph, conflict.latestVersion);
    },

    /**
     * Applies the canvas's changes since the conflict's base onto the latest version (an undoable
     * edit) and saves that on top of it; each conflict in `keepMine` takes my side, the others theirs.
     */
    async merge(conflict: SaveConflict, keepMine: ReadonlySet<string>): Promise<void> {
      if (!conflict.base) return;
      deps.onConflict?.(undefined);
      const merged = mergeGraphs(conflict.base, store.getState().graph, conflict.theirs, keepMine).graph;
      store.commit(merged);
      await saveAs(merged, conflict.latestVersion);
    },

    /** Drops the canvas's edit for the latest version on the server (undoable). */
    reloadTheirs(conflict: SaveConflict): void {
      deps.onConflict?.(undefined);
      openGraph(conflict.theirs, `Reloaded version ${conflict.latestVersion}; undo brings your edit back.`, conflict.latestVersion);
    },

    /** Opens a graph file, laid out where its cards overlap; a file that is not a graph is refused with the reason. */
    async importFile(file: Pick<File, 'name' | 'text'>): Promise<void> {
      const result = readGraphText(await file.text());
      if (!result.ok) return store.notify(`“${file.name}” is not a Causeway graph: ${result.issues[0]?.message ?? 'unknown problem'}`);
      store.load(await arrangeIfCrowded(result.value));
      store.notify(`Imported ${file.name}.`);
      view.fitSoon();
    },

    /** Puts a stored version of a graph back on the canvas; `found` runs first (the caller leaves the comparison). */
    async restoreVersion(graphId: string, version: number, found: () => void): Promise<void> {
      if (!server) return;
      try {
        const graph = await storedGraph(server.api, graphId, version);
        found();
        openGraph(graph, `Restored version ${version}`, version);
      } catch (error) {
        store.notify(`Not restored: ${messageOf(error)}`);
      }
    },

    /** Starts from a template: laid out only where its cards overlap, and marked as the saved version when it was saved. */
    async startFromTemplate(graph: Graph, version: number | undefined, note: string): Promise<void> {
      server?.runs.stop();
      // The layout moves cards, so it runs as the saved version.
      const arranged = await arrangeIfCrowded(graph);
      store.load(arranged);
      if (version !== undefined) server?.runs.markSaved(arranged, version);
      store.notify(note);
      view.fitSoon();
    },

    /** Adds data files, each read by a new CSV source placed where new nodes go. */
    addData(files: readonly File[], uploads: FileUploads | undefined): Promise<void> {
      return addDataFiles(files, { uploads, runner, store, placeSource: () => placeNew('source.csv') });
    },

    /** Lays the whole graph out left to right. */
    async layout(): Promise<void> {
      const positions = await autoLayout(store.getState().graph, view.sizes());
      store.commit(graphEdits.move(store.getState().graph, positions));
      view.fitSoon();
    },

    /** Adds a note in the middle of the window. */
    addNote(): void {
      addNote(store, view.windowMiddle());
    },
  };
}

export type EditorCommands = ReturnType<typeof editorCommands>;

/** A new card is placed by its top-left corner: this centres it on the point. */
function shiftToCorner([x, y]: Point): Point {
  return [x - 110, y - 40];
}

function savedNote(saved: { version: number; issues: unknown[]; unchanged: boolean }): string {
  const issues = saved.issues.length ? ` (${saved.issues.length} issues)` : '';
  return saved.unchanged
    ? `No changes since version ${saved.version}: nothing to save${issues}.`
    : `Saved version ${saved.version}${issues}.`;
}
