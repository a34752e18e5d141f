import {
  endpointNameParam,
  feedbackBody,
  feedbackReceipt,
  liveMetricsAnswer,
  liveMetricsQuery,
  requestLogPage,
  requestLogQuery,
} from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import { sql } from 'kysely';
import type { Endpoints } from '../endpoints/endpoints-runtime';
import { readLiveMetrics } from '../endpoints/live-metrics-read';
import type { PredictionFeedback } from '../endpoints/prediction-feedback';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';

const tags = ['endpoints'];
const params = endpointNameParam;

const feedback = defineRoute('endpoints:predict', {
  method: 'post',
  path: '/{name}/feedback',
  operationId: 'sendEndpointFeedback',
  summary: 'Send the real outcomes of predictions, by request id and row (idempotent: the first outcome for an id is kept)',
  tags,
  request: { params, ...jsonBody(feedbackBody) },
  responses: { 200: jsonResponse('Received', feedbackReceipt), ...errorResponses(404) },
});
const liveMetrics = defineRoute('endpoints:read', {
  method: 'get',
  path: '/{name}/live-metrics',
  operationId: 'getEndpointLiveMetrics',
  summary: 'Live performance from outcomes sent as feedback: per version per hour or day',
  tags,
  request: { params, query: liveMetricsQuery },
  responses: { 200: jsonResponse('Live metrics', liveMetricsAnswer), ...errorResponses(404) },
});
const requests = defineRoute('endpoints:read', {
  method: 'get',
  path: '/{name}/requests',
  operationId: 'listEndpointRequests',
  summary: 'Logged predictions, newest first, with their outcome when one was sent',
  tags,
  request: { params, query: requestLogQuery },
  responses: { 200: jsonResponse('Logged predictions', requestLogPage), ...errorResponses(404) },
});

const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;

/** Feedback on predictions, the live performance it gives, and the request log. */
export function endpointFeedbackRoutes(endpoints: Endpoints, outcomes: PredictionFeedback) {
  const existing = async (name: string) => {
    const state = await endpoints.states.get(name);
    if (state === undefined) throw new UserError('NOT_FOUND', `No endpoint named "${name}".`);
    return state;
  };
  return newRouter()
    .openapi(feedback, async (c) => {
      const state = await existing(c.req.valid('param').name);
      return c.json(await outcomes.receive(state, c.req.valid('json').outcomes), 200);
    })
    .openapi(liveMetrics, async (c) => {
      const state = await existing(c.req.valid('param').name);
      const q = c.req.valid('query');
      const until = q.until === undefined ? new Date() : new Date(q.until);
      const since = q.since === undefined ? new Date(until.getTime() - 7 * 86_400_000) : new Date(q.since);
      if (since > until) throw new UserError('REQUEST_INVALID', 'since: must not be after until.');
      const read = await readLiveMetrics(endpoints.db, state.name, { period: q.period, since, until, version: q.version });
      return c.json({ endpoint: state.name, period: q.period, ...read }, 200);
    })
    .openapi(requests, async (c) => {
      const state = await existing(c.req.valid('param').name);
      const q = c.req.valid('query');
      let query = endpoints.db
        .selectFrom('endpoint_samples as s')
        .leftJoin('endpoint_feedback as f', (j) =>
          j
            .onRef('f.endpoint_name', '=', 's.endpoint_name')
            .onRef('f.request_id', '=', 's.request_id')
            .onRef('f.row_index', '=', 's.row_index'),
        )
        .select(['s.id', 's.request_id', 's.row_index', 's.role', 's.version', 's.at', 's.input', 's.output', 'f.outcome'])
        .where('s.endpoint_name', '=', state.name)
        .orderBy('s.id', 'desc')
        .limit(q.limit + 1);
      if (q.before !== undefined) query = query.where(sql<boolean>`s.id < ${q.before}`);
      if (q.version !== undefined) query = query.where('s.version', '=', q.version);
      if (q.role !== undefined) query = query.where('s.role', '=', q.role);
      if (q.requestId !== undefined) query = query.where('s.request_id', '=', q.requestId);
      if (q.since !== undefined) query = query.where('s.at', '>=', sql<Date>`${q.since}::timestamptz`);
      if (q.until !== undefined) query = query.where('s.at', '<', sql<Date>`${q.until}::timestamptz`);
      const rows = await query.execute();
      const page = rows.slice(0, q.limit);
      const items = page.map((r) => ({
        id: Number(r.id),
        requestId: r.request_id,
        row: r.row_index,
        role: r.role,
        version: r.version,
        at: new Date(r.at).toISOString(),
        input: parsed(r.input),
        output: parsed(r.output),
        outcome: r.outcome === null || r.outcome === undefined ? null : (r.outcome as unknown),
      }));
      return c.json({ items, next: rows.length > q.limit ? Number(page[page.length - 1]?.id) : null }, 200);
    });
}
