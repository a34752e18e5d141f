import { mergeGraphs } from '@causeway/sdk';
import { useMemo, useState } from 'react';
import { Modal } from '../components/Modal';
import { conflictText, type SaveConflict } from './save-conflict';

/**
 * A save refused for a newer version on the server: compare the two, merge mine into theirs (each
 * conflict on their side or mine), save mine over it, or take theirs.
 */
export function SaveConflictDialog({
  conflict,
  onCompare,
  onMerge,
  onOverwrite,
  onReload,
  onClose,
}: {
  conflict: SaveConflict;
  onCompare: () => void;
  onMerge: (keepMine: ReadonlySet<string>) => void;
  onOverwrite: () => void;
  onReload: () => void;
  onClose: () => void;
}) {
  const { base, mine, theirs } = conflict;
  const conflicts = useMemo(() => (base ? mergeGraphs(base, mine, theirs).conflicts : []), [base, mine, theirs]);
  const [keepMine, setKeepMine] = useState<ReadonlySet<string>>(new Set());
  const choose = (key: string, mineWins: boolean) => {
    const next = new Set(keepMine);
    if (mineWins) next.add(key);
    else next.delete(key);
    setKeepMine(next);
  };
  return (
    <Modal label="Save conflict" className="conflict-dialog" onClose={onClose}>
      <h2>Someone saved this graph meanwhile</h2>
      <p>{conflictText(conflict)}</p>
      {conflicts.length > 0 && (
        <fieldset className="merge-conflicts">
          <legend>Merge meets {conflicts.length === 1 ? 'a change' : `${conflicts.length} changes`} made on both sides:</legend>
          <ul>
            {conflicts.map((c) => (
              <li key={c.key}>
                <span>{c.message}</span>{' '}
                <label>
                  <input type="radio" name={c.key} checked={!keepMine.has(c.key)} onChange={() => choose(c.key, false)} /> keep theirs
                </label>{' '}
                <label>
                  <input type="radio" name={c.key} checked={keepMine.has(c.key)} onChange={() => choose(c.key, true)} /> keep mine
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCompare}>
          Compare
        </button>
        {base && (
          <button type="button" onClick={() => onMerge(keepMine)}>
            Merge
          </button>
        )}
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
