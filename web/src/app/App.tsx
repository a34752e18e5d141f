import type { Graph } from '@causeway/sdk';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { runsApi } from '../api/runs-api';
import { arrangeIfCrowded, autoLayout } from '../canvas/auto-layout';
import { addNodeOfType, addNote, deleteSelection, selectAll } from '../canvas/editor-actions';
import { freeSpot } from '../canvas/free-spot';
import { graphEdits } from '../canvas/graph-edits';
import { nodeIndex } from '../canvas/to-flow';
import { GraphCanvas } from '../components/GraphCanvas';
import { Palette } from '../components/Palette';
import { QuickAdd } from '../components/QuickAdd';
import { ResultsDock } from '../components/ResultsDock';
import { RunTimeline } from '../components/RunTimeline';
import { ShortcutHelp } from '../components/ShortcutHelp';
import type { Comparison } from '../graphs/compare-graphs';
import { graphFileName, readGraphText, writeGraphText } from '../graphs/graph-file';
import { FileUploadsContext, serverUploads } from '../inspector/fields/UploadField';
import { Inspector } from '../inspector/Inspector';
import { ResultsPanel } from '../results/ResultsPanel';
import { addDataFiles } from './add-data';
import { type Editor, EditorContext, useEditor } from './editor-context';
import './features.css';
import { focusRegion } from './regions';
import { SignIn } from './SignIn';
import { StatusBar } from './StatusBar';
import { can, type Server, ServerContext } from './server-context';
import { type RunWhere, Toolbar } from './Toolbar';
import { useAutosave } from './use-autosave';
import { useClipboard } from './use-clipboard';
import { useFit } from './use-fit';
import { goTo, usePage } from './use-route';
import { useServerSession } from './use-server-session';
import { type ShortcutActions, useShortcuts } from './use-shortcuts';

const GraphsDialog = lazy(() => import('./GraphsDialog').then((m) => ({ default: m.GraphsDialog })));
const TemplatesDialog = lazy(() => import('../graphs/TemplatesDialog').then((m) => ({ default: m.TemplatesDialog })));
const CompareView = lazy(() => import('../graphs/CompareView').then((m) => ({ default: m.CompareView })));
const ServerPages = lazy(() => import('../pages/ServerPages').then((m) => ({ default: m.ServerPages })));

const runWhereKey = 'causeway.runWhere';

/** The editor (toolbar, palette, canvas, inspector, results, status line) and, with a token, the server's pages. */
export function App({ editor, api }: { editor: Editor; api: ApiClient | undefined }) {
  const { server, signIn } = useServerSession(api, editor);
  const page = usePage();
  const openRun = async (runId: number) => {
    if (!server) return;
    try {
      const run = await runsApi.get(server.api, runId);
      const stored = await server.api.getVersion(run.graphId, run.version);
      const parsed = readGraphText(JSON.stringify(stored.graph));
      if (!parsed.ok) throw new Error(parsed.issues[0]?.message ?? 'The stored graph is not valid.');
      editor.store.load(parsed.value);
      server.runs.markSaved(parsed.value, run.version);
      void server.runs.follow(
        run.id,
        parsed.value.nodes.map((n) => n.id),
      );
      editor.store.notify(`Showing server run #${run.id} of ${run.graphId} v${run.version}.`);
      goTo('editor');
    } catch (error) {
      editor.store.notify(`Run #${runId} cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
      goTo('editor');
    }
  };
  if (signIn === 'checking') return <p className="muted">Loading…</p>;
  if (signIn) return <SignIn origin={window.location.origin} why={signIn} />;
  return (
    <EditorContext.Provider value={editor}>
      <ServerContext.Provider value={server}>
        {page !== 'editor' && server ? (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <ServerPages page={page} server={server} onOpenRun={(runId) => void openRun(runId)} />
          </Suspense>
        ) : (
          <ReactFlowProvider>
            <Shell editor={editor} api={api} server={server} />
          </ReactFlowProvider>
        )}
      </ServerContext.Provider>
    </EditorContext.Provider>
  );
}

function Shell({ editor, api, server }: { editor: Editor; api: ApiClient | undefined; server: Server | undefined }) {
  const { store, runner } = editor;
  const files = useMemo(
    () =>
      server && can(server, 'graphs:read')
        ? serverUploads(server.api, (schemas) => void runner.setFileSchemas(schemas).then(() => store.recheck()))
        : undefined,
    [server, runner, store],
  );
  const uploads = server && can(server, 'graphs:write') ? files : undefined;
  // The server's files' schemas (for readers too), so a graph opened later knows its columns before any run.
  useEffect(() => void files?.list().catch(() => {}), [files]);
  const flow = useReactFlow();
  const { fit } = useFit();
  const canvas = useRef<HTMLElement>(null);
  const sizes = useRef<ReadonlyMap<string, { width?: number; height?: number }>>(new Map());
  const [quickAdd, setQuickAdd] = useState<string | undefined>();
  const [help, setHelp] = useState(false);
  const [graphsOpen, setGraphsOpen] = useState(false);
  const [timeline, setTimeline] = useState(false);
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const [comparison, setComparison] = useState<Comparison | undefined>();
  const [where, setWhere] = useState<RunWhere>(() => (localStorage.getItem(runWhereKey) === 'server' ? 'server' : 'browser'));
  const serverRuns = server && can(server, 'runs:write') ? server.runs : undefined;
  const runWhere: RunWhere = serverRuns ? where : 'browser';
  const canSave = can(server, 'graphs:write');
  const empty = useEditor((s) => s.graph.nodes.length === 0);
  const runView = useEditor((s) => s.run);
  const previewing = useEditor((s) => s.preview !== undefined);
  useClipboard(store, sizes);
  useAutosave(store);

  const run = useCallback(
    async (targets?: string[]) => {
      try {
        if (runWhere === 'server' && serverRuns) {
          if (targets) return store.notify('Server runs run the whole graph; switch to “Run in browser” to run up to a node.');
          await serverRuns.run();
          return;
        }
        await runner.run({ graph: store.getState().graph, ...(targets ? { targets } : {}) }, (event) => store.runEvent(event));
        // The sources' observed schemas now inform the design-time check.
        store.recheck();
      } catch (error) {
        store.notify(`The run could not start: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [runner, store, runWhere, serverRuns],
  );
  /** Cancels the run the canvas shows: on the server when it is a server run. */
  const cancel = () => {
    if (server?.runs.previews) {
      server.runs.cancel().catch((error: Error) => store.notify(`Not cancelled: ${error.message}`));
    } else void runner.cancel();
  };
  /** Puts a graph from the server on the canvas: restoring a version of this graph is an edit (undoable); another graph starts afresh. */
  const openGraph = (graph: Graph, note: string, version: number | undefined) => {
    server?.runs.stop();
    if (graph.id === store.getState().graph.id) store.commit(graph);
    else store.load(graph);
    if (version !== undefined) server?.runs.markSaved(store.getState().graph, version);
    store.notify(note);
    requestAnimationFrame(fit);
  };
  const restoreVersion = async (version: number) => {
    if (!comparison || !server) return;
    try {
      const stored = await server.api.getVersion(comparison.graphId, version);
      const parsed = readGraphText(JSON.stringify(stored.graph));
      if (!parsed.ok) throw new Error(parsed.issues[0]?.message ?? 'The stored graph is not valid.');
      setComparison(undefined);
      openGraph(parsed.value, `Restored version ${version}`, version);
    } catch (error) {
      store.notify(`Not restored: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const nodeSelection = () => [...store.getState().selection].filter((id) => nodeIndex(store.getState().graph).has(id));

  /** Where a new node goes: right of the single selected node, else the middle of the view. */
  const placeNew = (type: string) => {
    const selected = nodeSelection();
    const after = selected.length === 1 ? nodeIndex(store.getState().graph).get(selected[0] as string) : undefined;
    const { nodes } = store.getState().graph;
    if (after) {
      const at = freeSpot([after.position[0] + 300, after.position[1]], nodes, sizes.current);
      const id = addNodeOfType(store, type, at, after.id);
      revealPoint(at);
      return id;
    }
    const box = canvas.current?.getBoundingClientRect();
    const middle = flow.screenToFlowPosition({
      x: (box?.left ?? 0) + (box?.width ?? 800) / 2,
      y: (box?.top ?? 0) + (box?.height ?? 600) / 2,
    });
    const at = freeSpot([middle.x - 110, middle.y - 40], nodes, sizes.current);
    const id = addNodeOfType(store, type, at);
    revealPoint(at);
    return id;
  };

  /** Pans (keeping the zoom) so a point of the graph is on screen. */
  const revealPoint = ([x, y]: [number, number]) => {
    const box = canvas.current?.getBoundingClientRect();
    if (!box) return;
    const screen = flow.flowToScreenPosition({ x, y });
    const inside = screen.x > box.left && screen.x + 220 < box.right && screen.y > box.top && screen.y + 100 < box.bottom;
    if (!inside) void flow.setCenter(x + 110, y + 50, { zoom: flow.getZoom(), duration: 150 });
  };

  const layout = async () => {
    const positions = await autoLayout(store.getState().graph, sizes.current);
    store.commit(graphEdits.move(store.getState().graph, positions));
    requestAnimationFrame(fit);
  };
  const exportFile = () => {
    const graph = store.getState().graph;
    const url = URL.createObjectURL(new Blob([writeGraphText(graph)], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: graphFileName(graph) });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const importFile = async (file: File) => {
    const result = readGraphText(await file.text());
    if (!result.ok) return store.notify(`“${file.name}” is not a Causeway graph: ${result.issues[0]?.message ?? 'unknown problem'}`);
    store.load(await arrangeIfCrowded(result.value));
    store.notify(`Imported ${file.name}.`);
    requestAnimationFrame(fit);
  };
  const addData = (files: FileList) =>
    addDataFiles(Array.from(files), { uploads, runner, store, placeSource: () => placeNew('source.csv') });
  const save = async () => {
    if (!api?.hasToken) return exportFile();
    try {
      const graph = store.getState().graph;
      const saved = await api.save(graph, '');
      server?.runs.markSaved(graph, saved.version);
      store.notify(savedNote(saved));
    } catch (error) {
      store.notify(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const shortcuts: ShortcutActions = {
    undo: () => store.undo(),
    redo: () => store.redo(),
    deleteSelection: () => deleteSelection(store),
    selectAll: () => selectAll(store),
    run: () => void run(),
    runToSelection: () => void run(nodeSelection()),
    cancel,
    fit,
    layout: () => void layout(),
    addNote: () => {
      const at = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
      addNote(store, [at.x, at.y]);
    },
    save: () => void save(),
    help: () => setHelp(true),
    quickAdd: (initial) => setQuickAdd(initial),
    region: (forward) => focusRegion(forward),
    escape: () => {
      if (quickAdd !== undefined || help || graphsOpen || templatesOpen) {
        setQuickAdd(undefined);
        setHelp(false);
        setGraphsOpen(false);
        setTemplatesOpen(false);
      } else if (comparison) setComparison(undefined);
      else if (store.getState().run.status === 'running') cancel();
      else store.select([]);
    },
  };
  // Comparing shows another canvas: the edit shortcuts must not change the graph hidden behind it.
  useShortcuts(
    comparison ? { ...mapValues(shortcuts, () => () => {}), escape: shortcuts.escape } : shortcuts,
    quickAdd === undefined && !help && !graphsOpen && !templatesOpen,
  );

  if (comparison) {
    return (
      <div className="app compare-app">
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <CompareView
            comparison={comparison}
            editor={editor}
            onRestore={(version) => void restoreVersion(version)}
            onExit={() => setComparison(undefined)}
          />
        </Suspense>
      </div>
    );
  }

  return (
    <div className="app">
      <Toolbar
        onRun={() => void run()}
        onRunToSelection={() => void run(nodeSelection())}
        onCancel={cancel}
        onLayout={() => void layout()}
        onFit={fit}
        onNote={() => {
          const at = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
          addNote(store, [at.x, at.y]);
        }}
        onImport={(file) => void importFile(file)}
        onExport={exportFile}
        onAddData={(files) => void addData(files)}
        onGraphs={api?.hasToken ? () => setGraphsOpen(true) : undefined}
        onSave={api?.hasToken && (canSave || !server) ? () => void save() : undefined}
        onTemplates={server ? () => setTemplatesOpen(true) : undefined}
        onHelp={() => setHelp(true)}
        runWhere={runWhere}
        onRunWhere={
          serverRuns
            ? (next) => {
                localStorage.setItem(runWhereKey, next);
                setWhere(next);
              }
            : undefined
        }
      />
      <div className="workspace">
        <Palette onAdd={(type) => placeNew(type)} />
        <main
          className="canvas"
          ref={canvas}
          aria-label="Canvas"
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes('Files')) e.preventDefault();
          }}
          onDrop={(e) => {
            if (e.dataTransfer.files.length === 0) return;
            e.preventDefault();
            void addData(e.dataTransfer.files);
          }}
        >
          <GraphCanvas onMeasured={(m) => (sizes.current = m)} />
          {empty && server && (
            <div className="start-card">
              <p>Start from a template that runs on the bundled sample data, or drag a node from the palette.</p>
              <button type="button" className="primary" onClick={() => setTemplatesOpen(true)}>
                Browse templates…
              </button>
            </div>
          )}
        </main>
        <FileUploadsContext.Provider value={uploads}>
          <Inspector onRunTo={(id) => void run([id])} />
        </FileUploadsContext.Provider>
      </div>
      <ResultsDock open={previewing || timeline}>
        <ResultsPanel />
        {timeline && !previewing && (
          <section className="results" aria-label="Run timeline">
            <header>
              <h2>Run timeline</h2>
              <button type="button" className="close" aria-label="Close timeline" onClick={() => setTimeline(false)}>
                ✕
              </button>
            </header>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable to scroll it without a mouse */}
            <div className="results-body" tabIndex={0}>
              <RunTimeline run={runView} />
            </div>
          </section>
        )}
      </ResultsDock>
      <StatusBar
        onTimeline={() => {
          store.showPreview(undefined);
          setTimeline((t) => !t);
        }}
      />
      {quickAdd !== undefined && (
        <QuickAdd
          initial={quickAdd}
          onClose={() => setQuickAdd(undefined)}
          onPick={(type) => {
            setQuickAdd(undefined);
            placeNew(type);
          }}
        />
      )}
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {graphsOpen && api && (
        <Suspense fallback={null}>
          <GraphsDialog
            api={api}
            currentId={store.getState().graph.id}
            onClose={() => setGraphsOpen(false)}
            onOpen={(graph, note, version) => {
              setGraphsOpen(false);
              openGraph(graph, note, version);
            }}
            onCompare={(next) => {
              setGraphsOpen(false);
              setComparison(next);
            }}
          />
        </Suspense>
      )}
      {templatesOpen && server && (
        <Suspense fallback={null}>
          <TemplatesDialog
            api={server.api}
            canSave={canSave}
            onClose={() => setTemplatesOpen(false)}
            onUse={async (graph, version, note) => {
              setTemplatesOpen(false);
              server.runs.stop();
              // Laid out only where its cards overlap; the layout moves cards, so it runs as the saved version.
              const arranged = await arrangeIfCrowded(graph);
              store.load(arranged);
              if (version !== undefined) server.runs.markSaved(arranged, version);
              store.notify(note);
              requestAnimationFrame(fit);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}

function mapValues<T extends object, V>(object: T, f: (value: T[keyof T]) => V): Record<keyof T, V> {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, f(v)])) as Record<keyof T, V>;
}

function savedNote(saved: { version: number; issues: unknown[]; unchanged: boolean }): string {
  const issues = saved.issues.length ? ` (${saved.issues.length} issues)` : '';
  return saved.unchanged
    ? `No changes since version ${saved.version}: nothing to save${issues}.`
    : `Saved version ${saved.version}${issues}.`;
}
