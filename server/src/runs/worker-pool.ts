import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RunEvent, SecretStore } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { applyNodeEvent } from './node-state';
import type { RunBus } from './run-bus';
import { RunEventWriter } from './run-event-writer';
import { type ClaimedRun, type NodeRecord, RunQueue } from './run-queue';
import type { RunSettings } from './run-settings';
import { RunThread } from './run-thread';
import type { FromThread, RunError } from './thread-protocol';
import { Wakeup } from './wakeup';

/** What a {@link WorkerPool} works with. */
export interface WorkerPoolOptions {
  db: Kysely<Database>;
  bus: RunBus;
  artifacts: ArtifactStore;
  secrets: SecretStore;
  /** Folder that nodes read files from. */
  filesDir: string;
  settings: RunSettings;
  logger: Logger;
  workerId?: string;
}

interface ActiveRun {
  claim: ClaimedRun;
  seq: number;
  nodes: Map<string, NodeRecord>;
  timer: NodeJS.Timeout;
  timedOut: boolean;
  /** `run:done` is held back until the outcome is written with it, so no one sees it while the run still looks running. */
  doneEvent: RunEvent | undefined;
  /** Released, lost to the sweeper, or finished: later messages are ignored. */
  closed: boolean;
}

interface Slot {
  thread: RunThread;
  ready: boolean;
  run: ActiveRun | undefined;
}

const timeoutGraceMs = 1_000;

/**
 * Claims queued runs and executes each in a worker thread (one run per thread at a time), with a
 * per-run time limit, a heartbeat, events written in batches, table outputs stored as Arrow IPC
 * artifacts, and graceful release of in-flight runs on {@link WorkerPool.stop}.
 */
export class WorkerPool {
  readonly workerId: string;
  private readonly queue: RunQueue;
  private readonly writer: RunEventWriter;
  private readonly slots: Slot[] = [];
  private readonly wake = new Wakeup();
  private stopping = false;
  private loop: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: WorkerPoolOptions) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.queue = new RunQueue(options.db, this.workerId);
    this.writer = new RunEventWriter(this.queue, options.bus, options.logger);
  }

  /** Starts the threads, then claims runs until {@link stop}. */
  async start(): Promise<void> {
    for (let i = 0; i < this.options.settings.threads; i++) this.slots.push(this.spawn());
    await Promise.all(this.slots.map((slot) => slot.thread.ready));
    this.unsubscribe = this.options.bus.subscribe((signal) => {
      if (signal.kind === 'queued') this.wake.poke();
      else if (signal.kind === 'cancel') this.cancel(signal.runId);
    });
    this.heartbeat = setInterval(() => void this.beat(), this.options.settings.heartbeatMs);
    this.loop = this.claimLoop();
  }

  /** Runs in flight now. */
  get active(): number {
    return this.slots.filter((slot) => slot.run !== undefined).length;
  }

  /** Stops claiming, gives in-flight runs back to the queue for immediate retry, ends the threads. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.wake.poke();
    await this.loop;
    clearInterval(this.heartbeat);
    this.unsubscribe?.();
    const active = this.slots.flatMap((slot) => (slot.run === undefined ? [] : [slot.run]));
    for (const run of active) clearTimeout(run.timer);
    await this.writer.flush();
    for (const run of active) run.closed = true;
    try {
      await this.queue.release(
        active.map((run) => ({ runId: run.claim.id, attempt: run.claim.attempt })),
        'worker stopped',
      );
    } catch (error) {
      this.options.logger.warn('runs not released; the sweeper will re-queue them', { error: String(error) });
    }
    await Promise.all(this.slots.map((slot) => slot.thread.terminate()));
    await this.writer.flush();
  }

  private spawn(): Slot {
    const { registryModule } = this.options.settings;
    const slot: Slot = { thread: undefined as unknown as RunThread, ready: false, run: undefined };
    slot.thread = new RunThread(
      { registryModule, filesDir: this.options.filesDir },
      (message) => this.onMessage(slot, message),
      (reason) => this.onExit(slot, reason),
    );
    slot.thread.ready.then(
      () => {
        slot.ready = true;
        this.wake.poke();
      },
      () => {},
    );
    return slot;
  }

  private async claimLoop(): Promise<void> {
    const { pollMs } = this.options.settings;
    while (!this.stopping) {
      const free = this.slots.filter((slot) => slot.ready && slot.run === undefined && !slot.thread.exited);
      if (free.length === 0) {
        await this.wake.wait(pollMs);
        continue;
      }
      let claimed: ClaimedRun[] = [];
      try {
        claimed = await this.queue.claim(free.length);
      } catch (error) {
        this.options.logger.warn('cannot claim runs', { error: error instanceof Error ? error.message : String(error) });
      }
      claimed.forEach((claim, i) => {
        this.dispatch(free[i] as Slot, claim);
      });
      if (claimed.length < free.length) await this.wake.wait(pollMs);
    }
  }

  private dispatch(slot: Slot, claim: ClaimedRun): void {
    const run: ActiveRun = {
      claim,
      seq: claim.lastSeq,
      nodes: new Map(),
      timedOut: false,
      doneEvent: undefined,
      closed: false,
      timer: undefined as never,
    };
    run.timer = setTimeout(() => {
      run.timedOut = true;
      slot.thread.send({ type: 'cancel', runId: String(claim.id) });
      // A node that ignores its abort signal loses its thread.
      setTimeout(() => {
        if (slot.run === run) void slot.thread.terminate();
      }, timeoutGraceMs).unref();
    }, claim.timeoutMs);
    slot.run = run;
    slot.thread.send({ type: 'run', runId: String(claim.id), graphKey: `${claim.graphId}@${claim.version}`, graph: claim.graph });
  }

  private onMessage(slot: Slot, message: FromThread): void {
    const run = slot.run;
    if (message.type === 'secret') {
      this.options.secrets.get(message.name).then(
        (value) => slot.thread.send({ type: 'secret', requestId: message.requestId, value }),
        (error: { code?: string; message?: string }) =>
          slot.thread.send({
            type: 'secret',
            requestId: message.requestId,
            error: {
              code: error.code === 'SECRET_UNKNOWN' ? 'SECRET_UNKNOWN' : 'INTERNAL',
              message: error.message ?? 'secret unavailable',
            },
          }),
      );
      return;
    }
    if (run === undefined || run.closed) {
      if (message.type === 'done' && run !== undefined) this.free(slot);
      return;
    }
    if (message.type === 'event') this.record(run, message.event);
    else if (message.type === 'done') {
      const error = run.timedOut ? timeoutError(run) : message.error;
      const status = run.timedOut ? 'failed' : message.status;
      void this.complete(slot, run, status, message.durationMs, error, message.tables);
    }
  }

  private record(run: ActiveRun, event: RunEvent | (Record<string, unknown> & { type: string })): void {
    let stored = event as RunEvent;
    if (stored.type === 'run:done' && run.timedOut) {
      const error = timeoutError(run);
      stored = { ...stored, status: 'failed', issues: [{ code: error.code, path: [], message: error.message }] };
    }
    if (stored.type === 'run:done') {
      run.doneEvent = stored;
      return;
    }
    this.write(run, stored);
  }

  private write(run: ActiveRun, stored: RunEvent): void {
    const fence = { runId: run.claim.id, attempt: run.claim.attempt };
    const nodeId = 'nodeId' in stored ? stored.nodeId : null;
    this.writer.event({ ...fence, seq: ++run.seq, type: stored.type, nodeId, data: stored, at: 'at' in stored ? stored.at : Date.now() });
    const changed = applyNodeEvent(run.nodes, fence, stored);
    if (changed !== undefined) this.writer.node(run.nodes.get(changed) as NodeRecord);
  }

  private async complete(
    slot: Slot,
    run: ActiveRun,
    status: string,
    durationMs: number,
    error: RunError | undefined,
    tables: Array<{ nodeId: string; port: string; ipc: Uint8Array }>,
  ): Promise<void> {
    clearTimeout(run.timer);
    run.closed = true;
    try {
      for (const table of tables) {
        const node = run.nodes.get(table.nodeId);
        if (node === undefined) continue;
        const stored = await this.options.artifacts.put(table.ipc, 'arrow', `run:${run.claim.id}:${table.nodeId}.${table.port}`);
        const outputs = node.outputs ?? {};
        outputs[table.port] = { ...(outputs[table.port] as object), artifact: stored.hash, bytes: stored.size };
        node.outputs = outputs;
        this.writer.node(node);
      }
    } catch (cause) {
      this.options.logger.error('run outputs not stored', { run: run.claim.id, error: String(cause) });
    }
    const fence = { runId: run.claim.id, attempt: run.claim.attempt };
    if (run.doneEvent !== undefined) this.write(run, run.doneEvent);
    await this.writer.finish({ ...fence, status, durationMs, error: error ?? null });
    if (slot.run === run) this.free(slot);
  }

  private free(slot: Slot): void {
    slot.run = undefined;
    this.wake.poke();
  }

  private onExit(slot: Slot, reason: string): void {
    const run = slot.run;
    const index = this.slots.indexOf(slot);
    if (!this.stopping && index >= 0) this.slots[index] = this.spawn();
    if (run === undefined || run.closed) return;
    // The thread died mid-run: close the nodes it left running, then fail the run.
    const now = Date.now();
    const runId = String(run.claim.id);
    const running = [...run.nodes.values()].filter((node) => node.status === 'running');
    const code = run.timedOut ? 'RUN_TIMEOUT' : 'NODE_FAILED';
    const message = run.timedOut ? timeoutError(run).message : `${reason}.`;
    for (const node of running) {
      const durationMs = now - (node.startedAt ?? now);
      this.record(run, { type: 'node:error', runId, nodeId: node.nodeId, at: now, durationMs, error: { code, message } });
    }
    const error: RunError = { code, message, ...(running[0] === undefined ? {} : { nodeId: running[0].nodeId }) };
    const issues = [{ code, path: [], message, ...(error.nodeId === undefined ? {} : { nodeId: error.nodeId }) }];
    const durationMs = now - (run.nodes.size > 0 ? Math.min(...[...run.nodes.values()].map((n) => n.startedAt ?? now)) : now);
    this.record(run, { type: 'run:done', runId, at: now, status: 'failed', durationMs, issues });
    void this.complete(slot, run, 'failed', durationMs, error, []);
  }

  private cancel(runId: number): void {
    for (const slot of this.slots) if (slot.run?.claim.id === runId) slot.thread.send({ type: 'cancel', runId: String(runId) });
  }

  private async beat(): Promise<void> {
    const active = this.slots.flatMap((slot) => (slot.run === undefined || slot.run.closed ? [] : [slot.run]));
    if (active.length === 0) return;
    try {
      const { owned, cancel } = await this.queue.heartbeat(active.map((run) => ({ runId: run.claim.id, attempt: run.claim.attempt })));
      for (const run of active) {
        if (!owned.has(run.claim.id) && !run.closed) {
          // The sweeper gave this run away: stop it and write nothing more for it.
          run.closed = true;
          this.cancel(run.claim.id);
        } else if (cancel.has(run.claim.id)) this.cancel(run.claim.id);
      }
    } catch (error) {
      this.options.logger.warn('heartbeat failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

function timeoutError(run: ActiveRun): RunError {
  return { code: 'RUN_TIMEOUT', message: `The run took longer than its time limit of ${run.claim.timeoutMs} ms.` };
}
