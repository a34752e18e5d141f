import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { deleteSelection, selectAll } from '../canvas/editor-actions';
import { GraphCanvas } from '../components/GraphCanvas';
import { Palette } from '../components/Palette';
import { QuickAdd } from '../components/QuickAdd';
import { ResultsDock } from '../components/ResultsDock';
import { RunTimeline } from '../components/RunTimeline';
import { ShortcutHelp } from '../components/ShortcutHelp';
import { TestsPanel } from '../graph-tests/TestsPanel';
import type { Comparison } from '../graphs/compare-graphs';
import { FileUploadsContext, serverUploads } from '../inspector/fields/UploadField';
import { Inspector } from '../inspector/Inspector';
import { ResultsPanel } from '../results/ResultsPanel';
import { type EditorView, editorCommands, openServerRun, type RunWhere } from './editor-commands';
import { type Editor, EditorContext, useEditor } from './editor-context';
import './features.css';
import { focusRegion } from './regions';
import { SaveConflictDialog } from './SaveConflictDialog';
import { SignIn } from './SignIn';
import { StatusBar } from './StatusBar';
import { conflictComparison, type SaveConflict } from './save-conflict';
import { can, type Server, ServerContext } from './server-context';
import { Toolbar } from './Toolbar';
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
    await openServerRun(editor.store, server, runId);
    goTo('editor');
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
  const [testsOpen, setTestsOpen] = useState(false);
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const [comparison, setComparison] = useState<Comparison | undefined>();
  const [conflict, setConflict] = useState<SaveConflict | undefined>();
  // The compare view of a conflict offers its actions instead of restoring versions.
  const [comparingConflict, setComparingConflict] = useState(false);
  const [where, setWhere] = useState<RunWhere>(() => (localStorage.getItem(runWhereKey) === 'server' ? 'server' : 'browser'));
  const serverRuns = server && can(server, 'runs:write') ? server.runs : undefined;
  const runWhere: RunWhere = serverRuns ? where : 'browser';
  const canSave = can(server, 'graphs:write');
  const empty = useEditor((s) => s.graph.nodes.length === 0);
  const runView = useEditor((s) => s.run);
  const previewing = useEditor((s) => s.preview !== undefined);
  useClipboard(store, sizes);
  useAutosave(store);

  const view: EditorView = {
    fitSoon: () => requestAnimationFrame(fit),
    canvasMiddle: () => {
      const box = canvas.current?.getBoundingClientRect();
      const middle = flow.screenToFlowPosition({
        x: (box?.left ?? 0) + (box?.width ?? 800) / 2,
        y: (box?.top ?? 0) + (box?.height ?? 600) / 2,
      });
      return [middle.x, middle.y];
    },
    windowMiddle: () => {
      const at = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
      return [at.x, at.y];
    },
    reveal: ([x, y]) => {
      const box = canvas.current?.getBoundingClientRect();
      if (!box) return;
      const screen = flow.flowToScreenPosition({ x, y });
      const inside = screen.x > box.left && screen.x + 220 < box.right && screen.y > box.top && screen.y + 100 < box.bottom;
      if (!inside) void flow.setCenter(x + 110, y + 50, { zoom: flow.getZoom(), duration: 150 });
    },
    sizes: () => sizes.current,
    download: downloadText,
  };
  const commands = editorCommands({ store, runner, api, server, runWhere, view, onConflict: setConflict });
  const conflictActions = conflict && {
    onOverwrite: () => {
      setComparison(undefined);
      void commands.overwrite(conflict);
    },
    onReload: () => {
      setComparison(undefined);
      commands.reloadTheirs(conflict);
    },
    onMerge: (keepMine: ReadonlySet<string>) => {
      setComparison(undefined);
      void commands.merge(conflict, keepMine);
    },
  };
  const { run, cancel, nodeSelection, placeNew } = commands;
  const addData = (files: FileList) => commands.addData(Array.from(files), uploads);

  const shortcuts: ShortcutActions = {
    undo: () => store.undo(),
    redo: () => store.redo(),
    deleteSelection: () => deleteSelection(store),
    selectAll: () => selectAll(store),
    run: () => void run(),
    runToSelection: () => void run(nodeSelection()),
    cancel,
    fit,
    layout: () => void commands.layout(),
    addNote: commands.addNote,
    save: () => void commands.save(),
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
    quickAdd === undefined && !help && !graphsOpen && !templatesOpen && !(conflict && !comparison),
  );

  if (comparison) {
    return (
      <div className="app compare-app">
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <CompareView
            comparison={comparison}
            editor={editor}
            onRestore={(version) => void commands.restoreVersion(comparison.graphId, version, () => setComparison(undefined))}
            onExit={() => setComparison(undefined)}
            {...(comparingConflict && conflictActions ? { conflict: conflictActions } : {})}
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
        onLayout={() => void commands.layout()}
        onFit={fit}
        onNote={commands.addNote}
        onImport={(file) => void commands.importFile(file)}
        onExport={commands.exportFile}
        onAddData={(files) => void addData(files)}
        onGraphs={api?.hasToken ? () => setGraphsOpen(true) : undefined}
        onSave={api?.hasToken && (canSave || !server) ? () => void commands.save() : undefined}
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
      <ResultsDock open={previewing || timeline || testsOpen}>
        <ResultsPanel />
        {testsOpen && !previewing && !timeline && <TestsPanel onClose={() => setTestsOpen(false)} />}
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
          setTestsOpen(false);
          setTimeline((t) => !t);
        }}
        onTests={() => {
          store.showPreview(undefined);
          setTimeline(false);
          setTestsOpen((t) => !t);
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
              commands.openGraph(graph, note, version);
            }}
            onCompare={(next) => {
              setGraphsOpen(false);
              setComparingConflict(false);
              setComparison(next);
            }}
          />
        </Suspense>
      )}
      {conflict && conflictActions && (
        <SaveConflictDialog
          conflict={conflict}
          onCompare={() => {
            setComparingConflict(true);
            setComparison(conflictComparison(conflict));
          }}
          onOverwrite={conflictActions.onOverwrite}
          onReload={conflictActions.onReload}
          onMerge={conflictActions.onMerge}
          onClose={() => setConflict(undefined)}
        />
      )}
      {templatesOpen && server && (
        <Suspense fallback={null}>
          <TemplatesDialog
            api={server.api}
            canSave={canSave}
            onClose={() => setTemplatesOpen(false)}
            onUse={(graph, version, note) => {
              setTemplatesOpen(false);
              void commands.startFromTemplate(graph, version, note);
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

/** Offers a text file to the browser's downloads. */
function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
