import type { ExportStore } from './export-store';
import type { HttpClient } from './http-client';
import type { InputLimits } from './input-limits';
import type { Lineage } from './lineage';
import type { ModelRegistryClient } from './model-registry-client';
import type { MonitoringClient } from './monitoring-client';
import type { OnnxRuntime } from './onnx-runtime';
import type { PluginFetch } from './plugin-fetch';
import type { SqlClient } from './sql-client';

/**
 * Log levels a node may use.
 *
 * @example
 * ctx.log('warn' satisfies LogLevel, '3 rows had no date');
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Reads secrets by name at run time; values never appear in graphs, caches or events.
 *
 * @example
 * const password = await ctx.secrets.get('warehouse-password');
 */
export interface SecretStore {
  get(name: string): Promise<string>;
}

/**
 * Reads input files (uploads, files beside a graph) by the name a config gives.
 *
 * @example
 * const bytes = await ctx.files.read('churn.csv', ctx.signal);
 */
export interface FileStore {
  read(name: string, signal?: AbortSignal): Promise<Uint8Array>;
  /** A cheap value that changes when the file changes (size + mtime, or a content hash). */
  fingerprint(name: string): Promise<string>;
  /**
   * Opens the file as a stream of chunks, for readers that keep only a window in memory; each call
   * starts again from the beginning; a chunk may be overwritten once the next is asked for, so copy
   * what you keep. Optional: readers fall back to `read`.
   */
  open?(name: string, signal?: AbortSignal): Promise<{ size: number; chunks(): AsyncIterable<Uint8Array> }>;
}

/**
 * What a running node may use: small on purpose.
 *
 * @example
 * run: async ({ ctx }) => { ctx.progress(0.5); ctx.log('info', 'half way'); if (ctx.signal.aborted) return …; }
 */
export interface NodeContext {
  readonly nodeId: string;
  /** Aborted when the run is cancelled or the node times out; pass it on to long work. */
  readonly signal: AbortSignal;
  log(level: LogLevel, message: string): void;
  /** Reports progress as a fraction in [0, 1]. */
  progress(fraction: number): void;
  readonly secrets: SecretStore;
  readonly files: FileStore;
  /** Scores ONNX models; the host supplies it (onnxruntime-node on the server, onnxruntime-web in the browser). */
  readonly onnx: OnnxRuntime;
  /** Fetches URLs; the host supplies it (SSRF-safe on the server, `fetch` in the browser). */
  readonly http: HttpClient;
  /**
   * Plugin nodes on a server only: calls the hosts the plugin was granted at install, with granted
   * secrets passed by name (see {@link PluginFetch}); undefined elsewhere.
   */
  readonly fetch?: PluginFetch;
  /** Runs parameterized SQL queries; server hosts only. */
  readonly sql: SqlClient;
  /** Registers and loads model versions; server hosts only. */
  readonly models: ModelRegistryClient;
  /** Reads sampled model endpoint requests; server hosts only. */
  readonly monitoring: MonitoringClient;
  /** Writes files for people to pick up; server hosts only (optional so hosts without it need not say so). */
  readonly exports?: ExportStore;
  /** Bounds on what input data may make this node allocate; passing one is `INPUT_LIMIT`. */
  readonly limits: InputLimits;
  /** Nodes with `effects: true` only: the same for a retry of the same run and node (`runId:nodeId`), so a deploy or write happens once. */
  readonly idempotencyKey?: string;
  /** Nodes with `lineage: true` only: the nodes upstream of this one, their configs and outputs. */
  readonly lineage?: Lineage;
}
