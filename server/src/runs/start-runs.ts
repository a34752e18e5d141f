import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { SecretsRepository } from '../repositories/secrets-repository';
import { DatabaseSecretStore } from '../secrets/database-secret-store';
import type { SecretCipher } from '../secrets/secret-cipher';
import { listenForRunSignals } from './listen-for-run-signals';
import { RunBus } from './run-bus';
import { startRunOutputRetention } from './run-output-retention';
import type { RunSettings } from './run-settings';
import type { RunsHub } from './runs-hub';
import { RunsRepository } from './runs-repository';
import { startSweeper } from './sweeper';
import { WorkerPool } from './worker-pool';

/** What {@link startRuns} needs. */
export interface StartRunsOptions {
  db: Kysely<Database>;
  /** PostgreSQL URL: signals between processes go over LISTEN/NOTIFY. Absent on PGlite. */
  databaseUrl: string | undefined;
  /** Artifacts go to `<dataDir>/artifacts`, files nodes read come from `<dataDir>/files`. */
  dataDir: string;
  cipher: SecretCipher;
  logger: Logger;
  settings: RunSettings;
  /** Execute runs in this process (default true); false for an API-only process. */
  workers?: boolean;
}

/** The run machinery of one process: the routes' hub, a worker pool, the sweeper, output retention, cross-process signals. */
export interface RunsRuntime {
  hub: RunsHub;
  pool: WorkerPool | undefined;
  /** Releases in-flight runs for immediate retry, then stops everything. */
  stop(): Promise<void>;
}

/** Starts the runs side of `causeway serve` or `causeway worker`. */
export async function startRuns(options: StartRunsOptions): Promise<RunsRuntime> {
  const { db, logger, settings } = options;
  const bus = new RunBus(logger);
  const artifacts = new ArtifactStore(db, join(options.dataDir, 'artifacts'));
  const listener = options.databaseUrl === undefined ? undefined : listenForRunSignals(options.databaseUrl, bus, logger);
  const sweeper = startSweeper({ db, bus, logger, sweepMs: settings.sweepMs, staleMs: settings.staleMs });
  const retention = startRunOutputRetention({ db, artifacts, logger, days: settings.outputRetentionDays, everyMs: settings.outputSweepMs });
  const hub: RunsHub = {
    runs: new RunsRepository(db, bus, { maxAttempts: settings.maxAttempts, timeoutMs: settings.runTimeoutMs }),
    bus,
    artifacts,
    pollMs: settings.pollMs,
  };
  let pool: WorkerPool | undefined;
  if (options.workers !== false) {
    pool = new WorkerPool({
      db,
      bus,
      artifacts,
      secrets: new DatabaseSecretStore(new SecretsRepository(db), options.cipher),
      filesDir: join(options.dataDir, 'files'),
      settings,
      logger,
    });
    try {
      await pool.start();
    } catch (error) {
      await pool.stop().catch(() => {});
      await sweeper.stop();
      await retention.stop();
      await listener?.close();
      throw error;
    }
  }
  return {
    hub,
    pool,
    async stop() {
      await pool?.stop();
      await sweeper.stop();
      await retention.stop();
      await listener?.close();
    },
  };
}
