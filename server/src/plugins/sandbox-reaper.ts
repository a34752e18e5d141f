import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { messageOf } from '../message-of';

/** Whether a process with this id exists (signal 0 checks without sending anything). */
export const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The main side's record of the sandbox processes run threads start: a sandbox still alive after
 * its run stopped running (its thread crashed and could not kill it) is killed. Checks every
 * `everyMs` while any sandbox is tracked.
 */
export class SandboxReaper {
  private readonly tracked = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly everyMs = 2_000,
  ) {}

  track(pid: number, runId: number): void {
    this.tracked.set(pid, runId);
    // A failed sweep (database unavailable) is retried by the next one.
    this.timer ??= setInterval(
      () =>
        void this.sweep().catch((error: unknown) =>
          this.logger.warn('sandbox sweep failed; retried in the next', { sandboxes: this.tracked.size, error: messageOf(error) }),
        ),
      this.everyMs,
    ).unref();
  }

  async sweep(): Promise<void> {
    for (const pid of [...this.tracked.keys()]) if (!isProcessAlive(pid)) this.tracked.delete(pid);
    if (this.tracked.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const runIds = [...new Set(this.tracked.values())];
    const running = await this.db.selectFrom('runs').select('id').where('id', 'in', runIds).where('status', '=', 'running').execute();
    const live = new Set(running.map((row) => Number(row.id)));
    for (const [pid, runId] of this.tracked) {
      if (live.has(runId)) continue;
      this.tracked.delete(pid);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
  }
}
