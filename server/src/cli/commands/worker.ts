import { mkdir } from 'node:fs/promises';
import { requireConfig } from '../../config';
import { connectDatabase } from '../../db/connect';
import { migrate } from '../../db/migrate';
import type { Logger } from '../../logger';
import { runSettings } from '../../runs/run-settings';
import { startRuns } from '../../runs/start-runs';
import { startScheduler } from '../../schedules/start-scheduler';
import { loadMasterKey } from '../../secrets/master-key';
import { SecretCipher } from '../../secrets/secret-cipher';
import { type CliIo, exitCodes } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { UsageError } from '../usage-error';

/**
 * `causeway worker [--database-url URL] [--data-dir DIR] [--threads N]`: a worker-only process (no
 * HTTP) that joins the run queue (and fires schedules) of a PostgreSQL database. Runs until SIGTERM or Ctrl-C, then
 * gives its in-flight runs back to the queue for immediate retry.
 */
export async function workerCommand(args: string[], io: CliIo): Promise<number> {
  const options = { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' }, threads: { type: 'string' } } as const;
  const { values } = parseCommandArgs('worker', args, options, []);
  const env = { ...io.env, ...(values.threads === undefined ? {} : { CAUSEWAY_WORKER_THREADS: values.threads }) };
  const config = requireConfig(env, {
    ...(values['database-url'] === undefined ? {} : { databaseUrl: values['database-url'] }),
    ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
  });
  if (config.databaseUrl === undefined) {
    throw new UsageError('causeway worker: set DATABASE_URL (or --database-url); workers share a PostgreSQL database with the server.');
  }
  const logger: Logger = {
    info: (message, fields) => io.stderr(`${JSON.stringify({ level: 'info', message, ...fields })}\n`),
    warn: (message, fields) => io.stderr(`${JSON.stringify({ level: 'warn', message, ...fields })}\n`),
    error: (message, fields) => io.stderr(`${JSON.stringify({ level: 'error', message, ...fields })}\n`),
  };
  await mkdir(config.dataDir, { recursive: true });
  const database = await connectDatabase({ kind: 'postgres', url: config.databaseUrl });
  try {
    await migrate(database.db);
    const cipher = new SecretCipher(await loadMasterKey({ secretKey: config.secretKey, dataDir: config.dataDir }));
    const runs = await startRuns({
      db: database.db,
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      cipher,
      logger,
      settings: runSettings(env),
    });
    const scheduler = startScheduler({
      db: database.db,
      env,
      runs: runSettings(env),
      logger,
      cipher,
      onQueued: () => runs.hub.bus.publish({ kind: 'queued' }),
    });
    logger.info('worker started', { worker: runs.pool?.workerId, maxThreads: runSettings(env).threads });
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGTERM', stop);
      if (io.signal.aborted) resolve();
      io.signal.addEventListener('abort', stop, { once: true });
    });
    logger.info('worker stopping: releasing in-flight runs');
    await scheduler?.stop();
    await runs.stop();
    return exitCodes.ok;
  } finally {
    await database.close();
  }
}
