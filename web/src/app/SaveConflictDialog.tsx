import { Modal } from '../components/Modal';
import { conflictText, type SaveConflict } from './save-conflict';

/** A save refused for a newer version on the server: compare the two, save mine over it, or take theirs. */
export function SaveConflictDialog({
  conflict,
  onCompare,
  onOverwrite,
  onReload,
  onClose,
}: {
  conflict: SaveConflict;
  onCompare: () => void;
  onOverwrite: () => void;
  onReload: () => void;
  onClose: () => void;
}) {
  return (
    <Modal label="Save conflict" className="conflict-dialog" onClose={onClose}>
      <h2>Someone saved this graph meanwhile</h2>
      <p>{conflictText(conflict)}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onCompare}>
          Compare
        </button>
        <button type="button" onClick={onOverwrite}>
          Overwrite with mine
        </button>
        <button type="button" onClick={onReload}>
          Reload theirs (v{conflict.latestVersion})
        </button>
        <button type="button" className="primary" onClick={onClose}>
          Keep editing
        </button>
      </div>
    </Modal>
  );
}
