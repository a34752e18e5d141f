import { type Kysely, sql, type Updateable } from 'kysely';
import type { Database } from '../db/database';
import type { ScheduleOccurrencesTable } from '../db/tables/schedules';
import type { Logger } from '../logger';
import type { GrantedSecrets } from '../secrets/database-secret-store';

/** The JSON body an alert posts: a failure after its retries, or the first success after an alerted failure. */
export interface FailureAlert {
  event: 'schedule.run_failed' | 'schedule.recovered';
  /** One line for chat receivers: Slack and compatible incoming webhooks show it as the message. */
  text: string;
  schedule: { id: number; name: string; graphId: string };
  /** The occurrence's fire time (ISO). */
  occurrence: string;
  run: { id: number | null; url: string | null; attempts: number };
  failingNode: { id: string | null; message: string };
  error: { code: string; message: string };
  /** Failures not alerted since the previous alert (throttled). */
  suppressed: number;
}

/** What is posted: the structured alert, or only its `text` for strict chat webhooks (`alertFormat: slack`). */
export type AlertBody = FailureAlert | { text: string };

/** Posts an alert; rejects when the receiver cannot be reached or answers outside 2xx. */
export type AlertPoster = (url: string, alert: AlertBody) => Promise<void>;

const maxAlertAttempts = 3;
const retryAfterMs = 30_000;
/** A claim older than this (its process died while sending) may be taken again. */
const sendingTimeoutMs = 5 * 60_000;

/**
 * Sends the failure alerts that are due: each occurrence's alert is claimed (FOR UPDATE SKIP
 * LOCKED, `pending` → `sending`) by one process, posted, then marked `sent`; a failed post is
 * tried again up to 3 times, 30 s apart and doubling, then marked `failed` with the reason.
 */
export async function sendAlerts(
  db: Kysely<Database>,
  options: { now: number; post: AlertPoster; publicUrl: string | undefined; secrets?: GrantedSecrets | undefined; logger?: Logger },
): Promise<{ sent: number; failed: number }> {
  const now = new Date(options.now);
  const claimed = await sql<{
    schedule_id: number;
    fire_at: Date;
    run_id: number | null;
    attempts: number;
    error: { code?: string; message?: string; nodeId?: string } | null;
    alert_attempts: number;
    name: string;
    graph_id: string;
    alert_url: string | null;
    alert_secret: string | null;
    created_by: string;
    owner_role: string | null;
    alert_kind: string | null;
    alert_format: string;
    alerts_suppressed: number;
  }>`
    with picked as (
      select schedule_id, fire_at from schedule_occurrences
      where (alert_status = 'pending' and alert_at <= ${now})
        or (alert_status = 'sending' and alert_at <= ${new Date(options.now - sendingTimeoutMs)})
      order by alert_at limit 20 for update skip locked
    )
    update schedule_occurrences o set alert_status = 'sending', alert_attempts = o.alert_attempts + 1, alert_at = ${now}
    from picked, schedules s
    where o.schedule_id = picked.schedule_id and o.fire_at = picked.fire_at and s.id = o.schedule_id
    returning o.schedule_id, o.fire_at, o.run_id, o.attempts, o.error, o.alert_attempts, s.name, s.graph_id, s.alert_url, s.alert_secret,
      s.created_by, s.owner_role, o.alert_kind, s.alert_format, s.alerts_suppressed`.execute(db);
  const out = { sent: 0, failed: 0 };
  for (const row of claimed.rows) {
    const settle = (values: Updateable<ScheduleOccurrencesTable>) =>
      db
        .updateTable('schedule_occurrences')
        .set(values)
        .where('schedule_id', '=', Number(row.schedule_id))
        .where('fire_at', '=', row.fire_at)
        .where('alert_status', '=', 'sending')
        .where('alert_attempts', '=', row.alert_attempts)
        .execute();
    const runId = row.run_id === null ? null : Number(row.run_id);
    const alert = alertOf(row, runId, options.publicUrl);
    // The count is reported once: the next alert starts from zero.
    if (row.alerts_suppressed > 0)
      await db.updateTable('schedules').set({ alerts_suppressed: 0 }).where('id', '=', Number(row.schedule_id)).execute();
    try {
      await options.post(await alertTarget(row, options.secrets), row.alert_format === 'slack' ? { text: alert.text } : alert);
      await settle({ alert_status: 'sent', alert_error: null });
      options.logger?.info('alert sent', {
        schedule: row.name,
        event: alert.event,
        occurrence: alert.occurrence,
        run: runId,
        attempt: row.alert_attempts,
      });
      out.sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const last = row.alert_attempts >= maxAlertAttempts || (row.alert_url === null && row.alert_secret === null);
      const retryAt = new Date(options.now + retryAfterMs * 2 ** (row.alert_attempts - 1));
      await settle(
        last ? { alert_status: 'failed', alert_error: reason } : { alert_status: 'pending', alert_at: retryAt, alert_error: reason },
      );
      // The reason never holds the URL: a secret's value is not echoed (see alertTarget).
      options.logger?.warn(last ? 'alert refused, given up' : 'alert refused, retried later', {
        schedule: row.name,
        occurrence: alert.occurrence,
        run: runId,
        attempt: row.alert_attempts,
        reason,
        ...(last ? {} : { retryAt: retryAt.toISOString() }),
      });
      if (last) out.failed++;
    }
  }
  return out;
}

function alertOf(
  row: {
    schedule_id: number;
    fire_at: Date;
    attempts: number;
    error: { code?: string; message?: string; nodeId?: string } | null;
    name: string;
    graph_id: string;
    alert_kind: string | null;
    alerts_suppressed: number;
  },
  runId: number | null,
  publicUrl: string | undefined,
): FailureAlert {
  const link = runId === null ? null : runLink(publicUrl, runId);
  const base = {
    schedule: { id: Number(row.schedule_id), name: row.name, graphId: row.graph_id },
    occurrence: row.fire_at.toISOString(),
    run: { id: runId, url: link, attempts: row.attempts },
    suppressed: row.alerts_suppressed,
  };
  const more =
    row.alerts_suppressed > 0
      ? ` (${row.alerts_suppressed} failure${row.alerts_suppressed > 1 ? 's' : ''} since the last alert not alerted)`
      : '';
  if (row.alert_kind === 'recovery')
    return {
      event: 'schedule.recovered',
      text: `Schedule "${row.name}" recovered: the run of ${base.occurrence} succeeded${more}.${link === null ? '' : ` ${link}`}`,
      ...base,
      failingNode: { id: null, message: '' },
      error: { code: '', message: '' },
    };
  const code = row.error?.code ?? 'INTERNAL';
  const message = row.error?.message ?? 'The run failed.';
  return {
    event: 'schedule.run_failed',
    text: `Schedule "${row.name}" failed (${code}${row.error?.nodeId ? ` at node ${row.error.nodeId}` : ''}): ${message}${more}${link === null ? '' : ` ${link}`}`,
    ...base,
    failingNode: { id: row.error?.nodeId ?? null, message },
    error: { code, message },
  };
}

/** The URL to post to: the schedule's own, or the value of its secret as the schedule's maker may use it (never echoed in errors). */
async function alertTarget(
  row: { alert_url: string | null; alert_secret: string | null; created_by: string; owner_role: string | null },
  secrets: GrantedSecrets | undefined,
): Promise<string> {
  if (row.alert_secret !== null) {
    if (secrets === undefined) throw new Error('this process cannot read secrets');
    const value = await secrets.getAs(row.alert_secret, { name: row.created_by, role: row.owner_role });
    if (!/^https?:\/\//.test(value) || !URL.canParse(value))
      throw new Error(`the secret "${row.alert_secret}" does not hold an http(s) URL`);
    return value;
  }
  if (row.alert_url === null) throw new Error('the schedule has no alert URL any more');
  return row.alert_url;
}

/** Where a person finds the run: the API's run resource under the server's public URL. */
export function runLink(publicUrl: string | undefined, runId: number): string {
  const base = (publicUrl ?? 'http://127.0.0.1:8787/').replace(/\/?(\?.*)?$/, '/');
  return `${base}api/runs/${runId}`;
}
