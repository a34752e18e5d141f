import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type RunEvent, UserError } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import type { StoredCase } from '../graph-tests/graph-tests-repository';
import type { Logger } from '../logger';
import type { GrantedSecrets } from '../secrets/database-secret-store';
import { heartbeatRuns } from './heartbeat-runs';
import { answerHostCall, type HostCallHandlers, transferablesOf } from './host-calls';
import { createHostCallHandlers } from './host-calls-map';
import { idleThreads } from './idle-threads';
import { judgeThreadDeath, lostRunEvents, runTimeoutError } from './judge-thread-death';
import { applyNodeEvent } from './node-state';
import type { ActiveRun, Slot } from './pool-slot';
import type { RunBus } from './run-bus';
import { RunEventWriter } from './run-event-writer';
import { type ClaimedRun, type NodeRecord, RunQueue } from './run-queue';
import type { RunSettings } from './run-settings';
import { RunThread } from './run-thread';
import { storeRunOutputs } from './store-run-outputs';
import type { FromThread, RunError, RunOutput } from './thread-protocol';
import { Wakeup } from './wakeup';

/** What a {@link WorkerPool} works with. */
export interface WorkerPoolOptions {
  db: Kysely<Database>;
  bus: RunBus;
  artifacts: ArtifactStore;
  /** Secrets as each run's owner may use them. */
  secrets: GrantedSecrets;
  /** Folder that nodes read files from. */
  filesDir: string;
  settings: RunSettings;
  logger: Logger;
  workerId?: string;
  /** Services run threads may call (default: every service of `createHostCallHandlers`). */
  hostCalls?: HostCallHandlers;
}

const timeoutGraceMs = 1_000;
const failedStartBackoffMs = 1_000;
const maxBackoffMs = 60_000;

/**
 * Claims queued runs and executes them in worker threads (several runs per thread, so the many
 * small runs of a busy queue overlap their database round trips), with a
 * per-run time limit, a heartbeat, events written in batches, outputs stored as artifacts by kind
 * (see `storeRunOutputs`), and graceful release of in-flight runs on {@link WorkerPool.stop}.
 */
export class WorkerPool {
  readonly workerId: string;
  private readonly queue: RunQueue;
  private readonly writer: RunEventWriter;
  private readonly slots: Slot[] = [];
  private readonly wake = new Wakeup();
  private readonly hostCalls: HostCallHandlers;
  /** Runs given back after a thread died under them with no known culprit, and how often: each next runs alone. */
  private readonly suspects = new Map<number, number>();
  private stopping = false;
  /** A claim is on its way to threads counted before it: none of them may retire meanwhile. */
  private claiming = false;
  private loop: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Threads that failed to start in a row, and when the next may be tried. */
  private failedStarts = 0;
  private testRequests = 0;
  private spawnAfter = 0;

  constructor(private readonly options: WorkerPoolOptions) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.queue = new RunQueue(options.db, this.workerId);
    this.writer = new RunEventWriter(this.queue, options.bus, options.logger, (runId) => this.stopRefused(runId));
    this.hostCalls = options.hostCalls ?? createHostCallHandlers(options);
  }

  /**
   * Claims runs until {@link stop}. Threads start on demand, one at a time, when runs wait and no
   * thread is idle, up to `settings.threads`: an idle server holds no thread and start-up waits for none.
   */
  async start(): Promise<void> {
    this.unsubscribe = this.options.bus.subscribe((signal) => {
      if (signal.kind === 'queued') this.wake.poke();
      else if (signal.kind === 'cancel') this.cancel(signal.runId);
    });
    this.heartbeat = setInterval(() => {
      void heartbeatRuns(this.queue, this.activeRuns(), (runId) => this.cancel(runId), this.options.logger);
      for (const slot of this.claiming ? [] : idleThreads(this.slots, this.options.settings.threadIdleMs, Date.now())) {
        slot.retiring = true;
        void slot.thread.terminate();
      }
    }, this.options.settings.heartbeatMs);
    this.loop = this.claimLoop();
  }

  /** Run threads alive now, started or starting. */
  get threads(): number {
    return this.slots.length;
  }

  /** Runs in flight now. */
  get active(): number {
    return this.activeRuns().length;
  }

  private activeRuns(): ActiveRun[] {
    return this.slots.flatMap((slot) => [...slot.runs.values()]);
  }

  /** Stops claiming, gives in-flight runs back to the queue for immediate retry, ends the threads. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.wake.poke();
    await this.loop;
    clearInterval(this.heartbeat);
    this.unsubscribe?.();
    const active = this.activeRuns();
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

  /** Starts one more thread when runs wait and no thread is idle (there are none, or each carries runs). */
  private async growIfWaiting(): Promise<void> {
    // Threads kept for a suspect run alone are not counted: they end with their run.
    const shared = this.slots.filter((slot) => !slot.solo && !slot.retiring);
    if (shared.length >= this.options.settings.threads || Date.now() < this.spawnAfter) return;
    if (shared.some((slot) => !slot.ready || slot.runs.size === 0)) return;
    if (!(await this.queue.hasQueued())) return;
    this.slots.push(this.spawn());
  }

  private spawn(solo = false): Slot {
    const { registryModule } = this.options.settings;
    const slot: Slot = {
      thread: undefined as unknown as RunThread,
      ready: false,
      runs: new Map(),
      tests: new Map(),
      solo,
      idleSince: Date.now(),
      retiring: false,
    };
    slot.thread = new RunThread(
      {
        registryModule,
        filesDir: this.options.filesDir,
        maxJsonOutputBytes: this.options.settings.maxJsonOutputBytes,
        limits: this.options.settings.limits,
        graphCacheEntries: this.options.settings.graphCacheEntries,
      },
      (message) => this.onMessage(slot, message),
      (reason) => this.onExit(slot, reason),
    );
    slot.thread.ready.then(
      () => {
        slot.ready = true;
        this.failedStarts = 0;
        this.wake.poke();
      },
      (error: unknown) => {
        // A thread that cannot start (a broken registry module) is retried later, not in a tight loop.
        this.failedStarts++;
        this.spawnAfter = Date.now() + Math.min(failedStartBackoffMs * 2 ** (this.failedStarts - 1), maxBackoffMs);
        this.options.logger.error('run thread did not start; runs wait for a thread', {
          error: error instanceof Error ? error.message : String(error),
          retryInMs: this.spawnAfter - Date.now(),
        });
      },
    );
    return slot;
  }

  private async claimLoop(): Promise<void> {
    const { pollMs } = this.options.settings;
    const capacity = this.options.settings.runsPerThread;
    while (!this.stopping) {
      try {
        await this.growIfWaiting();
      } catch (error) {
        this.options.logger.warn('cannot look at the run queue', { error: error instanceof Error ? error.message : String(error) });
      }
      const usable = this.slots.filter((slot) => slot.ready && !slot.thread.exited && !slot.solo && !slot.retiring);
      const free = usable.reduce((sum, slot) => sum + capacity - slot.runs.size, 0);
      if (free <= 0) {
        await this.wake.wait(pollMs);
        continue;
      }
      let claimed: ClaimedRun[] = [];
      this.claiming = true;
      try {
        claimed = await this.queue.claim(free);
      } catch (error) {
        this.options.logger.warn('cannot claim runs', { error: error instanceof Error ? error.message : String(error) });
      } finally {
        this.claiming = false;
      }
      for (const claim of claimed) {
        if (this.suspects.has(claim.id)) {
          const solo = this.spawn(true);
          this.slots.push(solo);
          this.dispatch(solo, claim);
          continue;
        }
        // The least busy thread takes the next run.
        const slot = usable.reduce((best, candidate) => (candidate.runs.size < best.runs.size ? candidate : best));
        this.dispatch(slot, claim);
      }
      if (claimed.length < free) await this.wake.wait(pollMs);
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
      slot.thread.send({ type: 'cancel', runId: claim.id });
      // A node that ignores its abort signal loses its thread.
      setTimeout(() => {
        if (slot.runs.get(claim.id) === run) void slot.thread.terminate();
      }, timeoutGraceMs).unref();
    }, claim.timeoutMs);
    slot.runs.set(claim.id, run);
    slot.idleSince = undefined;
    this.options.logger.info('run started', { run: claim.id, graph: claim.graphId, version: claim.version, attempt: claim.attempt });
    slot.thread.send({
      type: 'run',
      runId: claim.id,
      graphKey: `${claim.graphId}@${claim.version}`,
      graph: claim.graph,
      firstRun: claim.firstRun,
    });
  }

  private onMessage(slot: Slot, message: FromThread): void {
    if (message.type === 'host-call') {
      this.answerHostCall(slot, message);
      return;
    }
    if (message.type === 'ready') return;
    if (message.type === 'tests-done') {
      this.testsDone(slot, message);
      return;
    }
    if (message.type === 'fatal') {
      slot.fatal = { ...(message.runId === undefined ? {} : { runId: message.runId }), message: message.message };
      return;
    }
    const runId = message.type === 'event' ? message.event.runId : message.runId;
    const run = slot.runs.get(runId);
    if (run === undefined || run.closed) {
      if (message.type === 'done' && run !== undefined) this.free(slot, runId);
      return;
    }
    if (message.type === 'event') this.record(run, message.event);
    else if (message.type === 'done') {
      const error = run.timedOut ? runTimeoutError(run.claim.timeoutMs) : message.error;
      const status = run.timedOut ? 'failed' : message.status;
      void this.complete(slot, run, status, message.durationMs, error, message.outputs);
    }
  }

  private record(run: ActiveRun, event: RunEvent | (Record<string, unknown> & { type: string })): void {
    let stored = event as RunEvent;
    if (stored.type === 'run:done' && run.timedOut) {
      const error = runTimeoutError(run.claim.timeoutMs);
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
    outputs: RunOutput[],
  ): Promise<void> {
    clearTimeout(run.timer);
    run.closed = true;
    try {
      const changed = await storeRunOutputs(this.options.artifacts, run.claim.id, run.nodes, outputs);
      for (const node of changed) this.writer.node(node);
    } catch (cause) {
      this.options.logger.error('run outputs not stored', { run: run.claim.id, error: String(cause) });
    }
    const fence = { runId: run.claim.id, attempt: run.claim.attempt };
    if (run.doneEvent !== undefined) this.write(run, run.doneEvent);
    await this.writer.finish({ ...fence, status, durationMs, error: error ?? null });
    const { id, graphId, version, attempt } = run.claim;
    const fields = { run: id, graph: graphId, version, attempt, status, durationMs };
    if (status === 'failed')
      this.options.logger.error('run failed', { ...fields, code: error?.code, node: error?.nodeId, error: error?.message });
    else this.options.logger.info('run finished', fields);
    if (slot.runs.get(run.claim.id) === run) this.free(slot, run.claim.id);
  }

  /**
   * Runs a graph version's tests (graph and causeway.tests/1 text) on a run thread, beside its runs,
   * so a long test run never holds the API's event loop: the least busy shared thread takes them, or a
   * new one while the pool has fewer than `settings.threads`. Rejects when the thread dies under them.
   */
  async runTests(graph: string, tests: string, signal?: AbortSignal): Promise<StoredCase[]> {
    if (this.stopping) throw new UserError('WORKER_LOST', 'The server is stopping; run the tests again shortly.');
    const shared = this.slots.filter((slot) => !slot.solo && !slot.retiring && !slot.thread.exited);
    const load = (slot: Slot) => slot.runs.size + slot.tests.size;
    let slot = shared.reduce<Slot | undefined>(
      (best, candidate) => (best === undefined || load(candidate) < load(best) ? candidate : best),
      undefined,
    );
    if (slot === undefined || (load(slot) > 0 && shared.length < this.options.settings.threads)) {
      slot = this.spawn();
      this.slots.push(slot);
    }
    const chosen = slot;
    const requestId = ++this.testRequests;
    chosen.idleSince = undefined;
    const done = new Promise<StoredCase[]>((resolve, reject) => chosen.tests.set(requestId, { resolve, reject }));
    try {
      await chosen.thread.ready;
    } catch (error) {
      chosen.tests.delete(requestId);
      throw new UserError(
        'WORKER_LOST',
        `No run thread could start for the tests: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const cancel = () => chosen.thread.send({ type: 'cancel-tests', requestId });
    signal?.addEventListener('abort', cancel, { once: true });
    chosen.thread.send({ type: 'tests', requestId, graph, tests });
    try {
      return await done;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  private testsDone(slot: Slot, message: Extract<FromThread, { type: 'tests-done' }>): void {
    const pending = slot.tests.get(message.requestId);
    if (pending === undefined) return;
    slot.tests.delete(message.requestId);
    if (slot.runs.size === 0 && slot.tests.size === 0) slot.idleSince = Date.now();
    if (message.cases !== undefined) pending.resolve(message.cases);
    else {
      const error = message.error ?? { code: 'INTERNAL' as const, message: 'The tests ended without a verdict.' };
      pending.reject(error.code === 'INTERNAL' ? new Error(error.message) : new UserError(error.code, error.message));
    }
  }

  private free(slot: Slot, runId: number): void {
    slot.runs.delete(runId);
    if (slot.runs.size === 0 && slot.tests.size === 0) slot.idleSince = Date.now();
    this.suspects.delete(runId);
    if (slot.solo && slot.runs.size === 0) void slot.thread.terminate();
    this.wake.poke();
  }

  private onExit(slot: Slot, exitReason: string): void {
    // A new thread starts when runs wait for one (see growIfWaiting), not in place of this one.
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    this.wake.poke();
    const reason = slot.fatal === undefined ? exitReason : `the worker thread crashed: ${slot.fatal.message}`;
    for (const pending of slot.tests.values()) pending.reject(new UserError('WORKER_LOST', `The tests' run thread stopped: ${reason}.`));
    slot.tests.clear();
    const open = [...slot.runs.values()].filter((run) => !run.closed);
    const { culprits, bystanders, why } = judgeThreadDeath(open, slot.fatal?.runId, this.suspects, reason);
    for (const run of bystanders) {
      clearTimeout(run.timer);
      run.closed = true;
      slot.runs.delete(run.claim.id);
    }
    if (bystanders.length > 0) {
      // Their reported events are written first, so none arrives after the release.
      this.writer
        .flush()
        .then(() =>
          this.queue.release(
            bystanders.map((run) => ({ runId: run.claim.id, attempt: run.claim.attempt })),
            why,
          ),
        )
        .catch((error: unknown) => this.options.logger.warn('runs not released; the sweeper will re-queue them', { error: String(error) }));
    }
    for (const run of culprits) this.failLost(slot, run, reason);
  }

  /** The thread died under `run`: closes the nodes it left running, then fails the run. */
  private failLost(slot: Slot, run: ActiveRun, reason: string): void {
    const lost = lostRunEvents(run, run.timedOut ? runTimeoutError(run.claim.timeoutMs) : undefined, reason, Date.now());
    for (const event of lost.events) this.record(run, event);
    void this.complete(slot, run, 'failed', lost.durationMs, lost.error, []);
  }

  private answerHostCall(slot: Slot, call: Extract<FromThread, { type: 'host-call' }>): void {
    // The run is looked up on the thread that asked, so a thread can only act for its own runs.
    const run = [...slot.runs.values()].find((r) => r.claim.id === call.runId && !r.closed);
    const info =
      run === undefined
        ? undefined
        : {
            runId: run.claim.id,
            graphId: run.claim.graphId,
            graphVersion: run.claim.version,
            ...(call.nodeKey === undefined ? {} : { nodeKey: call.nodeKey }),
          };
    void answerHostCall(this.hostCalls, call, info, this.options.logger).then((reply) =>
      slot.thread.send(reply, transferablesOf(reply.value)),
    );
  }

  /** The database refused this run's records (its outcome is written by the writer): stop it, record nothing more. */
  private stopRefused(runId: number): void {
    for (const slot of this.slots) {
      const run = slot.runs.get(runId);
      if (run === undefined || run.closed) continue;
      clearTimeout(run.timer);
      run.closed = true;
      slot.thread.send({ type: 'cancel', runId });
    }
  }

  private cancel(runId: number): void {
    for (const slot of this.slots) if (slot.runs.has(runId)) slot.thread.send({ type: 'cancel', runId });
  }
}
