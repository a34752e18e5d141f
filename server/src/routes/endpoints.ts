import { UserError } from '@causeway/sdk';
import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { EndpointState } from '../endpoints/endpoint-state';
import type { Endpoints } from '../endpoints/endpoints-runtime';
import { inputExample } from '../endpoints/input-example';
import { maxRowsPerRequest, predictBody } from '../endpoints/request-feeds';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse, pageQuery } from '../http/schemas';
import type { Services } from '../http/services';
import { actorOf } from './actor-of';

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'an endpoint name is a letter or digit, then letters, digits, _ . -');
const nameParam = z.object({ name });
const version = z.number().int().min(1).max(2_147_483_647);
const overrideFields = {
  override: z.boolean().default(false).describe('Serve the version although its gate did not pass (ops); needs a reason.'),
  reason: z.string().trim().max(2_000).optional().describe('Why: recorded in the history and the audit log.'),
};

const endpointSchema = z
  .object({
    name: z.string(),
    model: z.string(),
    description: z.string(),
    activeVersion: z.number().nullable(),
    canary: z.object({ version: z.number(), percent: z.number() }).nullable(),
    shadowVersion: z.number().nullable(),
    sampleRate: z.number(),
    retentionDays: z.number(),
    revision: z.number(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Endpoint');

const detailSchema = endpointSchema
  .extend({
    card: z
      .unknown()
      .describe('The model card of the active version: features with types and training statistics, target, classes, metrics.'),
    inputExample: z.record(z.string(), z.unknown()).nullable().describe('A typical row, from the training statistics.'),
    live: z.unknown().describe('This process: requests, errors, rows, latency p50/p95/p99 (ms), requests per version, shadow figures.'),
    totals: z.object({ requests: z.number(), errors: z.number(), rows: z.number() }).describe('Every process, from stored counts.'),
  })
  .openapi('EndpointDetail');

const changeSchema = z
  .object({
    id: z.number(),
    kind: z.string(),
    fromVersion: z.number().nullable(),
    toVersion: z.number().nullable(),
    override: z.boolean(),
    reason: z.string(),
    details: z.record(z.string(), z.unknown()),
    actor: z.string(),
    at: z.string(),
  })
  .openapi('EndpointChange');

const predictAnswer = z
  .object({
    endpoint: z.string(),
    model: z.string(),
    version: z.number().describe('The version that answered.'),
    requestId: z.string(),
    predictions: z.array(z.unknown()),
    probabilities: z.array(z.record(z.string(), z.number())).optional().describe('Classifiers: each class’s probability, per row.'),
    outputs: z.record(z.string(), z.array(z.unknown())).optional(),
  })
  .openapi('PredictAnswer');

const tags = ['endpoints'];
const changeResponses = { 200: jsonResponse('Changed', endpointSchema), ...errorResponses(404, 409) };

const list = defineRoute('endpoints:read', {
  method: 'get',
  path: '/',
  operationId: 'listEndpoints',
  summary: 'List model endpoints',
  tags,
  responses: { 200: jsonResponse('Endpoints', z.object({ items: z.array(endpointSchema) })) },
});
const create = defineRoute('endpoints:write', {
  method: 'post',
  path: '/',
  operationId: 'createEndpoint',
  summary: 'Create an endpoint for a registered model (no version answers until one is promoted)',
  tags,
  request: jsonBody(
    z
      .object({
        name,
        model: z.string().min(1).max(200),
        description: z.string().max(2_000).default(''),
        sampleRate: z.number().min(0).max(1).default(0.05),
        retentionDays: z.number().int().min(1).max(3650).default(30),
      })
      .strict(),
  ),
  responses: { 201: jsonResponse('Created', endpointSchema), ...errorResponses(404, 409) },
});
const get = defineRoute('endpoints:read', {
  method: 'get',
  path: '/{name}',
  operationId: 'getEndpoint',
  summary: 'An endpoint with its card, an input example and live figures',
  tags,
  request: { params: nameParam },
  responses: { 200: jsonResponse('Endpoint', detailSchema), ...errorResponses(404) },
});
const predict = defineRoute('endpoints:predict', {
  method: 'post',
  path: '/{name}/predict',
  operationId: 'predict',
  summary: `Score rows (records or columns, at most ${maxRowsPerRequest}) with the version the endpoint serves`,
  tags,
  request: { params: nameParam, ...jsonBody(predictBody) },
  responses: {
    200: jsonResponse('Predictions', predictAnswer),
    ...errorResponses(404, 409, 422),
  },
});
const promote = defineRoute('endpoints:write', {
  method: 'post',
  path: '/{name}/promote',
  operationId: 'promoteEndpointVersion',
  summary: 'Make a version the one that answers (its gate must have passed, or override with a reason)',
  tags,
  request: { params: nameParam, ...jsonBody(z.object({ version, ...overrideFields }).strict()) },
  responses: changeResponses,
});
const canary = defineRoute('endpoints:write', {
  method: 'post',
  path: '/{name}/canary',
  operationId: 'setEndpointCanary',
  summary: 'Send a share of requests to a candidate version (version null stops the canary)',
  tags,
  request: {
    params: nameParam,
    ...jsonBody(z.object({ version: version.nullable(), percent: z.number().min(0).max(100).default(10), ...overrideFields }).strict()),
  },
  responses: changeResponses,
});
const shadow = defineRoute('endpoints:write', {
  method: 'post',
  path: '/{name}/shadow',
  operationId: 'setEndpointShadow',
  summary: 'Score every request with a candidate too, logged and never returned (version null stops it)',
  tags,
  request: { params: nameParam, ...jsonBody(z.object({ version: version.nullable() }).strict()) },
  responses: changeResponses,
});
const rollback = defineRoute('endpoints:write', {
  method: 'post',
  path: '/{name}/rollback',
  operationId: 'rollbackEndpoint',
  summary: 'Go back to a version this endpoint served before (default: the previous one), from the next request on',
  tags,
  request: {
    params: nameParam,
    ...jsonBody(z.object({ version: version.optional(), reason: z.string().trim().max(2_000).optional() }).strict()),
  },
  responses: changeResponses,
});
const sampling = defineRoute('endpoints:write', {
  method: 'post',
  path: '/{name}/sampling',
  operationId: 'setEndpointSampling',
  summary: 'Set the share of requests stored for monitoring and how long samples are kept',
  tags,
  request: {
    params: nameParam,
    ...jsonBody(
      z.object({ sampleRate: z.number().min(0).max(1).optional(), retentionDays: z.number().int().min(1).max(3650).optional() }).strict(),
    ),
  },
  responses: changeResponses,
});
const history = defineRoute('endpoints:read', {
  method: 'get',
  path: '/{name}/history',
  operationId: 'listEndpointHistory',
  summary: 'Changes of an endpoint, newest first: promotions, rollbacks, canary, shadow, sampling',
  tags,
  request: { params: nameParam, query: pageQuery },
  responses: { 200: jsonResponse('History', z.object({ items: z.array(changeSchema) })), ...errorResponses(404) },
});

function toJson(s: EndpointState) {
  return {
    name: s.name,
    model: s.modelName,
    description: s.description,
    activeVersion: s.activeVersion,
    canary: s.canaryVersion === null ? null : { version: s.canaryVersion, percent: s.canaryPercent },
    shadowVersion: s.shadowVersion,
    sampleRate: s.sampleRate,
    retentionDays: s.retentionDays,
    revision: s.revision,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** Model endpoints: serving with canary and shadow versions, promotion behind the gate, rollback, history, live figures. */
export function endpointRoutes(services: Services, endpoints: Endpoints) {
  const { changes, repository, predictor, figures, versions } = endpoints;
  const existing = async (endpoint: string) => {
    const state = await repository.get(endpoint);
    if (state === undefined) throw new UserError('NOT_FOUND', `No endpoint named "${endpoint}".`);
    return state;
  };
  return newRouter()
    .openapi(list, async (c) => c.json({ items: (await repository.list()).map(toJson) }, 200))
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const state = await changes.create({ ...body, modelName: body.model, actor: actorOf(c).name });
      return c.json(toJson(state), 201);
    })
    .openapi(get, async (c) => {
      const state = await existing(c.req.valid('param').name);
      const info = state.activeVersion === null ? undefined : await versions.info(state.modelName, state.activeVersion);
      const totals = await services.db
        .selectFrom('endpoint_counts')
        .select([
          sql<number>`coalesce(sum(requests), 0)::float8`.as('requests'),
          sql<number>`coalesce(sum(errors), 0)::float8`.as('errors'),
          sql<number>`coalesce(sum(rows), 0)::float8`.as('rows'),
        ])
        .where('endpoint_name', '=', state.name)
        .executeTakeFirstOrThrow();
      return c.json(
        {
          ...toJson(state),
          card: info?.card ?? null,
          inputExample: info ? inputExample(info.card) : null,
          live: figures.live(state.name),
          totals: { requests: Number(totals.requests), errors: Number(totals.errors), rows: Number(totals.rows) },
        },
        200,
      );
    })
    .openapi(predict, async (c) => {
      const answer = await predictor.predict(c.req.valid('param').name, c.req.valid('json'));
      return c.json(answer, 200);
    })
    .openapi(promote, async (c) => {
      const body = c.req.valid('json');
      const state = await changes.promote(c.req.valid('param').name, body.version, {
        actor: actorOf(c).name,
        override: body.override,
        reason: body.reason,
      });
      return c.json(toJson(state), 200);
    })
    .openapi(canary, async (c) => {
      const body = c.req.valid('json');
      const request = { actor: actorOf(c).name, override: body.override, reason: body.reason };
      const state = await changes.canary(c.req.valid('param').name, body.version, body.percent, request);
      return c.json(toJson(state), 200);
    })
    .openapi(shadow, async (c) => {
      const state = await changes.shadow(c.req.valid('param').name, c.req.valid('json').version, { actor: actorOf(c).name });
      return c.json(toJson(state), 200);
    })
    .openapi(rollback, async (c) => {
      const body = c.req.valid('json');
      const state = await changes.rollback(c.req.valid('param').name, body.version, { actor: actorOf(c).name, reason: body.reason });
      return c.json(toJson(state), 200);
    })
    .openapi(sampling, async (c) => {
      const state = await changes.sampling(c.req.valid('param').name, c.req.valid('json'), { actor: actorOf(c).name });
      return c.json(toJson(state), 200);
    })
    .openapi(history, async (c) => {
      const state = await existing(c.req.valid('param').name);
      const items = await repository.history(state.name, c.req.valid('query'));
      return c.json({ items: items.map((i) => ({ ...i, at: i.at.toISOString() })) }, 200);
    });
}
