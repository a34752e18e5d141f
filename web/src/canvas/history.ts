/** Undo and redo of snapshots. `coalesce` merges quick edits of the same field into one step. */
export interface History<T> {
  readonly past: readonly T[];
  readonly future: readonly T[];
  /** The key of the last pushed step, for coalescing. */
  readonly lastKey: string | undefined;
}

const limit = 200;

/** An empty history. */
export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], lastKey: undefined };
}

/**
 * Records `before` as the state to return to. When `key` equals the last step's key the step is merged
 * (typing in one field is one undo step). Redo is cleared by every new edit.
 */
export function record<T>(history: History<T>, before: T, key?: string): History<T> {
  if (key !== undefined && key === history.lastKey) return { ...history, future: [] };
  const past = history.past.length >= limit ? history.past.slice(1) : history.past;
  return { past: [...past, before], future: [], lastKey: key };
}

/** Steps back: returns the state to show and the new history, or `undefined` when there is nothing to undo. */
export function undo<T>(history: History<T>, current: T): { state: T; history: History<T> } | undefined {
  const state = history.past.at(-1);
  if (state === undefined) return undefined;
  return { state, history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: undefined } };
}

/** Steps forward again after an undo. */
export function redo<T>(history: History<T>, current: T): { state: T; history: History<T> } | undefined {
  const [state, ...future] = history.future;
  if (state === undefined) return undefined;
  return { state, history: { past: [...history.past, current], future, lastKey: undefined } };
}
