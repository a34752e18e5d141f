import type { Graph } from '@causeway/sdk';
import { readGraphText, writeGraphText } from './graph-file';

const key = 'causeway.autosave';

/** Keeps the graph being edited in local storage, so a closed tab or a crash loses nothing. */
export function saveLocal(storage: Pick<Storage, 'setItem'>, graph: Graph): boolean {
  try {
    storage.setItem(key, writeGraphText(graph));
    return true;
  } catch {
    // Storage full or disabled: autosave is a convenience, the editor keeps working.
    return false;
  }
}

/** The autosaved graph, if there is a valid one. */
export function loadLocal(storage: Pick<Storage, 'getItem'>): Graph | undefined {
  const text = storage.getItem(key);
  if (!text) return undefined;
  const result = readGraphText(text);
  return result.ok ? result.value : undefined;
}
