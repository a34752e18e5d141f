import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { runChannel } from '../runs/run-bus';
import type { GrantedSecrets } from '../secrets/database-secret-store';
import { type Clock, type ClockTimer, systemClock } from './clock';
import { queueDriftOccurrences } from './drift-occurrences';
import { type AlertPoster, sendAlerts } from './send-alerts';
import type { RunDefaults } from './start-scheduled-run';
import { type ScheduleRow, tendSchedule } from './tend-schedule';

/** What a {@link Scheduler} works with. */
export interface SchedulerOptions {
  db: Kysely<Database>;
  logger: Logger;
  runDefaults: RunDefaults;
  post: AlertPoster;
  /** Reads alert URLs kept as secrets. */
  secrets?: GrantedSecrets;
  /** The server's public URL, for run links in alerts. */
  publicUrl: string | undefined;
  clock?: Clock;
  schedulerId?: string;
  /** How often to look for due work (ms). */
  pollMs?: number;
  /** An occurrence found later than this is missed (follows the catch-up policy). */
  graceMs?: number;
  /** At most this many missed occurrences per schedule are looked at (the latest). */
  maxCatchUp?: number;
  /** Seeds the retry jitter (default: random per process). */
  seed?: string;
  /** Told when runs were queued, so workers in this process wake at once. */
  onQueued?: () => void;
  /** More work on the same tick and clock (the serving process settles canary policies here); failures are logged. */
  alsoOnTick?: (now: number) => Promise<unknown>;
}

/** What one tick did. */
export interface TickResult {
  tended: number;
  started: number[];
  alerts: { sent: number; failed: number };
}

const maxSchedulesPerTick = 500;

/**
 * Fires schedules. Every `causeway serve` and `causeway worker` process runs one on the same
 * database; each schedule is tended under its row lock (FOR UPDATE SKIP LOCKED) in one
 * transaction that records occurrences (primary key schedule + fire time) and queues their runs,
 * so an occurrence gets exactly one run however many schedulers there are, and a scheduler that
 * dies mid-transaction leaves nothing half done.
 */
export class Scheduler {
  readonly schedulerId: string;
  private readonly clock: Clock;
  private readonly seed: string;
  private timer: ClockTimer | undefined;
  private current: Promise<unknown> | undefined;
  private stopped = true;

  constructor(private readonly options: SchedulerOptions) {
    this.schedulerId = options.schedulerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.clock = options.clock ?? systemClock;
    this.seed = options.seed ?? randomBytes(8).toString('hex');
  }

  /** Ticks now and then every `pollMs` until {@link stop}. */
  start(): void {
    this.stopped = false;
    this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.current?.catch(() => {});
  }

  /** Tends every schedule with due work once, then sends due alerts. */
  async tick(): Promise<TickResult> {
    const now = this.clock.now();
    const result: TickResult = { tended: 0, started: [], alerts: { sent: 0, failed: 0 } };
    const visited: number[] = [];
    for (const queued of await queueDriftOccurrences(this.options.db, now, this.schedulerId)) {
      this.options.logger.info('schedule drift alert queued', { schedule: queued.scheduleId, occurrence: queued.fireAt.toISOString() });
    }
    while (visited.length < maxSchedulesPerTick) {
      const before = visited.length;
      const outcome = await this.options.db
        .transaction()
        .execute(async (trx) => {
          const schedule = await lockNextSchedule(trx, now, visited);
          if (schedule === undefined) return undefined;
          visited.push(schedule.id);
          const tended = await tendSchedule(trx, schedule, {
            now,
            schedulerId: this.schedulerId,
            graceMs: this.options.graceMs ?? 60_000,
            maxCatchUp: this.options.maxCatchUp ?? 1_000,
            runDefaults: this.options.runDefaults,
            seed: this.seed,
          });
          if (tended.started.length > 0) await sql`select pg_notify(${runChannel}, 'queued')`.execute(trx);
          return tended;
        })
        .catch((error: unknown) => {
          // One schedule that cannot be tended (rolled back) must not hold up the others.
          if (visited.length === before) throw error;
          this.options.logger.warn('schedule not tended', {
            schedule: visited.at(-1),
            error: error instanceof Error ? error.message : String(error),
          });
          return { started: [], alertsDue: 0, events: [] };
        });
      if (outcome === undefined) break;
      result.tended++;
      result.started.push(...outcome.started);
      // Written once the transaction committed: a rolled-back tending did nothing.
      for (const event of outcome.events) this.options.logger.info(event.message, event.fields);
    }
    if (result.started.length > 0) this.options.onQueued?.();
    result.alerts = await sendAlerts(this.options.db, {
      now,
      post: this.options.post,
      publicUrl: this.options.publicUrl,
      secrets: this.options.secrets,
      logger: this.options.logger,
    });
    await this.options
      .alsoOnTick?.(now)
      .catch((error: unknown) =>
        this.options.logger.warn('tick work failed', { error: error instanceof Error ? error.message : String(error) }),
      );
    return result;
  }

  private loop(): void {
    if (this.stopped) return;
    this.current = this.tick()
      .catch((error) => this.options.logger.warn('schedules not tended', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        if (!this.stopped) this.timer = this.clock.setTimeout(() => this.loop(), this.options.pollMs ?? 2_000);
      });
  }
}

/** Locks the next schedule with due work that no other scheduler holds, skipping those seen this tick. */
async function lockNextSchedule(db: Kysely<Database>, now: number, visited: number[]): Promise<ScheduleRow | undefined> {
  const result = await sql<ScheduleRow>`
    select s.* from schedules s
    where s.id not in (select jsonb_array_elements_text(${JSON.stringify(visited)}::jsonb)::bigint)
      and ((not s.paused and s.next_fire_at <= ${new Date(now)})
        or exists (select 1 from schedule_occurrences o left join runs r on r.id = o.run_id
          where o.schedule_id = s.id and o.status in ('waiting', 'running', 'retrying')
            and (o.status = 'waiting' or (o.status = 'retrying' and o.retry_at <= ${new Date(now)})
              or (o.status = 'running' and (r.id is null or r.status in ('succeeded', 'failed', 'cancelled', 'invalid'))))))
    order by s.next_fire_at nulls last, s.id
    limit 1
    for update of s skip locked`.execute(db);
  const row = result.rows[0];
  return row === undefined ? undefined : { ...row, id: Number(row.id) };
}
