import { useEffect, useRef } from 'react';
import { isEditable } from './is-editable';

/** What the keyboard can do; the help overlay lists the same keys. */
export interface ShortcutActions {
  undo(): void;
  redo(): void;
  deleteSelection(): void;
  selectAll(): void;
  run(): void;
  runToSelection(): void;
  cancel(): void;
  fit(): void;
  layout(): void;
  addNote(): void;
  save(): void;
  help(): void;
  quickAdd(initial: string): void;
  escape(): void;
  /** F6 / Shift+F6: the next or previous region (toolbar, palette, canvas, inspector, results). */
  region(forward: boolean): void;
}

/** Binds the editor's keyboard shortcuts on the document; keys typed into fields are left alone. */
export function useShortcuts(actions: ShortcutActions, enabled: boolean): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const a = ref.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key;
      if (key === 'Escape') return a.escape();
      if (key === 'F6') {
        e.preventDefault();
        return a.region(!e.shiftKey);
      }
      if (mod && key.toLowerCase() === 's') {
        e.preventDefault();
        return a.save();
      }
      if (mod && key === 'Enter') {
        e.preventDefault();
        return e.shiftKey ? a.runToSelection() : a.run();
      }
      if (isEditable(e.target)) return;
      const action = pick(a, e, mod);
      if (action) {
        e.preventDefault();
        action();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** The action a key press means on the canvas, if any. */
function pick(a: ShortcutActions, e: KeyboardEvent, mod: boolean): (() => void) | undefined {
  const key = e.key;
  const lower = key.toLowerCase();
  if (mod && lower === 'z') return e.shiftKey ? a.redo : a.undo;
  if (mod && lower === 'y') return a.redo;
  if (mod && lower === 'a') return a.selectAll;
  if (mod || e.altKey) return undefined;
  if (key === 'Delete' || key === 'Backspace') return a.deleteSelection;
  if (key === '?') return a.help;
  if (e.shiftKey && key === 'F') return a.fit;
  if (e.shiftKey && key === 'L') return a.layout;
  if (e.shiftKey && key === 'N') return a.addNote;
  if (key === '/') return () => a.quickAdd('');
  // Typing a letter on the canvas starts quick-add with it.
  if (!e.shiftKey && /^[a-z]$/i.test(key) && !(e.target instanceof HTMLButtonElement)) return () => a.quickAdd(key);
  return undefined;
}
