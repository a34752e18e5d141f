import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { parseEnvSettings } from '../settings/parse-env-settings';

/** How runs are executed and watched. */
export interface RunSettings {
  /** Worker threads per process. */
  threads: number;
  /** Runs in flight per thread at once; a thread that must be stopped (crash, runaway run) takes its runs with it. */
  runsPerThread: number;
  /** A run still going after this long is stopped and failed with RUN_TIMEOUT. */
  runTimeoutMs: number;
  /** Claims a run may have: a run whose worker died is re-queued while attempts remain. */
  maxAttempts: number;
  /** How often a worker stamps its running runs. */
  heartbeatMs: number;
  /** A running run whose stamp is older than this has lost its worker. */
  staleMs: number;
  /** How often the sweeper looks for such runs. */
  sweepMs: number;
  /** How often idle workers and event streams look at the database when no signal arrives. */
  pollMs: number;
  /** A module whose `createRegistry()` gives the node types runs may use; default the built-ins. */
  registryModule: string | undefined;
  /** Largest JSON output (metrics, chart, report, value) kept per port, in bytes; a larger one is noted, not kept. */
  maxJsonOutputBytes: number;
  /** Days a finished run's outputs are kept (fractions allowed); then they are released and their files removed. */
  outputRetentionDays: number;
  /** How often expired run outputs are looked for. */
  outputSweepMs: number;
}

const schema = z.object({
  CAUSEWAY_WORKER_THREADS: z.coerce.number().int().min(1).max(64).default(Math.max(1, availableParallelism())),
  CAUSEWAY_RUNS_PER_THREAD: z.coerce.number().int().min(1).max(256).default(8),
  CAUSEWAY_RUN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(2_147_483_647)
    .default(60 * 60 * 1000),
  CAUSEWAY_RUN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(2),
  CAUSEWAY_HEARTBEAT_MS: z.coerce.number().int().min(50).default(5_000),
  CAUSEWAY_STALE_MS: z.coerce.number().int().min(100).default(30_000),
  CAUSEWAY_SWEEP_MS: z.coerce.number().int().min(50).default(10_000),
  CAUSEWAY_RUN_POLL_MS: z.coerce.number().int().min(10).default(1_000),
  CAUSEWAY_REGISTRY_MODULE: z.string().min(1).optional(),
  CAUSEWAY_RUN_OUTPUT_JSON_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(512 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  CAUSEWAY_RUN_OUTPUT_DAYS: z.coerce.number().positive().max(36_500).default(30),
  CAUSEWAY_RUN_OUTPUT_SWEEP_MS: z.coerce.number().int().min(50).max(2_147_483_647).default(3_600_000),
});

/**
 * Run settings from the environment (defaults: a heartbeat every 5 s, stale after 30 s, swept
 * every 10 s, so a dead worker's run is re-queued or failed within 40 s); `overrides` win.
 */
export function runSettings(env: Record<string, string | undefined>, overrides: Partial<RunSettings> = {}): RunSettings {
  const s = parseEnvSettings(schema, env, 'run settings');
  return {
    threads: s.CAUSEWAY_WORKER_THREADS,
    runsPerThread: s.CAUSEWAY_RUNS_PER_THREAD,
    runTimeoutMs: s.CAUSEWAY_RUN_TIMEOUT_MS,
    maxAttempts: s.CAUSEWAY_RUN_MAX_ATTEMPTS,
    heartbeatMs: s.CAUSEWAY_HEARTBEAT_MS,
    staleMs: s.CAUSEWAY_STALE_MS,
    sweepMs: s.CAUSEWAY_SWEEP_MS,
    pollMs: s.CAUSEWAY_RUN_POLL_MS,
    registryModule: s.CAUSEWAY_REGISTRY_MODULE,
    maxJsonOutputBytes: s.CAUSEWAY_RUN_OUTPUT_JSON_BYTES,
    outputRetentionDays: s.CAUSEWAY_RUN_OUTPUT_DAYS,
    outputSweepMs: s.CAUSEWAY_RUN_OUTPUT_SWEEP_MS,
    ...overrides,
  };
}
