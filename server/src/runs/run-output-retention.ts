import { type Kysely, sql } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import type { Logger } from '../logger';

const sweepChunk = 1_000;

/**
 * Releases the outputs of runs that finished more than `days` days ago (their `run:<id>:…` holds),
 * then removes the files of those no one else holds (a registered model keeps its own hold) and no
 * one used within the same period. Returns how many holds were released and files removed.
 */
export async function expireRunOutputs(
  db: Kysely<Database>,
  artifacts: ArtifactStore,
  days: number,
): Promise<{ released: number; removed: number }> {
  const released = await sql<{ hash: string }>`
    delete from artifact_refs r using runs
    where r.owner like 'run:%'
      and runs.id = (case when r.owner ~ '^run:[0-9]{1,18}:' then split_part(r.owner, ':', 2)::bigint end)
      and runs.finished_at < now() - make_interval(secs => ${days * 86_400})
    returning r.hash`.execute(db);
  const hashes = [...new Set(released.rows.map((row) => row.hash))];
  let removed = 0;
  for (let i = 0; i < hashes.length; i += sweepChunk) {
    removed += (await artifacts.sweep(days, hashes.slice(i, i + sweepChunk))).length;
  }
  return { released: released.rows.length, removed };
}

/** Every `everyMs`, {@link expireRunOutputs}. Every server and worker process runs one; they never collide. */
export function startRunOutputRetention(options: {
  db: Kysely<Database>;
  artifacts: ArtifactStore;
  logger: Logger;
  days: number;
  everyMs: number;
}): { stop(): Promise<void> } {
  let current: Promise<void> | undefined;
  const tick = async () => {
    try {
      const result = await expireRunOutputs(options.db, options.artifacts, options.days);
      if (result.released > 0) options.logger.info('expired run outputs released', { ...result, days: options.days });
    } catch (error) {
      options.logger.warn('run output retention failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const timer = setInterval(() => {
    current ??= tick().finally(() => {
      current = undefined;
    });
  }, options.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
