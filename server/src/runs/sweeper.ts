import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { RunBus } from './run-bus';
import { sweepStaleRuns } from './sweep-stale-runs';

/**
 * Every `sweepMs`, re-queues or fails runs whose worker stopped sending heartbeats for `staleMs`
 * (see {@link sweepStaleRuns}). Every server and worker process runs one; they never collide.
 */
export function startSweeper(options: { db: Kysely<Database>; bus: RunBus; logger: Logger; sweepMs: number; staleMs: number }): {
  stop(): Promise<void>;
} {
  let current: Promise<void> | undefined;
  const tick = async () => {
    try {
      const result = await sweepStaleRuns(options.db, options.staleMs);
      for (const runId of [...result.requeued, ...result.failed]) options.bus.publish({ kind: 'events', runId });
      if (result.requeued.length > 0) options.bus.publish({ kind: 'queued' });
      if (result.requeued.length + result.failed.length > 0) options.logger.warn('runs without a worker swept', { ...result });
    } catch (error) {
      options.logger.warn('sweep failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const timer = setInterval(() => {
    current ??= tick().finally(() => {
      current = undefined;
    });
  }, options.sweepMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
