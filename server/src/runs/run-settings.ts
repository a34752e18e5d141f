import { availableParallelism } from 'node:os';
import type { InputLimits } from '@causeway/sdk';
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
  /** A run thread without a run for this long ends, giving back all its memory; the next runs start a new one. */
  threadIdleMs: number;
  /** Parsed graphs each run thread keeps (by graph version). */
  graphCacheEntries: number;
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
  /** Bounds on what input data may make a node allocate (`ctx.limits`). */
  limits: InputLimits;
}

const ms = { unit: 'ms' } as const;

/** The run queue's environment variables, in `serve` and `worker` processes. */
export const runSettingsSchema = z.object({
  CAUSEWAY_WORKER_THREADS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(Math.max(1, availableParallelism()))
    .meta({ defaultText: 'the number of cores' })
    .describe(
      'Most run threads per process; they start when runs wait and none is idle, not with the server. Runs at once per process: this × `CAUSEWAY_RUNS_PER_THREAD`.',
    ),
  CAUSEWAY_RUNS_PER_THREAD: z.coerce
    .number()
    .int()
    .min(1)
    .max(256)
    .default(8)
    .describe('Runs one run thread carries at once; long fits yield, so they share it.'),
  CAUSEWAY_RUN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(2_147_483_647)
    .default(60 * 60 * 1000)
    .meta(ms)
    .describe('Time limit of one run.'),
  CAUSEWAY_RUN_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(2)
    .describe('Attempts before a run whose worker died is failed.'),
  CAUSEWAY_HEARTBEAT_MS: z.coerce.number().int().min(50).default(5_000).meta(ms).describe('How often a worker stamps the runs it holds.'),
  CAUSEWAY_RUN_GRAPH_CACHE_ENTRIES: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(64)
    .describe('Parsed graphs each run thread keeps, by graph version, so repeated runs skip parsing; at the bound the cache starts over.'),
  CAUSEWAY_THREAD_IDLE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(60_000)
    .meta(ms)
    .describe(
      'A run thread without a run for this long ends, and with it everything its heap held (tables of big runs); the next runs start a new one. Checked at each heartbeat.',
    ),
  CAUSEWAY_STALE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(30_000)
    .meta(ms)
    .describe('A run whose stamp is older than this counts as abandoned: re-queued or failed.'),
  CAUSEWAY_SWEEP_MS: z.coerce.number().int().min(50).default(10_000).meta(ms).describe('How often abandoned runs are looked for.'),
  CAUSEWAY_RUN_POLL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(1_000)
    .meta(ms)
    .describe('How often idle workers and event streams look at the database when no notification arrives.'),
  CAUSEWAY_REGISTRY_MODULE: z
    .string()
    .min(1)
    .optional()
    .meta({ defaultText: 'the built-in node types' })
    .describe('A module whose `createRegistry()` gives the node types runs may use (tests and benchmarks).'),
  CAUSEWAY_RUN_OUTPUT_JSON_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(512 * 1024 * 1024)
    .default(8 * 1024 * 1024)
    .meta({ unit: 'bytes' })
    .describe('Largest JSON output (metrics, chart, report, value) kept per port; a larger one is noted, not kept.'),
  CAUSEWAY_RUN_OUTPUT_DAYS: z.coerce
    .number()
    .positive()
    .max(36_500)
    .default(30)
    .meta({ unit: 'days' })
    .describe("Days a finished run's outputs are kept (fractions allowed); then they are released and their files removed."),
  CAUSEWAY_RUN_OUTPUT_SWEEP_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(2_147_483_647)
    .default(3_600_000)
    .meta(ms)
    .describe('How often expired run outputs are looked for.'),
  CAUSEWAY_CSV_MAX_LINE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 ** 30)
    .default(64 * 2 ** 20)
    .meta({ unit: 'bytes' })
    .describe(
      'Longest CSV line (one record) a run reads; a longer one fails with INPUT_LIMIT as soon as it is seen. `causeway run` reads it too.',
    ),
  CAUSEWAY_PARQUET_MAX_COLUMNS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(10_000)
    .describe(
      'Most columns (schema elements) a Parquet file may declare; more fail with INPUT_LIMIT before any is read. `causeway run` reads it too.',
    ),
  CAUSEWAY_PARQUET_MAX_DEPTH: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(64)
    .describe('Deepest nesting of a Parquet schema; deeper fails with INPUT_LIMIT before any column is read. `causeway run` reads it too.'),
  CAUSEWAY_EXPRESSION_MAX_TEXT_CHARS: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 ** 29)
    .default(2 ** 27)
    .describe(
      'Most characters a text function of an expression (`replace`, `concat`) may build for one block of 8,192 rows; more fails with INPUT_LIMIT before it is built. `causeway run` reads it too.',
    ),
});

/**
 * Run settings from the environment (defaults: a heartbeat every 5 s, stale after 30 s, swept
 * every 10 s, so a dead worker's run is re-queued or failed within 40 s); `overrides` win.
 */
export function runSettings(env: Record<string, string | undefined>, overrides: Partial<RunSettings> = {}): RunSettings {
  const s = parseEnvSettings(runSettingsSchema, env, 'run settings');
  return {
    threads: s.CAUSEWAY_WORKER_THREADS,
    runsPerThread: s.CAUSEWAY_RUNS_PER_THREAD,
    runTimeoutMs: s.CAUSEWAY_RUN_TIMEOUT_MS,
    maxAttempts: s.CAUSEWAY_RUN_MAX_ATTEMPTS,
    heartbeatMs: s.CAUSEWAY_HEARTBEAT_MS,
    threadIdleMs: s.CAUSEWAY_THREAD_IDLE_MS,
    graphCacheEntries: s.CAUSEWAY_RUN_GRAPH_CACHE_ENTRIES,
    staleMs: s.CAUSEWAY_STALE_MS,
    sweepMs: s.CAUSEWAY_SWEEP_MS,
    pollMs: s.CAUSEWAY_RUN_POLL_MS,
    registryModule: s.CAUSEWAY_REGISTRY_MODULE,
    maxJsonOutputBytes: s.CAUSEWAY_RUN_OUTPUT_JSON_BYTES,
    outputRetentionDays: s.CAUSEWAY_RUN_OUTPUT_DAYS,
    outputSweepMs: s.CAUSEWAY_RUN_OUTPUT_SWEEP_MS,
    limits: limitsOf(s),
    ...overrides,
  };
}

type LimitSettings = Pick<
  z.output<typeof runSettingsSchema>,
  'CAUSEWAY_CSV_MAX_LINE_BYTES' | 'CAUSEWAY_PARQUET_MAX_COLUMNS' | 'CAUSEWAY_PARQUET_MAX_DEPTH' | 'CAUSEWAY_EXPRESSION_MAX_TEXT_CHARS'
>;

function limitsOf(s: LimitSettings): InputLimits {
  return {
    csvLineBytes: s.CAUSEWAY_CSV_MAX_LINE_BYTES,
    parquetColumns: s.CAUSEWAY_PARQUET_MAX_COLUMNS,
    parquetDepth: s.CAUSEWAY_PARQUET_MAX_DEPTH,
    expressionTextChars: s.CAUSEWAY_EXPRESSION_MAX_TEXT_CHARS,
  };
}

/**
 * The input limits of a run from the environment, read alone: `causeway run` takes the same
 * variables and defaults as the server's runs without the rest of the run settings.
 *
 * @example
 * inputLimits({ CAUSEWAY_CSV_MAX_LINE_BYTES: '1048576' }).csvLineBytes // 1048576
 */
export function inputLimits(env: Record<string, string | undefined>): InputLimits {
  const schema = runSettingsSchema.pick({
    CAUSEWAY_CSV_MAX_LINE_BYTES: true,
    CAUSEWAY_PARQUET_MAX_COLUMNS: true,
    CAUSEWAY_PARQUET_MAX_DEPTH: true,
    CAUSEWAY_EXPRESSION_MAX_TEXT_CHARS: true,
  });
  return limitsOf(parseEnvSettings(schema, env, 'input limit settings'));
}
