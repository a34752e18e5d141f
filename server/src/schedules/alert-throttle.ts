import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../db/database';
import type { SchedulesTable } from '../db/tables/schedules';

type ScheduleRow = Selectable<SchedulesTable>;

/** What an occurrence that just ended records about alerting, and whether an alert became due. */
export interface AlertDecision {
  fields: { alert_status?: 'pending'; alert_at?: Date; alert_kind?: 'failure' | 'recovery' };
  due: boolean;
  /** The failure was not alerted: another alert went out within the throttle window. */
  throttled: boolean;
}

const none: AlertDecision = { fields: {}, due: false, throttled: false };

function alerts(schedule: ScheduleRow): boolean {
  return schedule.alert_url !== null || schedule.alert_secret !== null;
}

/**
 * A final failure alerts unless a failure alert went out less than `alert_throttle_ms` ago; then it is
 * only counted (`alerts_suppressed`, reported with the next alert). Runs under the schedule's row
 * lock, so two schedulers never both decide to alert; the row in memory is kept in step.
 */
export async function failureAlert(db: Kysely<Database>, schedule: ScheduleRow, now: Date): Promise<AlertDecision> {
  if (!alerts(schedule)) return none;
  const last = schedule.last_alert_at === null ? null : new Date(schedule.last_alert_at).getTime();
  if (last !== null && now.getTime() - last < schedule.alert_throttle_ms) {
    await db
      .updateTable('schedules')
      .set({ alerts_suppressed: sql<number>`alerts_suppressed + 1` })
      .where('id', '=', schedule.id)
      .execute();
    schedule.alerts_suppressed += 1;
    return { fields: {}, due: false, throttled: true };
  }
  await db.updateTable('schedules').set({ last_alert_at: now, alert_open: true }).where('id', '=', schedule.id).execute();
  Object.assign(schedule, { last_alert_at: now, alert_open: true });
  return { fields: { alert_status: 'pending', alert_at: now, alert_kind: 'failure' }, due: true, throttled: false };
}

/** The first success after an alerted failure sends one recovery alert (never throttled). */
export async function recoveryAlert(db: Kysely<Database>, schedule: ScheduleRow, now: Date): Promise<AlertDecision> {
  if (!schedule.alert_open || !alerts(schedule)) return none;
  await db.updateTable('schedules').set({ alert_open: false }).where('id', '=', schedule.id).execute();
  schedule.alert_open = false;
  return { fields: { alert_status: 'pending', alert_at: now, alert_kind: 'recovery' }, due: true, throttled: false };
}
