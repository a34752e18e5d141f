import type { NodeRunError } from '../errors/errors';
import type { Issue } from '../errors/issue';
import type { FileStore, SecretStore } from '../node/context';
import type { ExportStore } from '../node/export-store';
import type { HttpClient } from '../node/http-client';
import type { InputLimits } from '../node/input-limits';
import type { ModelRegistryClient } from '../node/model-registry-client';
import type { MonitoringClient } from '../node/monitoring-client';
import type { OnnxRuntime } from '../node/onnx-runtime';
import type { NodeRegistry } from '../node/registry';
import type { SqlClient } from '../node/sql-client';
import type { EventError, RunEvent, RunStatus } from './events';
import type { OutputCache } from './output-cache';

/**
 * Options of {@link runGraph}. Only `registry` is required.
 *
 * @example
 * const controller = new AbortController();
 * await runGraph(graph, { registry, cache, signal: controller.signal, targets: ['split'], onEvent: post });
 */
export interface RunOptions {
  /** The node types the graph may use. */
  registry: NodeRegistry;
  /** Cancels the run: running nodes see their `ctx.signal` abort, nodes not started are `cancelled`. */
  signal?: AbortSignal;
  /** How many nodes may run at once (default 4). */
  concurrency?: number;
  /** Reuses outputs of nodes whose key (type, version, config, input keys, fingerprint) is unchanged. */
  cache?: OutputCache;
  /** Receives every {@link RunEvent} as it happens. A listener that throws is ignored. */
  onEvent?: (event: RunEvent) => void;
  /** Time limit per node in ms (default 10 minutes); a definition's `timeoutMs` overrides it. */
  nodeTimeoutMs?: number;
  /** Files nodes may read; by default every read fails with FILE_UNKNOWN. */
  files?: FileStore;
  /** Secrets nodes may read; by default every read fails with SECRET_UNKNOWN. */
  secrets?: SecretStore;
  /** Scores ONNX models for model nodes; by default every session fails with MODEL_RUNTIME_MISSING. */
  onnx?: OnnxRuntime;
  /** Fetches URLs for HTTP sources; by default every request fails with HTTP_CLIENT_MISSING. */
  http?: HttpClient;
  /** Runs SQL for database sources; by default every query fails with SQL_CLIENT_MISSING. */
  sql?: SqlClient;
  /** Registers and loads models for deploy nodes; by default every call fails with MODEL_REGISTRY_MISSING. */
  models?: ModelRegistryClient;
  /** Reads sampled endpoint requests for monitoring nodes; by default every call fails with MONITORING_MISSING. */
  monitoring?: MonitoringClient;
  /** Takes files nodes export; by default every write fails with EXPORTS_MISSING. */
  exports?: ExportStore;
  /** Bounds on what input data may make nodes allocate (`ctx.limits`); unset ones keep `defaultInputLimits`. */
  limits?: Partial<InputLimits>;
  /** Runs only these nodes and what they depend on ("run up to here"). */
  targets?: readonly string[];
  /** Names the run in events and idempotency keys: the server passes its run's id (default: a random safe integer). */
  runId?: number;
  /** The clock for timestamps and durations, in ms (default `Date.now`). */
  now?: () => number;
  /** Also propagate schemas before running and refuse design-time errors such as unknown columns (default false). */
  infer?: boolean;
}

/**
 * What became of one node in a run. `pending`: it never got a chance (the graph was invalid).
 *
 * @example
 * const rerun = Object.entries(result.nodes).filter(([, n]) => n.status === 'failed' || n.status === 'skipped');
 */
export type NodeRunStatus = 'done' | 'cached' | 'failed' | 'skipped' | 'cancelled' | 'pending';

/**
 * One node's part of a {@link RunResult}: `error` is set for failed, skipped and interrupted nodes.
 *
 * @example
 * result.nodes.split // { status: 'failed', durationMs: 12, error: { code: 'NODE_FAILED', message: '…' } }
 */
export interface NodeOutcome {
  status: NodeRunStatus;
  durationMs?: number;
  error?: EventError;
}

/**
 * What {@link runGraph} resolves to; it never rejects for a node's failure.
 *
 * @example
 * const result = await runGraph(graph, { registry });
 * if (result.status === 'invalid') result.issues.forEach((i) => console.error(formatIssue(i)));
 * else if (result.status === 'failed') console.error(result.errors.map((e) => e.message));
 */
export interface RunResult {
  runId: number;
  status: RunStatus;
  durationMs: number;
  /** Outputs of every node that finished (`done` or `cached`), by node id then port id. */
  outputs: Map<string, Record<string, unknown>>;
  /** Every node the run planned (all of them, or the targets and their upstream). */
  nodes: Record<string, NodeOutcome>;
  /** One error per failed node, with its id and cause. */
  errors: NodeRunError[];
  /** Why the graph was refused, when `status` is `invalid`. */
  issues: Issue[];
}
