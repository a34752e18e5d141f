import { UserError } from '../errors/errors';
import type { Graph } from '../graph/schema';
import { noExports } from '../node/export-store';
import { noHttpClient } from '../node/http-client';
import { defaultInputLimits } from '../node/input-limits';
import { noModelRegistry } from '../node/model-registry-client';
import { noMonitoring } from '../node/monitoring-client';
import { noOnnxRuntime } from '../node/onnx-runtime';
import { noSqlClient } from '../node/sql-client';
import { noFiles, noSecrets } from './default-stores';
import type { RunEvent, RunStatus } from './events';
import { buildPlan } from './plan';
import { prepareRun } from './prepare-run';
import { randomId, randomRunId } from './random-id';
import type { RunEnv } from './run-env';
import type { NodeOutcome, RunOptions, RunResult } from './run-options';
import { Scheduler } from './scheduler';

const defaultConcurrency = 4;
const defaultNodeTimeoutMs = 10 * 60 * 1000;

/**
 * Runs a graph: validates it, orders it topologically, runs independent branches concurrently,
 * reuses cached outputs, honours cancellation and time limits, and reports events as it goes.
 * It resolves for failed, cancelled and invalid runs alike; read `status`.
 *
 * @example
 * const cache = new MemoryOutputCache();
 * const result = await runGraph(graph, { registry, cache, onEvent: (e) => console.log(e.type) });
 * if (result.status === 'succeeded') result.outputs.get('split')?.train;
 */
export async function runGraph(graph: Graph, options: RunOptions): Promise<RunResult> {
  const now = options.now ?? Date.now;
  const runId = options.runId ?? randomRunId();
  const listener = options.onEvent;
  const emit = listener
    ? (event: RunEvent) => {
        try {
          listener(event);
        } catch {
          // A listener's bug must not change the run's outcome.
        }
      }
    : undefined;
  const startedAt = now();
  const prepared = prepareRun(graph, options.registry, options.targets, options.infer ?? false);
  if (!prepared.ok) {
    const durationMs = now() - startedAt;
    emit?.({ type: 'run:done', runId, at: now(), status: 'invalid', durationMs, issues: prepared.issues });
    const nodes: Record<string, NodeOutcome> = {};
    if (Array.isArray(graph?.nodes))
      for (const node of graph.nodes) if (typeof node?.id === 'string') nodes[node.id] = { status: 'pending' };
    return { runId, status: 'invalid', durationMs, outputs: new Map(), nodes, errors: [], issues: prepared.issues };
  }
  const plan = buildPlan(graph, prepared.value, options.nodeTimeoutMs ?? defaultNodeTimeoutMs);
  const env: RunEnv = {
    runId,
    now,
    emit,
    files: options.files ?? noFiles,
    secrets: options.secrets ?? noSecrets,
    onnx: options.onnx ?? noOnnxRuntime,
    http: options.http ?? noHttpClient,
    sql: options.sql ?? noSqlClient,
    models: options.models ?? noModelRegistry,
    monitoring: options.monitoring ?? noMonitoring,
    exports: options.exports ?? noExports,
    limits: { ...defaultInputLimits, ...options.limits },
    plan,
    values: new Array(plan.length).fill(undefined),
    cache: options.cache,
    keys: options.cache ? new Array<string>(plan.length).fill('') : [],
    tainted: new Uint8Array(options.cache ? plan.length : 0),
    nonce: options.cache ? randomId() : '',
  };
  emit?.({ type: 'run:start', runId, at: startedAt, nodes: plan.map((node) => node.id) });
  const scheduler = new Scheduler(env, concurrencyOf(options.concurrency));
  const signal = options.signal;
  const onAbort = () => scheduler.cancel(new UserError('RUN_CANCELLED', 'The run was cancelled.'));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) onAbort();
    await scheduler.run();
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  const status: RunStatus = scheduler.cancelled ? 'cancelled' : scheduler.errors.length > 0 ? 'failed' : 'succeeded';
  const durationMs = now() - startedAt;
  emit?.({ type: 'run:done', runId, at: now(), status, durationMs });
  return { runId, status, durationMs, ...collect(env, scheduler), errors: scheduler.errors, issues: [] };
}

function concurrencyOf(requested: number | undefined): number {
  if (requested === undefined || Number.isNaN(requested)) return defaultConcurrency;
  return Math.max(1, Math.floor(requested));
}

function collect(env: RunEnv, scheduler: Scheduler): Pick<RunResult, 'outputs' | 'nodes'> {
  const outputs = new Map<string, Record<string, unknown>>();
  const nodes: Record<string, NodeOutcome> = {};
  env.plan.forEach((node, i) => {
    const values = env.values[i];
    if (values !== undefined) outputs.set(node.id, values);
    const outcome: NodeOutcome = { status: scheduler.status[i] ?? 'pending' };
    const durationMs = scheduler.durations[i];
    if (durationMs !== undefined) outcome.durationMs = durationMs;
    const error = scheduler.nodeErrors[i];
    if (error !== undefined) outcome.error = error;
    nodes[node.id] = outcome;
  });
  return { outputs, nodes };
}
