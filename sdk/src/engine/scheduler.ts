import { NodeRunError, UserError } from '../errors/errors';
import type { OutputSummary, PortSpec } from '../ports/port';
import { Deadlines } from './deadlines';
import type { EventError } from './events';
import { executeNode, type Job, type NodeSuccess } from './execute-node';
import { lineageView } from './lineage-view';
import { EngineNodeContext } from './node-context';
import type { PlanNode } from './plan';
import type { RunEnv } from './run-env';
import type { NodeRunStatus } from './run-options';

/**
 * Runs a plan: Kahn's algorithm by in-degree counting, at most `concurrency` nodes at a time,
 * failures skipping only what depends on them, cancellation and time limits racing the nodes
 * (a node that ignores its signal is abandoned, not awaited).
 */
export class Scheduler {
  readonly status: NodeRunStatus[];
  readonly durations: Array<number | undefined>;
  readonly nodeErrors: Array<EventError | undefined>;
  readonly errors: NodeRunError[] = [];
  readonly #env: RunEnv;
  readonly #concurrency: number;
  readonly #remaining: Int32Array;
  readonly #ready: number[] = [];
  #head = 0;
  readonly #running = new Set<Job>();
  readonly #deadlines: Deadlines<Job>;
  #finished = 0;
  #cancelled = false;
  #resolve: () => void = () => {};

  constructor(env: RunEnv, concurrency: number) {
    const n = env.plan.length;
    this.#env = env;
    this.#concurrency = concurrency;
    this.status = new Array<NodeRunStatus>(n).fill('pending');
    this.durations = new Array<number | undefined>(n).fill(undefined);
    this.nodeErrors = new Array<EventError | undefined>(n).fill(undefined);
    this.#remaining = Int32Array.from(env.plan, (node) => node.inDegree);
    this.#deadlines = new Deadlines(this.#running, (job) => this.#timeOut(job));
  }

  /** True once `cancel` stopped the run before every node finished. */
  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** Resolves when every node is finished, skipped or cancelled. */
  run(): Promise<void> {
    const done = new Promise<void>((resolve) => {
      this.#resolve = resolve;
    });
    this.#env.plan.forEach((node, i) => {
      if (node.inDegree === 0) this.#ready.push(i);
    });
    this.#pump();
    this.#checkDone();
    return done;
  }

  /** Stops the run: running nodes are aborted and abandoned, nodes not started are cancelled. */
  cancel(reason: UserError): void {
    if (this.#cancelled || this.#finished === this.status.length) return;
    this.#cancelled = true;
    for (const job of [...this.#running]) {
      this.#settle(job, 'cancelled');
      EngineNodeContext.abort(job.ctx, reason);
      this.nodeErrors[job.index] = { code: reason.code, message: reason.message };
      this.#emitError(job, reason.code, reason.message);
    }
    this.status.forEach((status, i) => {
      if (status === 'pending') {
        this.status[i] = 'cancelled';
        this.#finished++;
      }
    });
    this.#checkDone();
  }

  #pump(): void {
    while (!this.#cancelled && this.#running.size < this.#concurrency && this.#head < this.#ready.length) {
      this.#start(this.#ready[this.#head++] as number);
    }
  }

  #start(index: number): void {
    const env = this.#env;
    const node = env.plan[index] as PlanNode;
    const key = node.definition.effects === true ? `${env.runId}:${node.id}` : undefined;
    const ctx = new EngineNodeContext(node.id, env, key, node.definition.lineage === true ? lineageView(env) : undefined);
    const job: Job = { index, ctx, startedAt: env.now(), deadline: performance.now() + node.timeoutMs, settled: false };
    this.#running.add(job);
    this.#deadlines.track(job);
    env.emit?.({ type: 'node:start', runId: env.runId, nodeId: node.id, at: job.startedAt });
    executeNode(job, env).then(
      (success) => this.#succeed(job, success),
      (cause: unknown) =>
        this.#fail(job, cause instanceof NodeRunError && cause.nodeId === node.id ? cause : new NodeRunError(node.id, cause)),
    );
  }

  #settle(job: Job, status: NodeRunStatus): number {
    job.settled = true;
    this.#running.delete(job);
    EngineNodeContext.close(job.ctx);
    const durationMs = this.#env.now() - job.startedAt;
    this.status[job.index] = status;
    this.durations[job.index] = durationMs;
    this.#finished++;
    return durationMs;
  }

  #succeed(job: Job, { outputs, cached }: NodeSuccess): void {
    if (job.settled) return;
    const durationMs = this.#settle(job, cached ? 'cached' : 'done');
    const env = this.#env;
    env.values[job.index] = outputs;
    if (env.emit) {
      const node = env.plan[job.index] as PlanNode;
      const summaries = summarize(node, outputs);
      env.emit({ type: 'node:done', runId: env.runId, nodeId: node.id, at: env.now(), durationMs, cached, outputs: summaries });
    }
    for (const dependent of (env.plan[job.index] as PlanNode).dependents) {
      const left = (this.#remaining[dependent] as number) - 1;
      this.#remaining[dependent] = left;
      if (left === 0 && this.status[dependent] === 'pending') this.#ready.push(dependent);
    }
    this.#pump();
    this.#checkDone();
  }

  #fail(job: Job, error: NodeRunError): void {
    if (job.settled) return;
    this.#settle(job, 'failed');
    EngineNodeContext.abort(job.ctx, error);
    this.errors.push(error);
    this.nodeErrors[job.index] = { code: error.code, message: error.message };
    this.#emitError(job, error.code, error.message);
    this.#skipDependents(job.index);
    this.#pump();
    this.#checkDone();
  }

  #timeOut(job: Job): void {
    const node = this.#env.plan[job.index] as PlanNode;
    const cause = new UserError('NODE_TIMEOUT', `it ran longer than its time limit of ${node.timeoutMs} ms.`);
    this.#fail(job, new NodeRunError(node.id, cause));
  }

  #skipDependents(index: number): void {
    const env = this.#env;
    const failedId = (env.plan[index] as PlanNode).id;
    const stack = [...(env.plan[index] as PlanNode).dependents];
    for (let i = stack.pop(); i !== undefined; i = stack.pop()) {
      if (this.status[i] !== 'pending') continue;
      const node = env.plan[i] as PlanNode;
      const message = `Node "${node.id}" did not run because node "${failedId}" it depends on failed.`;
      this.status[i] = 'skipped';
      this.nodeErrors[i] = { code: 'UPSTREAM_FAILED', message };
      this.#finished++;
      env.emit?.({ type: 'node:skipped', runId: env.runId, nodeId: node.id, at: env.now(), reason: message });
      for (const next of node.dependents) stack.push(next);
    }
  }

  #emitError(job: Job, code: EventError['code'], message: string): void {
    const env = this.#env;
    const durationMs = this.durations[job.index] ?? 0;
    env.emit?.({ type: 'node:error', runId: env.runId, nodeId: job.ctx.nodeId, at: env.now(), durationMs, error: { code, message } });
  }

  #checkDone(): void {
    if (this.#finished < this.status.length) return;
    this.#deadlines.stop();
    this.#resolve();
  }
}

function summarize(node: PlanNode, outputs: Record<string, unknown>): Record<string, OutputSummary> {
  const summaries: Record<string, OutputSummary> = {};
  for (const [port, spec] of node.outputs as Array<[string, PortSpec]>) {
    try {
      summaries[port] = spec.summarize(outputs[port]);
    } catch {
      // A summary is a courtesy for the event stream; a port that cannot summarize its value is left out.
    }
  }
  return summaries;
}
