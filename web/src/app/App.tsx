import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { autoLayout } from '../canvas/auto-layout';
import { addNodeOfType, addNote, deleteSelection, selectAll } from '../canvas/editor-actions';
import { graphEdits } from '../canvas/graph-edits';
import { nodeIndex } from '../canvas/to-flow';
import { GraphCanvas } from '../components/GraphCanvas';
import { Palette } from '../components/Palette';
import { QuickAdd } from '../components/QuickAdd';
import { RunTimeline } from '../components/RunTimeline';
import { ShortcutHelp } from '../components/ShortcutHelp';
import { graphFileName, readGraphText, writeGraphText } from '../graphs/graph-file';
import { Inspector } from '../inspector/Inspector';
import { ResultsPanel } from '../results/ResultsPanel';
import { type Editor, EditorContext, useEditor } from './editor-context';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { useAutosave } from './use-autosave';
import { useClipboard } from './use-clipboard';
import { useShortcuts } from './use-shortcuts';

const GraphsDialog = lazy(() => import('./GraphsDialog').then((m) => ({ default: m.GraphsDialog })));

/** The editor: toolbar, palette, canvas, inspector, results and status line. */
export function App({ editor, api }: { editor: Editor; api: ApiClient | undefined }) {
  return (
    <EditorContext.Provider value={editor}>
      <ReactFlowProvider>
        <Shell editor={editor} api={api} />
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}

function Shell({ editor, api }: { editor: Editor; api: ApiClient | undefined }) {
  const { store, runner } = editor;
  const flow = useReactFlow();
  const canvas = useRef<HTMLElement>(null);
  const sizes = useRef<ReadonlyMap<string, { width?: number; height?: number }>>(new Map());
  const [quickAdd, setQuickAdd] = useState<string | undefined>();
  const [help, setHelp] = useState(false);
  const [graphsOpen, setGraphsOpen] = useState(false);
  const [timeline, setTimeline] = useState(false);
  const runView = useEditor((s) => s.run);
  const previewing = useEditor((s) => s.preview !== undefined);
  useClipboard(store);
  useAutosave(store);

  const run = useCallback(
    async (targets?: string[]) => {
      try {
        await runner.run({ graph: store.getState().graph, ...(targets ? { targets } : {}) }, (event) => store.runEvent(event));
      } catch (error) {
        store.notify(`The run could not start: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [runner, store],
  );
  const nodeSelection = () => [...store.getState().selection].filter((id) => nodeIndex(store.getState().graph).has(id));

  /** Where a new node goes: right of the single selected node, else the middle of the view. */
  const placeNew = (type: string) => {
    const selected = nodeSelection();
    const after = selected.length === 1 ? nodeIndex(store.getState().graph).get(selected[0] as string) : undefined;
    if (after) {
      const at: [number, number] = [after.position[0] + 300, after.position[1]];
      const id = addNodeOfType(store, type, at, after.id);
      revealPoint(at);
      return id;
    }
    const box = canvas.current?.getBoundingClientRect();
    const at = flow.screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 800) / 2, y: (box?.top ?? 0) + (box?.height ?? 600) / 2 });
    return addNodeOfType(store, type, [at.x - 110, at.y - 40]);
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
    requestAnimationFrame(() => flow.fitView({ duration: 200, maxZoom: 1 }));
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
    store.load(result.value);
    store.notify(`Imported ${file.name}.`);
    requestAnimationFrame(() => flow.fitView({ maxZoom: 1 }));
  };
  const addData = async (files: FileList) => {
    for (const file of Array.from(files)) {
      await runner.putFile(file.name, new Uint8Array(await file.arrayBuffer()));
      const id = placeNew('source.csv');
      if (id)
        store.commit(
          graphEdits.setConfig(store.getState().graph, id, { ...nodeIndex(store.getState().graph).get(id)?.config, file: file.name }),
        );
    }
  };
  const save = async () => {
    if (!api?.hasToken) return exportFile();
    try {
      const saved = await api.save(store.getState().graph, '');
      store.notify(`Saved version ${saved.version}${saved.issues.length ? ` (${saved.issues.length} issues)` : ''}.`);
    } catch (error) {
      store.notify(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  useShortcuts(
    {
      undo: () => store.undo(),
      redo: () => store.redo(),
      deleteSelection: () => deleteSelection(store),
      selectAll: () => selectAll(store),
      run: () => void run(),
      runToSelection: () => void run(nodeSelection()),
      cancel: () => void runner.cancel(),
      fit: () => void flow.fitView({ duration: 200, maxZoom: 1 }),
      layout: () => void layout(),
      addNote: () => {
        const at = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
        addNote(store, [at.x, at.y]);
      },
      save: () => void save(),
      help: () => setHelp(true),
      quickAdd: (initial) => setQuickAdd(initial),
      escape: () => {
        if (quickAdd !== undefined || help || graphsOpen) {
          setQuickAdd(undefined);
          setHelp(false);
          setGraphsOpen(false);
        } else if (store.getState().run.status === 'running') void runner.cancel();
        else store.select([]);
      },
    },
    quickAdd === undefined && !help && !graphsOpen,
  );

  return (
    <div className="app">
      <Toolbar
        onRun={() => void run()}
        onRunToSelection={() => void run(nodeSelection())}
        onCancel={() => void runner.cancel()}
        onLayout={() => void layout()}
        onFit={() => void flow.fitView({ duration: 200, maxZoom: 1 })}
        onNote={() => {
          const at = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
          addNote(store, [at.x, at.y]);
        }}
        onImport={(file) => void importFile(file)}
        onExport={exportFile}
        onAddData={(files) => void addData(files)}
        onGraphs={api?.hasToken ? () => setGraphsOpen(true) : undefined}
        onSave={api?.hasToken ? () => void save() : undefined}
        onHelp={() => setHelp(true)}
      />
      <div className="workspace">
        <Palette onAdd={(type) => placeNew(type)} />
        <main className="canvas" ref={canvas} aria-label="Canvas">
          <GraphCanvas onMeasured={(m) => (sizes.current = m)} />
        </main>
        <Inspector onRunTo={(id) => void run([id])} />
      </div>
      <ResultsPanel />
      {timeline && !previewing && (
        <section className="results" aria-label="Run timeline">
          <header>
            <h2>Run timeline</h2>
            <button type="button" className="close" aria-label="Close timeline" onClick={() => setTimeline(false)}>
              ✕
            </button>
          </header>
          <div className="results-body">
            <RunTimeline run={runView} />
          </div>
        </section>
      )}
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
            onOpen={(graph, note) => {
              setGraphsOpen(false);
              // Restoring a version of this graph is an edit (undoable); opening another graph starts afresh.
              if (graph.id === store.getState().graph.id) store.commit(graph);
              else store.load(graph);
              store.notify(note);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
