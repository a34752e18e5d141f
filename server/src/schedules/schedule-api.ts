import type { patchScheduleBody } from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import type { z } from 'zod';
import type { ScheduleInput } from './schedules-repository';
import type { ScheduleRow } from './tend-schedule';

// How a schedules API body (declared in @causeway/contract) becomes a schedule's settings.

export const scheduleDefaults: Omit<ScheduleInput, 'graphId' | 'cron'> = {
  version: 'latest',
  timezone: 'UTC',
  overlap: 'skip',
  catchUp: { policy: 'skip', limit: 10 },
  retries: { max: 0, baseMs: 60_000, maxMs: 3_600_000 },
  alertUrl: null,
  alertSecret: null,
  alertThrottleMs: 3_600_000,
  alertFormat: 'causeway',
  onDriftOf: null,
  paused: false,
  requireGraphTests: false,
};
/** `base` with the given fields replaced; nested settings merge field by field. */
export function mergedScheduleInput(base: ScheduleInput, patch: z.infer<typeof patchScheduleBody>): ScheduleInput {
  if (patch.alertUrl && patch.alertSecret) {
    throw new UserError('REQUEST_INVALID', 'alertUrl, alertSecret: give one way of alerting, not both.', {
      details: { fields: ['alertUrl', 'alertSecret'] },
    });
  }
  return {
    graphId: patch.graphId ?? base.graphId,
    version: patch.version ?? base.version,
    cron: patch.cron ?? base.cron,
    timezone: patch.timezone ?? base.timezone,
    overlap: patch.overlap ?? base.overlap,
    catchUp: { ...base.catchUp, ...definedOf(patch.catchUp) },
    retries: { ...base.retries, ...definedOf(patch.retries) },
    // Setting one way of alerting replaces the other.
    alertUrl: patch.alertUrl === undefined ? (patch.alertSecret ? null : base.alertUrl) : patch.alertUrl,
    alertSecret: patch.alertSecret === undefined ? (patch.alertUrl ? null : base.alertSecret) : patch.alertSecret,
    alertThrottleMs: patch.alertThrottleMs ?? base.alertThrottleMs,
    alertFormat: patch.alertFormat ?? base.alertFormat,
    onDriftOf: patch.onDriftOf === undefined ? (base.onDriftOf ?? null) : patch.onDriftOf,
    paused: patch.paused ?? base.paused,
    requireGraphTests: patch.requireGraphTests ?? base.requireGraphTests,
  };
}

function definedOf<T extends object>(value: T | undefined): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** A stored schedule's settings, in the shape the API takes them. */
export function scheduleInputOf(row: ScheduleRow): ScheduleInput {
  return {
    graphId: row.graph_id,
    version: row.graph_version ?? 'latest',
    cron: row.cron,
    timezone: row.timezone,
    overlap: row.overlap as ScheduleInput['overlap'],
    catchUp: { policy: row.catch_up as ScheduleInput['catchUp']['policy'], limit: row.catch_up_limit },
    retries: { max: row.max_retries, baseMs: row.retry_base_ms, maxMs: row.retry_max_ms },
    alertUrl: row.alert_url,
    alertSecret: row.alert_secret,
    alertThrottleMs: row.alert_throttle_ms,
    alertFormat: row.alert_format === 'slack' ? 'slack' : 'causeway',
    onDriftOf: row.on_drift_of,
    paused: row.paused,
    requireGraphTests: row.require_graph_tests,
  };
}
