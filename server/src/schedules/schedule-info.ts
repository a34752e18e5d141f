import type { ScheduleRow } from './tend-schedule';

/** A schedule as the API shows it. */
export interface ScheduleInfo {
  id: number;
  name: string;
  graphId: string;
  version: number | 'latest';
  cron: string;
  timezone: string;
  overlap: 'skip' | 'queue';
  catchUp: { policy: 'skip' | 'once' | 'all'; limit: number };
  retries: { max: number; baseMs: number; maxMs: number };
  /** Only the origin: the rest of a webhook URL often carries a token. */
  alert: { origin: string } | { secret: string } | null;
  alertThrottleMs: number;
  alertFormat: 'causeway' | 'slack';
  onDriftOf: string | null;
  paused: boolean;
  requireGraphTests: boolean;
  nextFireAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export function scheduleInfoOf(row: ScheduleRow): ScheduleInfo {
  return {
    id: Number(row.id),
    name: row.name,
    graphId: row.graph_id,
    version: row.graph_version ?? 'latest',
    cron: row.cron,
    timezone: row.timezone,
    overlap: row.overlap as ScheduleInfo['overlap'],
    catchUp: { policy: row.catch_up as ScheduleInfo['catchUp']['policy'], limit: row.catch_up_limit },
    retries: { max: row.max_retries, baseMs: row.retry_base_ms, maxMs: row.retry_max_ms },
    alert: alertOf(row),
    alertThrottleMs: row.alert_throttle_ms,
    alertFormat: row.alert_format === 'slack' ? 'slack' : 'causeway',
    onDriftOf: row.on_drift_of,
    paused: row.paused,
    requireGraphTests: row.require_graph_tests,
    nextFireAt: row.next_fire_at === null ? null : new Date(row.next_fire_at).toISOString(),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function alertOf(row: ScheduleRow): ScheduleInfo['alert'] {
  if (row.alert_secret !== null) return { secret: row.alert_secret };
  return row.alert_url === null ? null : { origin: new URL(row.alert_url).origin };
}

/** `2026-11-27T09:00:00+05:30`: the instant as a wall-clock time in `zone`. */
export function localIso(at: number, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const offset = String(parts.timeZoneName ?? 'GMT')
    .replace(/^GMT$/, 'GMT+00:00')
    .slice(3);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
