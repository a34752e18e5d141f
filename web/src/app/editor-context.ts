import { createContext, useContext, useRef, useSyncExternalStore } from 'react';
import type { EditorState, EditorStore } from '../canvas/editor-store';
import type { BrowserRunner } from '../runner/browser-runner';

/** The store and the runner, given to every component by the app. */
export interface Editor {
  store: EditorStore;
  runner: BrowserRunner;
}

export const EditorContext = createContext<Editor | undefined>(undefined);

export function useEditorServices(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditorServices is used outside <EditorContext.Provider>.');
  return editor;
}

/**
 * Reads a slice of the editor state; the component re-renders only when the slice changes
 * (by `equals`, identity by default). Keeps one node's config edit from re-rendering the others.
 */
export function useEditor<T>(select: (state: EditorState) => T, equals: (a: T, b: T) => boolean = Object.is): T {
  const { store } = useEditorServices();
  const last = useRef<{ state: EditorState; select: (state: EditorState) => T; value: T } | undefined>(undefined);
  const read = () => {
    const state = store.getState();
    const cached = last.current;
    // A new selector (a re-render with new props) is re-run even when the state is the same.
    if (cached && cached.state === state && cached.select === select) return cached.value;
    const value = select(state);
    if (cached && equals(cached.value, value)) {
      last.current = { state, select, value: cached.value };
      return cached.value;
    }
    last.current = { state, select, value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, read, read);
}
