import type { createScheduleBody, patchScheduleBody, Schedule } from '@causeway/contract';
import type { z } from 'zod';

/** How a schedule alerts, as its form offers it. `keep` leaves a stored webhook as it is (its URL is never shown). */
export type AlertMode = 'keep' | 'none' | 'url' | 'secret';

/** A schedule's form: text as typed; {@link scheduleBodyOf} turns it into the API's body. */
export interface ScheduleFormState {
  name: string;
  graphId: string;
  version: string;
  cron: string;
  timezone: string;
  overlap: 'skip' | 'queue';
  catchUp: 'skip' | 'once' | 'all';
  catchUpLimit: string;
  retries: string;
  retryBaseSeconds: string;
  retryMaxSeconds: string;
  alert: AlertMode;
  alertUrl: string;
  alertSecret: string;
  /** Minutes between failure alerts; 0 alerts every failure. */
  alertThrottleMinutes: string;
  alertFormat: 'causeway' | 'slack';
  /** An endpoint whose failed drift checks also fire the schedule; empty: the cron only. */
  onDriftOf: string;
  paused: boolean;
  /** A graph version the schedule has not run yet runs only once its tests passed. */
  requireGraphTests: boolean;
}

export const newScheduleForm: ScheduleFormState = {
  name: '',
  graphId: '',
  version: 'latest',
  cron: '0 6 * * *',
  timezone: 'UTC',
  overlap: 'skip',
  catchUp: 'skip',
  catchUpLimit: '10',
  retries: '0',
  retryBaseSeconds: '60',
  retryMaxSeconds: '3600',
  alert: 'none',
  alertUrl: '',
  alertSecret: '',
  alertThrottleMinutes: '60',
  alertFormat: 'causeway',
  onDriftOf: '',
  paused: false,
  requireGraphTests: false,
};

/** The form of a stored schedule, for editing. */
export function formOf(s: Schedule): ScheduleFormState {
  return {
    name: s.name,
    graphId: s.graphId,
    version: String(s.version),
    cron: s.cron,
    timezone: s.timezone,
    overlap: s.overlap,
    catchUp: s.catchUp.policy,
    catchUpLimit: String(s.catchUp.limit),
    retries: String(s.retries.max),
    retryBaseSeconds: String(s.retries.baseMs / 1000),
    retryMaxSeconds: String(s.retries.maxMs / 1000),
    alert: s.alert === null ? 'none' : 'keep',
    alertUrl: '',
    alertSecret: s.alert !== null && 'secret' in s.alert ? s.alert.secret : '',
    alertThrottleMinutes: String(s.alertThrottleMs / 60_000),
    alertFormat: s.alertFormat,
    onDriftOf: s.onDriftOf ?? '',
    paused: s.paused,
    requireGraphTests: s.requireGraphTests,
  };
}

type Patch = z.input<typeof patchScheduleBody>;

/** The body of a PATCH (or, with the name, a create): every field of the form; the server says which value is wrong. */
export function scheduleBodyOf(f: ScheduleFormState): Patch {
  const alert: Pick<Patch, 'alertUrl' | 'alertSecret'> =
    f.alert === 'none'
      ? { alertUrl: null, alertSecret: null }
      : f.alert === 'url'
        ? { alertUrl: f.alertUrl.trim() }
        : f.alert === 'secret'
          ? { alertSecret: f.alertSecret.trim() }
          : {};
  return {
    graphId: f.graphId,
    version: f.version === 'latest' ? 'latest' : Number(f.version),
    cron: f.cron.trim(),
    timezone: f.timezone.trim(),
    overlap: f.overlap,
    catchUp: { policy: f.catchUp, limit: Number(f.catchUpLimit) },
    retries: {
      max: Number(f.retries),
      baseMs: Math.round(Number(f.retryBaseSeconds) * 1000),
      maxMs: Math.round(Number(f.retryMaxSeconds) * 1000),
    },
    ...alert,
    alertThrottleMs: Math.round(Number(f.alertThrottleMinutes) * 60_000),
    alertFormat: f.alertFormat,
    onDriftOf: f.onDriftOf.trim() === '' ? null : f.onDriftOf.trim(),
    paused: f.paused,
    requireGraphTests: f.requireGraphTests,
  };
}

/** The body that creates the schedule the form describes. */
export function createBodyOf(f: ScheduleFormState): z.input<typeof createScheduleBody> {
  const { alertUrl, alertSecret, ...rest } = scheduleBodyOf(f);
  // A new schedule has no alert to clear: send only the way of alerting chosen.
  return {
    name: f.name.trim(),
    ...rest,
    graphId: f.graphId,
    cron: f.cron.trim(),
    ...(alertUrl ? { alertUrl } : {}),
    ...(alertSecret ? { alertSecret } : {}),
  };
}
