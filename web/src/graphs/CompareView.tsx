import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { type Editor, EditorContext, useEditor } from '../app/editor-context';
import { EditorStore } from '../canvas/editor-store';
import { nodeIndex } from '../canvas/to-flow';
import { GraphCanvas } from '../components/GraphCanvas';
import { type Comparison, formatPath, formatValue } from './compare-graphs';
import { DiffMarksContext } from './diff-marks';

/**
 * Two versions on one canvas: the newer one, with added, removed (ghosted) and changed nodes marked,
 * and what changed in the selected node. It draws its own store, so the graph being edited, its
 * selection and its undo history are untouched; nothing done here is saved.
 */
export function CompareView({
  comparison,
  editor,
  onRestore,
  onExit,
  conflict,
}: {
  comparison: Comparison;
  editor: Editor;
  onRestore: (version: number) => void;
  onExit: () => void;
  /** Comparing the canvas's unsaved graph with a newer saved version: its actions replace the restores. */
  conflict?: { onOverwrite: () => void; onReload: () => void };
}) {
  const store = useMemo(() => new EditorStore(comparison.graph, editor.store.catalog), [comparison, editor.store]);
  const view = useMemo(() => ({ ...editor, store }), [editor, store]);
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const mark of comparison.marks.values()) counts[mark]++;
  return (
    <EditorContext.Provider value={view}>
      <ReactFlowProvider>
        <DiffMarksContext.Provider value={comparison.marks}>
          <section className="compare-bar" aria-label="Compare versions">
            <h2>
              {conflict
                ? `Comparing your edit of v${comparison.from} → v${comparison.to}`
                : `Comparing v${comparison.from} → v${comparison.to}`}
            </h2>
            <ul className="compare-legend" aria-label="Differences">
              <li className="diff-mark diff-mark-added">{counts.added} added</li>
              <li className="diff-mark diff-mark-removed">{counts.removed} removed</li>
              <li className="diff-mark diff-mark-changed">{counts.changed} changed</li>
              <li>
                connections +{comparison.edgesAdded} −{comparison.edgesRemoved}
              </li>
            </ul>
            {conflict ? (
              <>
                <button type="button" onClick={conflict.onOverwrite}>
                  Overwrite with mine
                </button>
                <button type="button" onClick={conflict.onReload}>
                  Reload theirs (v{comparison.to})
                </button>
              </>
            ) : (
              <>
                <button type="button" onClick={() => onRestore(comparison.to)}>
                  Restore v{comparison.to}
                </button>
                <button type="button" onClick={() => onRestore(comparison.from)}>
                  Restore v{comparison.from}
                </button>
              </>
            )}
            <button type="button" className="primary" onClick={onExit}>
              Exit compare
            </button>
          </section>
          <div className="workspace compare-workspace">
            <main className="canvas" aria-label="Compare canvas">
              <FitOnOpen />
              <GraphCanvas />
            </main>
            <CompareInspector comparison={comparison} />
          </div>
        </DiffMarksContext.Provider>
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}

function FitOnOpen() {
  const flow = useReactFlow();
  useEffect(() => {
    const frame = requestAnimationFrame(() => void flow.fitView({ maxZoom: 1 }));
    return () => cancelAnimationFrame(frame);
  }, [flow]);
  return null;
}

/** The changes of the selected node, or of every changed node when none is selected. */
function CompareInspector({ comparison }: { comparison: Comparison }) {
  const selection = useEditor((s) => s.selection);
  const graph = useEditor((s) => s.graph);
  const only = selection.size === 1 ? [...selection][0] : undefined;
  const ids = only ? [only] : [...comparison.marks.keys()];
  return (
    <aside className="inspector compare-inspector" aria-label="Changes">
      <h2>{only ? `Changes in ${only}` : 'Changes'}</h2>
      {ids.length === 0 && <p className="muted">The two versions have the same nodes and settings.</p>}
      {ids.map((id) => {
        const mark = comparison.marks.get(id);
        const node = nodeIndex(graph).get(id);
        const changes = comparison.changes.get(id);
        return (
          <section key={id} className="compare-node" aria-label={`Changes in ${id}`}>
            <h3>
              <code>{id}</code> <small className="muted">{node?.type}</small>
            </h3>
            {!mark && <p className="muted">Unchanged.</p>}
            {mark === 'added' && <p>Added in v{comparison.to}.</p>}
            {mark === 'removed' && (
              <p>
                Removed in v{comparison.to} (shown where it was in v{comparison.from}).
              </p>
            )}
            {changes && (
              <table className="compare-changes">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">v{comparison.from}</th>
                    <th scope="col">v{comparison.to}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.fields.map((f) => (
                    <tr key={`field:${f.field}`}>
                      <th scope="row">{f.field}</th>
                      <td>{formatValue(f.before)}</td>
                      <td>{formatValue(f.after)}</td>
                    </tr>
                  ))}
                  {changes.config.map((c) => (
                    <tr key={`config:${formatPath(c.path)}`}>
                      <th scope="row">
                        <code>{formatPath(c.path)}</code>
                      </th>
                      <td>{formatValue(c.before)}</td>
                      <td>{formatValue(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </aside>
  );
}
