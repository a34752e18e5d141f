import { useEffect } from 'react';
import type { EditorStore } from '../canvas/editor-store';
import { saveLocal } from '../graphs/autosave';

/** Saves the graph to local storage a moment after each edit. */
export function useAutosave(store: EditorStore, delayMs = 500): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = store.getState().graph;
    const unsubscribe = store.subscribe(() => {
      const { graph } = store.getState();
      if (graph === last) return;
      last = graph;
      clearTimeout(timer);
      timer = setTimeout(() => saveLocal(localStorage, graph), delayMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, delayMs]);
}
