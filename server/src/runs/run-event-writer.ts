import type { Logger } from '../logger';
import type { RunBus } from './run-bus';
import type { EventRecord, FinishRecord, FlushBatch, NodeRecord, RunQueue } from './run-queue';

const maxTries = 20;

/**
 * Buffers what workers report and writes it in batches: everything that arrives while one
 * statement is in flight goes into the next, so many runs share one round trip. One batch is in
 * flight at a time, so events are stored in the order they were reported.
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
}
