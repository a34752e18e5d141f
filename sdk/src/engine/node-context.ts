import type { FileStore, LogLevel, NodeContext, SecretStore } from '../node/context';
import type { ExportStore } from '../node/export-store';
import type { HttpClient } from '../node/http-client';
import type { InputLimits } from '../node/input-limits';
import type { Lineage } from '../node/lineage';
import type { ModelRegistryClient } from '../node/model-registry-client';
import type { MonitoringClient } from '../node/monitoring-client';
import type { OnnxRuntime } from '../node/onnx-runtime';
import type { SqlClient } from '../node/sql-client';
import type { RunEvent } from './events';

/** What every node context of one run shares. */
export interface ContextEnv {
  readonly runId: number;
  readonly now: () => number;
  /** Undefined when nobody listens, so no event objects are built. */
  readonly emit: ((event: RunEvent) => void) | undefined;
  readonly files: FileStore;
  readonly secrets: SecretStore;
  readonly onnx: OnnxRuntime;
  readonly http: HttpClient;
  readonly sql: SqlClient;
  readonly models: ModelRegistryClient;
  readonly monitoring: MonitoringClient;
  readonly exports: ExportStore;
  readonly limits: InputLimits;
}

// Progress events: at most one per step of this size or per this interval, whichever comes first.
const progressStep = 0.05;
const progressIntervalMs = 100;

/**
 * The `ctx` a running node receives. Its AbortController is made only when the node reads
 * `ctx.signal`, so nodes that never look at it cost nothing; `abort` still reaches them later.
 */
export class EngineNodeContext implements NodeContext {
  readonly nodeId: string;
  readonly files: FileStore;
  readonly secrets: SecretStore;
  readonly onnx: OnnxRuntime;
  readonly http: HttpClient;
  readonly sql: SqlClient;
  readonly models: ModelRegistryClient;
  readonly monitoring: MonitoringClient;
  readonly exports: ExportStore;
  readonly limits: InputLimits;
  declare readonly idempotencyKey?: string;
  declare readonly lineage?: Lineage;
  readonly #env: ContextEnv;
  #controller: AbortController | undefined;
  #reason: unknown;
  #open = true;
  #lastFraction = -1;
  #lastProgressAt = Number.NEGATIVE_INFINITY;

  constructor(nodeId: string, env: ContextEnv, idempotencyKey: string | undefined, lineage?: Lineage) {
    this.nodeId = nodeId;
    this.files = env.files;
    this.secrets = env.secrets;
    this.onnx = env.onnx;
    this.http = env.http;
    this.sql = env.sql;
    this.models = env.models;
    this.monitoring = env.monitoring;
    this.exports = env.exports;
    this.limits = env.limits;
    this.#env = env;
    if (idempotencyKey !== undefined) Object.defineProperty(this, 'idempotencyKey', { value: idempotencyKey, enumerable: true });
    if (lineage !== undefined) Object.defineProperty(this, 'lineage', { value: lineage, enumerable: true });
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#reason !== undefined) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  log(level: LogLevel, message: string): void {
    const emit = this.#env.emit;
    if (!this.#open || !emit) return;
    emit({ type: 'node:log', runId: this.#env.runId, nodeId: this.nodeId, level, message: String(message), at: this.#env.now() });
  }

  progress(fraction: number): void {
    const emit = this.#env.emit;
    if (!this.#open || !emit || typeof fraction !== 'number' || Number.isNaN(fraction)) return;
    const clamped = Math.min(Math.max(fraction, 0), 1);
    if (clamped === this.#lastFraction) return;
    const at = this.#env.now();
    const big = Math.abs(clamped - this.#lastFraction) >= progressStep || clamped === 1;
    if (!big && at - this.#lastProgressAt < progressIntervalMs) return;
    this.#lastFraction = clamped;
    this.#lastProgressAt = at;
    emit({ type: 'node:progress', runId: this.#env.runId, nodeId: this.nodeId, fraction: clamped });
  }

  /** Aborts the node's signal (engine side: cancellation or timeout). */
  static abort(ctx: EngineNodeContext, reason: unknown): void {
    if (ctx.#reason !== undefined) return;
    ctx.#reason = reason;
    ctx.#controller?.abort(reason);
  }

  /** Ends the node's turn: later logs and progress reports (from a node that ignored its signal) are dropped. */
  static close(ctx: EngineNodeContext): void {
    ctx.#open = false;
  }
}
