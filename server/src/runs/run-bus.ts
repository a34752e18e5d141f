import type { Logger } from '../logger';
import { messageOf } from '../message-of';

/** What happened to a run: new work in the queue, new persisted events, or a cancel request. */
export type RunSignal = { kind: 'queued' } | { kind: 'events'; runId: number } | { kind: 'cancel'; runId: number };

/** The PostgreSQL NOTIFY channel that carries run signals between processes. */
export const runChannel = 'causeway_runs';

/** A signal as a NOTIFY payload: `queued`, `events:42`, `cancel:42`. */
export function signalPayload(signal: RunSignal): string {
  return signal.kind === 'queued' ? 'queued' : `${signal.kind}:${signal.runId}`;
}

/** Reads a NOTIFY payload back (`events:1,2,3` names several runs); [] when it is not one of ours. */
export function parseSignals(payload: string): RunSignal[] {
  if (payload === 'queued') return [{ kind: 'queued' }];
  const match = /^(events|cancel):(\d{1,15}(?:,\d{1,15}){0,2000})$/.exec(payload);
  if (match === null) return [];
  const kind = match[1] as 'events' | 'cancel';
  return (match[2] ?? '').split(',').map((id) => ({ kind, runId: Number(id) }));
}

/**
 * In-process fan-out of run signals. Workers in the same process publish here directly; signals
 * from other processes arrive through {@link listenForRunSignals} on PostgreSQL. A signal is only
 * a hint to look at the database again, so a lost or doubled one costs at most a poll interval.
 */
export class RunBus {
  private readonly listeners = new Set<(signal: RunSignal) => void>();

  constructor(private readonly logger?: Logger) {}

  publish(signal: RunSignal): void {
    for (const listener of this.listeners) {
      try {
        listener(signal);
      } catch (error) {
        // One broken subscriber must not starve the others.
        this.logger?.error('run signal listener failed', { signal: signal.kind, error: messageOf(error) });
      }
    }
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: (signal: RunSignal) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves on the next signal that matches, or after `ms`, or when `signal` aborts. */
  wait(match: (signal: RunSignal) => boolean, ms: number, abort?: AbortSignal): Promise<void> {
    return new Promise((done) => {
      const finish = () => {
        clearTimeout(timer);
        off();
        abort?.removeEventListener('abort', finish);
        done();
      };
      const timer = setTimeout(finish, ms);
      const off = this.subscribe((s) => {
        if (match(s)) finish();
      });
      abort?.addEventListener('abort', finish, { once: true });
    });
  }
}
