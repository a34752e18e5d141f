import { createScheduleBody, patchScheduleBody } from '@causeway/contract';
import { describe, expect, it } from 'vitest';
import { createBodyOf, formOf, newScheduleForm, scheduleBodyOf } from './schedule-form';

const stored = {
  id: 4,
  name: 'nightly',
  graphId: 'churn-model',
  version: 3 as const,
  cron: '30 2 * * 1-5',
  timezone: 'Europe/Amsterdam',
  overlap: 'queue' as const,
  catchUp: { policy: 'once' as const, limit: 5 },
  retries: { max: 2, baseMs: 60_000, maxMs: 3_600_000 },
  alert: { secret: 'team-hook' },
  alertThrottleMs: 1_800_000,
  alertFormat: 'slack' as const,
  onDriftOf: 'churn',
  paused: false,
  requireGraphTests: false,
  nextFireAt: null,
  createdBy: 'ops',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the schedule form', () => {
  it('creates with every option, in the shape the contract takes', () => {
    const form = {
      ...newScheduleForm,
      name: ' nightly ',
      graphId: 'g',
      retries: '2',
      retryBaseSeconds: '1.5',
      alert: 'url' as const,
      alertUrl: ' https://hooks.example.com/x ',
    };
    const body = createBodyOf(form);
    expect(createScheduleBody.parse(body)).toEqual({
      name: 'nightly',
      graphId: 'g',
      version: 'latest',
      cron: '0 6 * * *',
      timezone: 'UTC',
      overlap: 'skip',
      catchUp: { policy: 'skip', limit: 10 },
      retries: { max: 2, baseMs: 1_500, maxMs: 3_600_000 },
      alertUrl: 'https://hooks.example.com/x',
      alertThrottleMs: 3_600_000,
      alertFormat: 'causeway',
      onDriftOf: null,
      paused: false,
      requireGraphTests: false,
    });
  });

  it('edits a stored schedule: the same values back, a kept alert untouched, a removed one cleared', () => {
    const form = formOf(stored);
    expect(form.alert).toBe('keep');
    const kept = patchScheduleBody.parse(scheduleBodyOf(form));
    expect(kept).toEqual({
      graphId: 'churn-model',
      version: 3,
      cron: '30 2 * * 1-5',
      timezone: 'Europe/Amsterdam',
      overlap: 'queue',
      catchUp: { policy: 'once', limit: 5 },
      retries: { max: 2, baseMs: 60_000, maxMs: 3_600_000 },
      alertThrottleMs: 1_800_000,
      alertFormat: 'slack',
      onDriftOf: 'churn',
      paused: false,
      requireGraphTests: false,
    });
    expect(scheduleBodyOf({ ...form, alertThrottleMinutes: '0' })).toMatchObject({ alertThrottleMs: 0 });
    expect(scheduleBodyOf({ ...form, alert: 'none' })).toMatchObject({ alertUrl: null, alertSecret: null });
    expect(scheduleBodyOf({ ...form, alert: 'secret', alertSecret: 'other' })).toMatchObject({ alertSecret: 'other' });
  });

  it('leaves a bad value for the server to name (a version that is not a number)', () => {
    const result = patchScheduleBody.safeParse(scheduleBodyOf({ ...formOf(stored), version: 'newest' }));
    expect(result.success).toBe(false);
  });
});
