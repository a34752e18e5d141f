import type { Logger } from '../logger';
import type { RunQueue } from './run-queue';

/** What a heartbeat needs of a run in flight. */
export interface BeatingRun {
  claim: { id: number; attempt: number };
  /** Released, lost to the sweeper, or finished: nothing more is written for it. */
  closed: boolean;
}

/**
 * One heartbeat for the runs in flight: renews their claims, closes and cancels the runs the
 * sweeper gave away (so nothing more is written for them), and cancels those a user cancelled
 * while the cancel signal may have been missed. A failed beat is logged; the next one retries.
 */
export async function heartbeatRuns(
  queue: Pick<RunQueue, 'heartbeat'>,
  active: readonly BeatingRun[],
  cancel: (runId: number) => void,
  logger: Logger,
): Promise<void> {
  const open = active.filter((run) => !run.closed);
  if (open.length === 0) return;
  try {
    const answer = await queue.heartbeat(open.map((run) => ({ runId: run.claim.id, attempt: run.claim.attempt })));
    for (const run of open) {
      if (!answer.owned.has(run.claim.id) && !run.closed) {
        run.closed = true;
        cancel(run.claim.id);
      } else if (answer.cancel.has(run.claim.id)) cancel(run.claim.id);
    }
  } catch (error) {
    logger.warn('heartbeat failed', { error: error instanceof Error ? error.message : String(error) });
  }
}
