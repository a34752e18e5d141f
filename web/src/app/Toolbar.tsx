import { useRef } from 'react';
import type { RunWhere } from './editor-commands';
import { useEditor, useEditorServices } from './editor-context';
import { TopBar } from './TopBar';

export interface ToolbarProps {
  onRun: () => void;
  onRunToSelection: () => void;
  onCancel: () => void;
  onLayout: () => void;
  onFit: () => void;
  onNote: () => void;
  onImport: (file: File) => void;
  onExport: () => void;
  onAddData: (files: FileList) => void;
  onGraphs: (() => void) | undefined;
  onSave: (() => void) | undefined;
  onTemplates: (() => void) | undefined;
  onHelp: () => void;
  runWhere: RunWhere;
  /** Set when this token may run graphs on the server. */
  onRunWhere: ((where: RunWhere) => void) | undefined;
}

/** The top bar every page has, then the editor's tools: graph name, run controls, edit history, layout, files and the server. */
export function Toolbar(p: ToolbarProps) {
  const { store } = useEditorServices();
  const name = useEditor((s) => s.graph.name);
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const running = useEditor((s) => s.run.status === 'running');
  const hasSelection = useEditor((s) => s.selection.size > 0);
  const importInput = useRef<HTMLInputElement>(null);
  const dataInput = useRef<HTMLInputElement>(null);
  return (
    <div className="top-bars">
      <TopBar />
      <div className="toolbar editor-tools">
        <input
          className="graph-name"
          aria-label="Graph name"
          value={name}
          onChange={(e) => store.commit({ ...store.getState().graph, name: e.target.value || ' ' }, 'graph-name')}
        />
        <fieldset className="group">
          <legend className="sr-only">Run</legend>
          {p.onRunWhere && (
            <select
              className="run-where"
              aria-label="Where to run"
              value={p.runWhere}
              onChange={(e) => p.onRunWhere?.(e.target.value as RunWhere)}
            >
              <option value="browser">Run in browser</option>
              <option value="server">Run on server</option>
            </select>
          )}
          <button
            type="button"
            className="primary"
            onClick={p.onRun}
            disabled={running}
            title={p.runWhere === 'server' ? 'Save if changed and run on the server (Ctrl+Enter)' : 'Run in the browser (Ctrl+Enter)'}
          >
            ▶ Run
          </button>
          <button
            type="button"
            onClick={p.onRunToSelection}
            disabled={running || !hasSelection || p.runWhere === 'server'}
            title={
              p.runWhere === 'server'
                ? 'Server runs run the whole graph; run in the browser to run up to a node'
                : 'Run up to the selected nodes (Ctrl+Shift+Enter)'
            }
          >
            Run to here
          </button>
          <button type="button" onClick={p.onCancel} disabled={!running} title="Cancel the run (Escape)">
            ■ Cancel
          </button>
        </fieldset>
        <fieldset className="group">
          <legend className="sr-only">Edit</legend>
          <button type="button" onClick={() => store.undo()} disabled={!canUndo} title="Undo (Ctrl+Z)">
            ↶ Undo
          </button>
          <button type="button" onClick={() => store.redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
            ↷ Redo
          </button>
          <button type="button" onClick={p.onLayout} title="Auto-layout (Shift+L)">
            Layout
          </button>
          <button type="button" onClick={p.onFit} title="Zoom to fit (Shift+F)">
            Fit
          </button>
          <button type="button" onClick={p.onNote} title="Add a sticky note (Shift+N)">
            Note
          </button>
        </fieldset>
        <fieldset className="group">
          <legend className="sr-only">Files</legend>
          <button
            type="button"
            onClick={() => dataInput.current?.click()}
            title="Add CSV files as sources: uploaded to the server when one is connected, else kept in this browser"
          >
            Add data…
          </button>
          <input
            ref={dataInput}
            type="file"
            accept=".csv,.tsv,.txt"
            multiple
            hidden
            aria-label="Data files"
            onChange={(e) => e.target.files && p.onAddData(e.target.files)}
          />
          <button type="button" onClick={() => importInput.current?.click()}>
            Import…
          </button>
          <input
            ref={importInput}
            type="file"
            accept=".json,application/json"
            hidden
            aria-label="Graph file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) p.onImport(file);
              e.target.value = '';
            }}
          />
          <button type="button" onClick={p.onExport}>
            Export
          </button>
          {p.onGraphs && (
            <button type="button" onClick={p.onGraphs}>
              Open…
            </button>
          )}
          {p.onSave && (
            <button type="button" onClick={p.onSave} title="Save a new version (Ctrl+S)">
              Save
            </button>
          )}
          {p.onTemplates && (
            <button type="button" onClick={p.onTemplates}>
              Templates…
            </button>
          )}
        </fieldset>
        <button type="button" className="help-button" onClick={p.onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </div>
  );
}
