import {
  createScheduleBody,
  scheduleIdParam as idParam,
  listSchedulesQuery,
  patchScheduleBody,
  type ScheduleOccurrence,
  scheduleHistoryPage,
  scheduleHistoryQuery,
  schedulePage,
  scheduleWithFireTimes,
} from '@causeway/contract';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { CronPlan } from '../schedules/cron-plan';
import { mergedScheduleInput, scheduleDefaults, scheduleInputOf } from '../schedules/schedule-api';
import { localIso, scheduleInfoOf } from '../schedules/schedule-info';
import { type ScheduleInput, SchedulesRepository } from '../schedules/schedules-repository';
import type { ScheduleRow } from '../schedules/tend-schedule';
import { actorOf } from './actor-of';

const shownFireTimes = 5;

const tags = ['schedules'];
const list = defineRoute('schedules:read', {
  method: 'get',
  path: '/',
  operationId: 'listSchedules',
  summary: 'List schedules',
  tags,
  request: { query: listSchedulesQuery },
  responses: {
    200: jsonResponse('A page of schedules', schedulePage),
  },
});
const create = defineRoute('schedules:write', {
  method: 'post',
  path: '/',
  operationId: 'createSchedule',
  summary: 'Create a schedule for a saved graph',
  tags,
  request: jsonBody(createScheduleBody),
  responses: { 201: jsonResponse('Created', scheduleWithFireTimes), ...errorResponses(404, 409) },
});
const get = defineRoute('schedules:read', {
  method: 'get',
  path: '/{id}',
  operationId: 'getSchedule',
  summary: 'A schedule with its next fire times',
  tags,
  request: { params: idParam },
  responses: { 200: jsonResponse('The schedule', scheduleWithFireTimes), ...errorResponses(404) },
});
const patch = defineRoute('schedules:write', {
  method: 'patch',
  path: '/{id}',
  operationId: 'updateSchedule',
  summary: 'Change some settings of a schedule',
  tags,
  request: { params: idParam, ...jsonBody(patchScheduleBody) },
  responses: { 200: jsonResponse('Changed', scheduleWithFireTimes), ...errorResponses(404) },
});
const remove = defineRoute('schedules:write', {
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteSchedule',
  summary: 'Delete a schedule and its history (its runs stay)',
  tags,
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404) },
});
const pause = defineRoute('schedules:write', {
  method: 'post',
  path: '/{id}/pause',
  operationId: 'pauseSchedule',
  summary: 'Pause: no new occurrences fire until resumed',
  tags,
  request: { params: idParam },
  responses: { 200: jsonResponse('Paused', scheduleWithFireTimes), ...errorResponses(404) },
});
const resume = defineRoute('schedules:write', {
  method: 'post',
  path: '/{id}/resume',
  operationId: 'resumeSchedule',
  summary: 'Resume from now on (occurrences while paused are not caught up)',
  tags,
  request: { params: idParam },
  responses: { 200: jsonResponse('Resumed', scheduleWithFireTimes), ...errorResponses(404) },
});
const history = defineRoute('schedules:read', {
  method: 'get',
  path: '/{id}/history',
  operationId: 'listScheduleHistory',
  summary: 'Occurrences, newest first, with their runs and statuses',
  tags,
  request: { params: idParam, query: scheduleHistoryQuery },
  responses: {
    200: jsonResponse('A page of occurrences', scheduleHistoryPage),
    ...errorResponses(404),
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
    const current = scheduleInputOf(await schedules.require(id));
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
      const input = mergedScheduleInput({ ...scheduleDefaults, graphId: body.graphId, cron: body.cron }, body);
      const { name: actor, role } = actorOf(c);
      const row = await schedules.create(name, input, actor, Date.now(), role);
      await audit.record({ actor, action: 'schedule.create', target: `schedule:${name}`, details: { id: row.id, graphId: input.graphId } });
      return c.json(show(row), 201);
    })
    .openapi(get, async (c) => c.json(show(await schedules.require(c.req.valid('param').id)), 200))
    .openapi(patch, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await change(id, actorOf(c).name, 'schedule.update', (current) => mergedScheduleInput(current, body));
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
      return c.json(page as { items: ScheduleOccurrence[]; total: number }, 200);
    });
}
