/** What deciding on an idle thread needs of a pool's slot. */
export interface IdleCandidate {
  ready: boolean;
  solo: boolean;
  retiring: boolean;
  runs: { size: number };
  idleSince: number | undefined;
}

/**
 * The run threads to end now: started, shared, carrying no run, and idle for `idleMs` or longer.
 * Ending one gives back everything its heap held (the tables of a big run, V8's reserved pages),
 * which a living thread keeps; the next runs start a new thread.
 */
export function idleThreads<S extends IdleCandidate>(slots: readonly S[], idleMs: number, now: number): S[] {
  return slots.filter(
    (slot) =>
      slot.ready && !slot.solo && !slot.retiring && slot.runs.size === 0 && slot.idleSince !== undefined && now - slot.idleSince >= idleMs,
  );
}
