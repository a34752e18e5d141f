import { type RefObject, useEffect } from 'react';
import { copyText, deleteSelection, pasteText } from '../canvas/editor-actions';
import type { EditorStore } from '../canvas/editor-store';
import { isEditable } from './is-editable';

const mime = 'application/json';

/**
 * Copy, cut and paste of the selection as graph JSON through the system clipboard, so it also
 * works between tabs and into a text editor. Uses clipboard events: no permission prompt.
 */
export function useClipboard(store: EditorStore, sizes?: RefObject<ReadonlyMap<string, { width?: number; height?: number }>>): void {
  useEffect(() => {
    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      if (isEditable(e.target) || !e.clipboardData) return;
      const text = copyText(store);
      if (!text) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', text);
      e.clipboardData.setData(mime, text);
      if (cut) deleteSelection(store);
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    const paste = (e: ClipboardEvent) => {
      if (isEditable(e.target) || !e.clipboardData) return;
      const text = e.clipboardData.getData(mime) || e.clipboardData.getData('text/plain');
      if (!text.trim()) return;
      e.preventDefault();
      pasteText(store, text, sizes?.current);
    };
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', paste);
    return () => {
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', paste);
    };
  }, [store, sizes]);
}
