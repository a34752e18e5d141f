import { isDatabaseUnavailable } from '../db/database-unavailable';
import type { Logger } from '../logger';
import type { RunBus } from './run-bus';
import type { EventRecord, FinishRecord, FlushBatch, NodeRecord, RunQueue } from './run-queue';
import type { RunError } from './thread-protocol';

const maxTries = 20;

/** Called when the database refuses a run's own records: the run must stop, it is failed with `error`. */
export type OnRunRefused = (runId: number, error: RunError) => void;

/**
 * Buffers what workers report and writes it in batches: everything that arrives while one
 * statement is in flight goes into the next, so many runs share one round trip. One batch is in
 * flight at a time, so events are stored in the order they were reported. A batch the database
 * refuses (not one it cannot take now) is written again run by run, so a run whose records are
 * refused fails alone, with the database's reason, and the others are stored.
 */
export class RunEventWriter {
  private events: EventRecord[] = [];
  private nodes = new Map<string, NodeRecord>();
  private finishes: FinishRecord[] = [];
  private waiters: Array<() => void> = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly queue: RunQueue,
    private readonly bus: RunBus,
    private readonly logger: Logger,
    private readonly onRefused: OnRunRefused = () => {},
  ) {}

  event(record: EventRecord): void {
    this.events.push(record);
    this.kick();
  }

  /** The node's whole current state; a later call for the same node replaces an unwritten one. */
  node(record: NodeRecord): void {
    this.nodes.set(`${record.runId}\u0000${record.nodeId}`, { ...record });
    this.kick();
  }

  /** Records the run's outcome; resolves once it (and everything before it) is written. */
  finish(record: FinishRecord): Promise<void> {
    this.finishes.push(record);
    return this.flush();
  }

  /** Resolves once everything reported so far is written (or given up on). */
  flush(): Promise<void> {
    if (this.events.length === 0 && this.nodes.size === 0 && this.finishes.length === 0) return this.running ?? Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.kick();
    return done;
  }

  private kick(): void {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      if (this.events.length > 0 || this.nodes.size > 0 || this.finishes.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    // Let the current turn's reports join the batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.events.length > 0 || this.nodes.size > 0 || this.finishes.length > 0) {
      const batch: FlushBatch = { events: this.events, nodes: [...this.nodes.values()], finishes: this.finishes };
      const waiters = this.waiters;
      this.events = [];
      this.nodes = new Map();
      this.finishes = [];
      this.waiters = [];
      await this.write(batch);
      const runs = new Set(batch.events.map((e) => e.runId));
      for (const runId of runs) this.bus.publish({ kind: 'events', runId });
      for (const resolve of waiters) resolve();
    }
  }

  private async write(batch: FlushBatch): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.queue.flush(batch);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!isDatabaseUnavailable(error)) {
          await this.refused(batch, message);
          return;
        }
        if (attempt >= maxTries) {
          // The heartbeat has stopped meanwhile, so the sweeper will settle these runs.
          this.logger.error('run events lost', { error: message, events: batch.events.length, runs: batch.finishes.length });
          return;
        }
        this.logger.warn('run events: write failed, retrying', { error: message, attempt });
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * attempt)));
      }
    }
  }

  /** The database refused `batch`: each run's part is tried alone, and a run refused alone is failed. */
  private async refused(batch: FlushBatch, message: string): Promise<void> {
    const parts = byRun(batch);
    if (parts.length > 1) {
      for (const part of parts) await this.write(part.batch);
      return;
    }
    const part = parts[0];
    if (part === undefined) return;
    const { runId, attempt } = part.fence;
    const error: RunError = {
      code: 'RUN_EVENTS_REFUSED',
      message: `The database refused what run ${runId} reported, so it was stopped: ${message}`,
    };
    this.logger.warn('run events refused; the run is failed', { run: runId, error: message });
    this.onRefused(runId, error);
    const durationMs = part.batch.finishes[0]?.durationMs ?? 0;
    try {
      await this.queue.flush({ events: [], nodes: [], finishes: [{ runId, attempt, status: 'failed', durationMs, error }] });
    } catch (cause) {
      this.logger.error('run outcome not stored; the sweeper will settle it', { run: runId, error: String(cause) });
    }
  }
}

/** Splits a batch into one batch per run (and claim), keeping each run's order. */
function byRun(batch: FlushBatch): Array<{ fence: { runId: number; attempt: number }; batch: FlushBatch }> {
  const parts = new Map<string, { fence: { runId: number; attempt: number }; batch: FlushBatch }>();
  const partOf = (r: { runId: number; attempt: number }) => {
    const key = `${r.runId}:${r.attempt}`;
    let part = parts.get(key);
    if (part === undefined) {
      part = { fence: { runId: r.runId, attempt: r.attempt }, batch: { events: [], nodes: [], finishes: [] } };
      parts.set(key, part);
    }
    return part.batch;
  };
  for (const e of batch.events) partOf(e).events.push(e);
  for (const n of batch.nodes) partOf(n).nodes.push(n);
  for (const f of batch.finishes) partOf(f).finishes.push(f);
  return [...parts.values()];
}
