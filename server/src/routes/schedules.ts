import { UserError } from '@causeway/sdk';
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse, pageQuery } from '../http/schemas';
import type { Services } from '../http/services';
import { CronPlan } from '../schedules/cron-plan';
import { localIso, scheduleInfoOf } from '../schedules/schedule-info';
import { type ScheduleInput, SchedulesRepository } from '../schedules/schedules-repository';
import type { ScheduleRow } from '../schedules/tend-schedule';
import { actorOf } from './actor-of';

const idParam = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const shownFireTimes = 5;

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
  paused: z.boolean(),
};
const defaults: Omit<ScheduleInput, 'graphId' | 'cron'> = {
  version: 'latest',
  timezone: 'UTC',
  overlap: 'skip',
  catchUp: { policy: 'skip', limit: 10 },
  retries: { max: 0, baseMs: 60_000, maxMs: 3_600_000 },
  alertUrl: null,
  alertSecret: null,
  paused: false,
};
const createBody = z
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
    paused: fields.paused.optional(),
  })
  .strict();
const patchBody = createBody.omit({ name: true }).partial().strict();

const scheduleSchema = z
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
    paused: z.boolean(),
    nextFireAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Schedule');
const withFireTimes = scheduleSchema.extend({
  nextFireTimes: z.array(z.object({ at: z.string(), local: z.string() })).describe('upcoming occurrences, in UTC and in the schedule zone'),
});
const occurrenceSchema = z
  .object({
    fireAt: z.string(),
    status: z.enum(['waiting', 'running', 'retrying', 'succeeded', 'failed', 'cancelled', 'skipped']),
    reason: z.string().nullable(),
    attempts: z.number(),
    retryAt: z.string().nullable(),
    firedBy: z.string(),
    finishedAt: z.string().nullable(),
    error: z.unknown(),
    alert: z.object({ status: z.string(), attempts: z.number(), error: z.string().nullable() }).nullable(),
    runs: z.array(z.object({ id: z.number(), attempt: z.number(), status: z.string(), graphVersion: z.number() })),
  })
  .openapi('ScheduleOccurrence');

const tags = ['schedules'];
const list = defineRoute('schedules:read', {
  method: 'get',
  path: '/',
  summary: 'List schedules',
  tags,
  request: { query: pageQuery.extend({ graphId: z.string().max(200).optional() }) },
  responses: {
    200: jsonResponse('A page of schedules', z.object({ items: z.array(scheduleSchema), total: z.number() })),
    ...errorResponses(400),
  },
});
const create = defineRoute('schedules:write', {
  method: 'post',
  path: '/',
  summary: 'Create a schedule for a saved graph',
  tags,
  request: jsonBody(createBody),
  responses: { 201: jsonResponse('Created', withFireTimes), ...errorResponses(400, 404, 409) },
});
const get = defineRoute('schedules:read', {
  method: 'get',
  path: '/{id}',
  summary: 'A schedule with its next fire times',
  tags,
  request: { params: idParam },
  responses: { 200: jsonResponse('The schedule', withFireTimes), ...errorResponses(400, 404) },
});
const patch = defineRoute('schedules:write', {
  method: 'patch',
  path: '/{id}',
  summary: 'Change some settings of a schedule',
  tags,
  request: { params: idParam, ...jsonBody(patchBody) },
  responses: { 200: jsonResponse('Changed', withFireTimes), ...errorResponses(400, 404) },
});
const remove = defineRoute('schedules:write', {
  method: 'delete',
  path: '/{id}',
  summary: 'Delete a schedule and its history (its runs stay)',
  tags,
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 404) },
});
const pause = defineRoute('schedules:write', {
  method: 'post',
  path: '/{id}/pause',
  summary: 'Pause: no new occurrences fire until resumed',
  tags,
  request: { params: idParam },
  responses: { 200: jsonResponse('Paused', withFireTimes), ...errorResponses(400, 404) },
});
const resume = defineRoute('schedules:write', {
  method: 'post',
  path: '/{id}/resume',
  summary: 'Resume from now on (occurrences while paused are not caught up)',
  tags,
  request: { params: idParam },
  responses: { 200: jsonResponse('Resumed', withFireTimes), ...errorResponses(400, 404) },
});
const history = defineRoute('schedules:read', {
  method: 'get',
  path: '/{id}/history',
  summary: 'Occurrences, newest first, with their runs and statuses',
  tags,
  request: { params: idParam, query: pageQuery.extend({ status: occurrenceSchema.shape.status.optional() }) },
  responses: {
    200: jsonResponse('A page of occurrences', z.object({ items: z.array(occurrenceSchema), total: z.number() })),
    ...errorResponses(400, 404),
  },
});

/** Schedules: CRUD, pause / resume, next fire times and history; every change is audited. */
export function scheduleRoutes(services: Services) {
  const schedules = new SchedulesRepository(services.db);
  const { audit } = services;
  const show = (row: ScheduleRow) => {
    const plan = new CronPlan(row.cron, row.timezone);
    const upcoming = row.paused ? [] : plan.upcoming(Date.now(), shownFireTimes);
    return {
      ...scheduleInfoOf(row),
      nextFireTimes: upcoming.map((at) => ({ at: new Date(at).toISOString(), local: localIso(at, row.timezone) })),
    };
  };
  const change = async (id: number, actor: string, action: string, edit: (current: ScheduleInput) => ScheduleInput, restart = false) => {
    const current = inputOf(await schedules.require(id));
    const next = edit(current);
    const row = await schedules.update(id, next, Date.now(), restart);
    const changed = Object.keys(next).filter(
      (k) => JSON.stringify(next[k as keyof ScheduleInput]) !== JSON.stringify(current[k as keyof ScheduleInput]),
    );
    await audit.record({ actor, action, target: `schedule:${row.name}`, details: { id, changed } });
    return row;
  };
  return newRouter()
    .openapi(list, async (c) => {
      const { limit, offset, graphId } = c.req.valid('query');
      const page = await schedules.list({ limit, offset, ...(graphId === undefined ? {} : { graphId }) });
      return c.json({ items: page.items.map(scheduleInfoOf), total: page.total }, 200);
    })
    .openapi(create, async (c) => {
      const { name, ...body } = c.req.valid('json');
      const input = merged({ ...defaults, graphId: body.graphId, cron: body.cron }, body);
      const actor = actorOf(c).name;
      const row = await schedules.create(name, input, actor, Date.now());
      await audit.record({ actor, action: 'schedule.create', target: `schedule:${name}`, details: { id: row.id, graphId: input.graphId } });
      return c.json(show(row), 201);
    })
    .openapi(get, async (c) => c.json(show(await schedules.require(c.req.valid('param').id)), 200))
    .openapi(patch, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await change(id, actorOf(c).name, 'schedule.update', (current) => merged(current, body));
      return c.json(show(row), 200);
    })
    .openapi(remove, async (c) => {
      const row = await schedules.delete(c.req.valid('param').id);
      await audit.record({ actor: actorOf(c).name, action: 'schedule.delete', target: `schedule:${row.name}`, details: { id: row.id } });
      return c.body(null, 204);
    })
    .openapi(pause, async (c) => {
      const row = await change(c.req.valid('param').id, actorOf(c).name, 'schedule.pause', (s) => ({ ...s, paused: true }));
      return c.json(show(row), 200);
    })
    .openapi(resume, async (c) => {
      const row = await change(c.req.valid('param').id, actorOf(c).name, 'schedule.resume', (s) => ({ ...s, paused: false }), true);
      return c.json(show(row), 200);
    })
    .openapi(history, async (c) => {
      const { id } = c.req.valid('param');
      const { limit, offset, status } = c.req.valid('query');
      const page = await schedules.history(id, { limit, offset, ...(status === undefined ? {} : { status }) });
      return c.json(page as { items: Array<z.infer<typeof occurrenceSchema>>; total: number }, 200);
    });
}

/** `base` with the given fields replaced; nested settings merge field by field. */
function merged(base: ScheduleInput, patch: z.infer<typeof patchBody>): ScheduleInput {
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
    paused: patch.paused ?? base.paused,
  };
}

function definedOf<T extends object>(value: T | undefined): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

function inputOf(row: ScheduleRow): ScheduleInput {
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
    paused: row.paused,
  };
}
