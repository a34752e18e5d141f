import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/database';
import type { ScheduleOccurrencesTable, SchedulesTable } from '../db/tables/schedules';
import { type AlertDecision, failureAlert, recoveryAlert } from './alert-throttle';
import { CronPlan } from './cron-plan';
import { type CatchUpPolicy, planCatchUp } from './plan-catch-up';
import { retryDelay } from './retry-delay';
import { scheduleTestsRefusal } from './schedule-tests-refusal';
import { type RunDefaults, startScheduledRun } from './start-scheduled-run';

export type ScheduleRow = Selectable<SchedulesTable>;

/** What tending one schedule needs besides the schedule. */
export interface TendContext {
  now: number;
  schedulerId: string;
  /** An occurrence older than this when found is missed (follows the catch-up policy). */
  graceMs: number;
  /** At most this many missed occurrences are looked at (the latest). */
  maxCatchUp: number;
  runDefaults: RunDefaults;
  /** Seeds the retry jitter. */
  seed: string;
}

/** What tending did: runs queued, whether an alert became due, and the log lines to write once it commits. */
export interface TendResult {
  started: number[];
  alertsDue: number;
  events: Array<{ message: string; fields: Record<string, unknown> }>;
}

interface OpenOccurrence {
  fire_at: Date;
  status: string;
  attempts: number;
  retry_at: Date | null;
  run_id: number | null;
  run_status: string | null;
  run_error: unknown;
  run_version: number | null;
}

const finished = new Set(['succeeded', 'failed', 'cancelled', 'invalid']);

/**
 * Brings one schedule up to date; the caller holds its row lock (FOR UPDATE) for the whole
 * transaction `db`, so no other scheduler touches it meanwhile. In order: record the outcome of
 * finished runs (success, a retry after backoff, or a final failure with an alert due), queue due
 * retries, start a waiting occurrence (overlap `queue`), then fire the due occurrences.
 */
export async function tendSchedule(db: Kysely<Database>, schedule: ScheduleRow, ctx: TendContext): Promise<TendResult> {
  const result: TendResult = { started: [], alertsDue: 0, events: [] };
  const log = (message: string, o: OpenOccurrence, fields: Record<string, unknown> = {}) =>
    result.events.push({ message, fields: { schedule: schedule.name, occurrence: o.fire_at.toISOString(), ...fields } });
  const now = new Date(ctx.now);
  const open = (await db
    .selectFrom('schedule_occurrences as o')
    .leftJoin('runs as r', 'r.id', 'o.run_id')
    .select(['o.fire_at', 'o.status', 'o.attempts', 'o.retry_at', 'o.run_id', 'r.status as run_status', 'r.error as run_error'])
    .select('r.graph_version as run_version')
    .where('o.schedule_id', '=', schedule.id)
    .where('o.status', 'in', ['waiting', 'running', 'retrying'])
    .orderBy('o.fire_at')
    .execute()) as OpenOccurrence[];
  const update = (o: OpenOccurrence, values: Updateable<ScheduleOccurrencesTable>) =>
    db.updateTable('schedule_occurrences').set(values).where('schedule_id', '=', schedule.id).where('fire_at', '=', o.fire_at).execute();
  const start = async (o: OpenOccurrence, retryOf: number | null, version: number | null) => {
    const attempt = o.attempts + 1;
    // A retry runs the version its first attempt was let through with.
    const refused = retryOf === null ? await scheduleTestsRefusal(db, schedule, version) : undefined;
    if (refused !== undefined) {
      const alert = await failureAlert(db, schedule, now);
      await update(o, { status: 'failed', attempts: attempt, finished_at: now, error: JSON.stringify(refused), ...alert.fields });
      o.status = 'failed';
      log('schedule occurrence refused', o, { attempt, code: refused.code, error: refused.message, ...throttledField(alert) });
      if (alert.due) result.alertsDue++;
      return;
    }
    const runId = await startScheduledRun(
      db,
      { scheduleId: schedule.id, scheduleName: schedule.name, fireAt: o.fire_at, attempt, graphId: schedule.graph_id, version, retryOf },
      ctx.runDefaults,
    );
    if (runId === undefined) {
      const error = { code: 'NOT_FOUND', message: `Graph "${schedule.graph_id}" (version ${version ?? 'latest'}) no longer exists.` };
      const alert = await failureAlert(db, schedule, now);
      await update(o, { status: 'failed', finished_at: now, error: JSON.stringify(error), ...alert.fields });
      o.status = 'failed';
      log('schedule occurrence failed', o, { attempt, code: error.code, error: error.message, ...throttledField(alert) });
      if (alert.due) result.alertsDue++;
      return;
    }
    await update(o, { status: 'running', attempts: attempt, run_id: runId, retry_at: null });
    log(retryOf === null ? 'schedule fired' : 'schedule retry started', o, {
      run: runId,
      attempt,
      ...(retryOf === null ? {} : { retryOf }),
    });
    Object.assign(o, { status: 'running', attempts: attempt, run_id: runId, run_status: 'queued' });
    result.started.push(runId);
  };

  for (const o of open) {
    if (o.status !== 'running' || (o.run_status !== null && !finished.has(o.run_status))) continue;
    if (o.run_status === 'succeeded' || o.run_status === 'cancelled') {
      const alert = o.run_status === 'succeeded' ? await recoveryAlert(db, schedule, now) : undefined;
      await update(o, { status: o.run_status, finished_at: now, ...alert?.fields });
      o.status = o.run_status;
      if (alert?.due) {
        result.alertsDue++;
        log('schedule recovered', o, { run: o.run_id });
      }
    } else if (o.run_status === 'failed' && o.attempts <= schedule.max_retries) {
      const seed = `${ctx.seed}:${schedule.id}:${o.fire_at.toISOString()}`;
      const delay = retryDelay({ baseMs: schedule.retry_base_ms, maxMs: schedule.retry_max_ms }, o.attempts, seed);
      o.retry_at = new Date(ctx.now + delay);
      o.status = 'retrying';
      await update(o, { status: 'retrying', retry_at: o.retry_at, error: JSON.stringify(o.run_error ?? null) });
      log('schedule retry due', o, { run: o.run_id, attempt: o.attempts, retryAt: o.retry_at.toISOString(), delayMs: delay });
    } else {
      const error = o.run_error ?? { code: 'NOT_FOUND', message: 'The run of this occurrence was deleted.' };
      const alert = await failureAlert(db, schedule, now);
      await update(o, { status: 'failed', finished_at: now, error: JSON.stringify(error), ...alert.fields });
      o.status = 'failed';
      const { code, message } = (error ?? {}) as { code?: string; message?: string };
      log('schedule occurrence failed', o, { run: o.run_id, attempt: o.attempts, code, error: message, ...throttledField(alert) });
      if (alert.due) result.alertsDue++;
    }
  }
  for (const o of open) {
    if (o.status === 'retrying' && o.retry_at !== null && o.retry_at.getTime() <= ctx.now) await start(o, o.run_id, o.run_version);
  }
  const busy = () => open.some((o) => o.status === 'running' || o.status === 'retrying');
  const waiting = open.find((o) => o.status === 'waiting');
  if (waiting !== undefined && !busy() && !schedule.paused) await start(waiting, null, schedule.graph_version);

  if (!schedule.paused && schedule.next_fire_at !== null && schedule.next_fire_at.getTime() <= ctx.now) {
    await fire(db, schedule, ctx, busy(), open, start);
  }
  return result;
}

async function fire(
  db: Kysely<Database>,
  schedule: ScheduleRow,
  ctx: TendContext,
  busyBefore: boolean,
  open: OpenOccurrence[],
  start: (o: OpenOccurrence, retryOf: number | null, version: number | null) => Promise<void>,
): Promise<void> {
  const plan = new CronPlan(schedule.cron, schedule.timezone);
  const { due, next } = plan.due((schedule.next_fire_at as Date).getTime(), ctx.now, ctx.maxCatchUp);
  const { fire: toFire, missed } = planCatchUp(due, ctx.now, ctx.graceMs, schedule.catch_up as CatchUpPolicy, schedule.catch_up_limit);
  const now = new Date(ctx.now);
  const row = (at: number, status: string, reason: string | null) => ({
    schedule_id: schedule.id,
    fire_at: new Date(at),
    status,
    reason,
    fired_by: ctx.schedulerId,
    created_at: now,
    finished_at: status === 'skipped' ? now : null,
  });
  if (missed.length > 0) {
    await db
      .insertInto('schedule_occurrences')
      .values(missed.map((at) => row(at, 'skipped', 'missed')))
      .onConflict((c) => c.columns(['schedule_id', 'fire_at']).doNothing())
      .execute();
  }
  let startedHere = false;
  for (const at of toFire) {
    // Occurrences fired together (a catch-up) do not overlap each other; only earlier runs count.
    let status = 'running';
    if (busyBefore && schedule.overlap === 'skip') status = 'skipped';
    else if ((busyBefore || startedHere || open.some((o) => o.status === 'waiting')) && schedule.overlap === 'queue') status = 'waiting';
    const inserted = await db
      .insertInto('schedule_occurrences')
      .values(row(at, status === 'running' ? 'waiting' : status, status === 'skipped' ? 'overlap' : null))
      .onConflict((c) => c.columns(['schedule_id', 'fire_at']).doNothing())
      .returning('fire_at')
      .executeTakeFirst();
    if (inserted === undefined) continue;
    const occurrence: OpenOccurrence = {
      fire_at: inserted.fire_at,
      status: 'waiting',
      attempts: 0,
      retry_at: null,
      run_id: null,
      run_status: null,
      run_error: null,
      run_version: null,
    };
    if (status === 'waiting') open.push(occurrence);
    if (status !== 'running') continue;
    await start(occurrence, null, schedule.graph_version);
    startedHere = true;
  }
  await db
    .updateTable('schedules')
    .set({ next_fire_at: next === null ? null : new Date(next), updated_at: now })
    .where('id', '=', schedule.id)
    .execute();
}

/** A throttled failure says so in its log line. */
function throttledField(alert: AlertDecision): Record<string, unknown> {
  return alert.throttled ? { alert: 'throttled' } : {};
}
