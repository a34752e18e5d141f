import { z } from 'zod';
import { integerParam, pageOf, pageQuery, storedErrorSchema } from './common';

// The schedules API's bodies and answers.

export const scheduleIdParam = z.object({ id: integerParam(1, Number.MAX_SAFE_INTEGER) });

const fields = {
  graphId: z.string().min(1).max(200),
  version: z.union([z.number().int().min(1).max(2_147_483_647), z.literal('latest')]),
  cron: z.string().min(1).max(200).describe('five fields: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1-5"'),
  timezone: z.string().min(1).max(100).describe('IANA time zone the cron is read in'),
  overlap: z.enum(['skip', 'queue']).describe('when the previous run is still going: skip this occurrence or queue it'),
  catchUp: z
    .object({ policy: z.enum(['skip', 'once', 'all']), limit: z.number().int().min(1).max(1_000) })
    .strict()
    .describe('occurrences missed while no scheduler ran: run none, the latest once, or all (the latest `limit`)'),
  retries: z
    .object({
      max: z.number().int().min(0).max(20),
      baseMs: z.number().int().min(1_000).max(86_400_000),
      maxMs: z.number().int().min(1_000).max(86_400_000),
    })
    .strict()
    .describe('a failed run is retried `max` times, after baseMs·2^(n-1) (capped at maxMs) with jitter'),
  alertUrl: z
    .url({ protocol: /^https?$/ })
    .max(2_000)
    .nullable()
    .describe('webhook that gets a JSON POST when an occurrence fails after its retries'),
  alertSecret: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/, 'a secret name')
    .nullable()
    .describe('or: the name of a secret whose value is the webhook URL (kept encrypted)'),
  alertThrottleMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .describe('at most one failure alert per this many ms (default one hour); 0 alerts every failure'),
  alertFormat: z
    .enum(['causeway', 'slack'])
    .describe('causeway: the structured body (with a `text` line); slack: only `{ text }`, for strict chat webhooks'),
  onDriftOf: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'an endpoint name')
    .nullable()
    .describe(
      'also fire when a drift check of this endpoint fails (a run of a graph reading its requests whose validate.drift node failed)',
    ),
  paused: z.boolean(),
  requireGraphTests: z
    .boolean()
    .describe(
      'a graph version this schedule has not run yet runs only once its tests passed on the server; else the occurrence fails with SCHEDULE_TESTS_REQUIRED',
    ),
};
export const createScheduleBody = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'a schedule name is letters, digits, _ . - (up to 100)'),
    graphId: fields.graphId,
    cron: fields.cron,
    version: fields.version.optional(),
    timezone: fields.timezone.optional(),
    overlap: fields.overlap.optional(),
    catchUp: fields.catchUp.partial().optional(),
    retries: fields.retries.partial().optional(),
    alertUrl: fields.alertUrl.optional(),
    alertSecret: fields.alertSecret.optional(),
    alertThrottleMs: fields.alertThrottleMs.optional(),
    alertFormat: fields.alertFormat.optional(),
    onDriftOf: fields.onDriftOf.optional(),
    paused: fields.paused.optional(),
    requireGraphTests: fields.requireGraphTests.optional(),
  })
  .strict();
export const patchScheduleBody = createScheduleBody.omit({ name: true }).partial().strict();

export const scheduleSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    graphId: z.string(),
    version: z.union([z.number(), z.literal('latest')]),
    cron: z.string(),
    timezone: z.string(),
    overlap: z.enum(['skip', 'queue']),
    catchUp: z.object({ policy: z.enum(['skip', 'once', 'all']), limit: z.number() }),
    retries: z.object({ max: z.number(), baseMs: z.number(), maxMs: z.number() }),
    alert: z.union([z.object({ origin: z.string() }), z.object({ secret: z.string() })]).nullable(),
    alertThrottleMs: z.number(),
    alertFormat: z.enum(['causeway', 'slack']),
    onDriftOf: z.string().nullable(),
    paused: z.boolean(),
    requireGraphTests: z.boolean(),
    nextFireAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Schedule' });
export const scheduleWithFireTimes = scheduleSchema.extend({
  nextFireTimes: z.array(z.object({ at: z.string(), local: z.string() })).describe('upcoming occurrences, in UTC and in the schedule zone'),
});
export const occurrenceSchema = z
  .object({
    fireAt: z.string(),
    status: z.enum(['waiting', 'running', 'retrying', 'succeeded', 'failed', 'cancelled', 'skipped']),
    reason: z.string().nullable(),
    attempts: z.number(),
    retryAt: z.string().nullable(),
    firedBy: z.string(),
    finishedAt: z.string().nullable(),
    error: storedErrorSchema.nullable(),
    alert: z.object({ status: z.string(), attempts: z.number(), error: z.string().nullable() }).nullable(),
    runs: z.array(z.object({ id: z.number(), attempt: z.number(), status: z.string(), graphVersion: z.number() })),
  })
  .meta({ id: 'ScheduleOccurrence' });
export const listSchedulesQuery = pageQuery.extend({ graphId: z.string().max(200).optional() });
export const schedulePage = pageOf(scheduleSchema);
export const scheduleHistoryQuery = pageQuery.extend({ status: occurrenceSchema.shape.status.optional() });
export const scheduleHistoryPage = pageOf(occurrenceSchema);
