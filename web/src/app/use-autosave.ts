import { useEffect } from 'react';
import type { EditorStore } from '../canvas/editor-store';
import { saveLocal } from '../graphs/autosave';

/** Saves the graph to local storage a moment after each edit. */
export function useAutosave(store: EditorStore, delayMs = 500): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = store.getState().graph;
    let pending = false;
    const flush = () => {
      clearTimeout(timer);
      if (pending) saveLocal(localStorage, store.getState().graph);
      pending = false;
    };
    const unsubscribe = store.subscribe(() => {
      const { graph } = store.getState();
      if (graph === last) return;
      last = graph;
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    });
    // A reload or a closed tab right after an edit must not lose it.
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
      unsubscribe();
    };
  }, [store, delayMs]);
}
