import { Modal } from './Modal';

/** Every keyboard shortcut, shown by `?`. */
export const shortcuts: ReadonlyArray<[string, string]> = [
  ['A–Z or /', 'Quick-add a node by name (connected after the selected node)'],
  ['Delete / Backspace', 'Delete the selection'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
  ['Ctrl+C / Ctrl+X / Ctrl+V', 'Copy / cut / paste (as graph JSON, also between tabs)'],
  ['Ctrl+A', 'Select everything'],
  ['Shift+drag, Ctrl+click', 'Select several'],
  ['Arrow keys', 'Move the selected nodes'],
  ['Ctrl+Enter', 'Run the graph in the browser'],
  ['Ctrl+Shift+Enter', 'Run up to the selected nodes'],
  ['Escape', 'Cancel the run, close a dialog'],
  ['Shift+F', 'Zoom to fit'],
  ['Shift+L', 'Auto-layout'],
  ['Shift+N', 'Add a sticky note'],
  ['Ctrl+S', 'Save (to the server when connected, else export JSON)'],
  ['F6 / Shift+F6', 'Next / previous region: toolbar, palette, canvas, inspector, results'],
  ['Tab / Shift+Tab', 'Next / previous control, node or output port'],
  ['Enter or Space on a node', 'Select it (its form opens in the inspector)'],
  ['Enter on a palette item', 'Add that node (connected after the selected node)'],
  ['Enter on an output port', 'Show its data in the results panel'],
  ['Inspector › Inputs', 'Connect an input: choose an output, then Connect (the same check as dragging)'],
  ['Inspector › Outputs', 'Show an output of the selected node'],
  ['?', 'This help'],
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <Modal className="help" labelledBy="help-title" onClose={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {shortcuts.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </Modal>
  );
}
