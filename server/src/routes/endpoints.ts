import {
  canaryBody,
  createEndpointBody,
  endpointDetail,
  endpointHistory,
  endpointHistoryQuery,
  endpointList,
  endpointSchema,
  maxRowsPerRequest,
  endpointNameParam as nameParam,
  predictAnswer,
  predictBody,
  promoteBody,
  rollbackBody,
  samplingBody,
  shadowBody,
} from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import { sql } from 'kysely';
import { checkEndpointScope } from '../auth/endpoint-scope';
import type { EndpointState } from '../endpoints/endpoint-state';
import type { Endpoints } from '../endpoints/endpoints-runtime';
import { inputExample } from '../endpoints/input-example';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { actorOf } from './actor-of';

const tags = ['endpoints'];
const changeResponses = { 200: jsonResponse('Changed', endpointSchema), ...errorResponses(404, 409) };
const overrideNote = 'refused with 409 GATE_REFUSED or ENDPOINT_INPUT_MISMATCH unless overridden with a reason';

const list = defineRoute('endpoints:read', {
  method: 'get',
  path: '/',
  operationId: 'listEndpoints',
  summary: 'List model endpoints',
  tags,
  responses: { 200: jsonResponse('Endpoints', endpointList) },
});
const create = defineRoute('endpoints:write', {
  method: 'post',
  path: '/',
  operationId: 'createEndpoint',
  summary: 'Create an endpoint for a registered model (no version answers until one is promoted)',
  tags,
  request: jsonBody(createEndpointBody),
  responses: { 201: jsonResponse('Created', endpointSchema), ...errorResponses(404, 409) },
});
const get = defineRoute('endpoints:read', {
  method: 'get',
  path: '/{name}',
  operationId: 'getEndpoint',
  summary: 'An endpoint with its card, an input example and live figures',
  tags,
  request: { params: nameParam },
  responses: { 200: jsonResponse('Endpoint', endpointDetail), ...errorResponses(404) },
});
const remove = defineRoute('endpoints:write', {
  method: 'delete',
  path: '/{name}',
  operationId: 'deleteEndpoint',
  summary: 'Delete an endpoint with its history, stored requests and counts; it answers 404 from then on',
  tags,
  request: { params: nameParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404) },
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
  summary: `Make a version the one that answers (${overrideNote}); promoting the active version changes nothing`,
  tags,
  request: { params: nameParam, ...jsonBody(promoteBody) },
  responses: changeResponses,
});
const canary = defineRoute('endpoints:write', {
  method: 'post',
  path: '/{name}/canary',
  operationId: 'setEndpointCanary',
  summary: `Send a share of requests to a candidate version, optionally under a policy (${overrideNote}); version null stops it`,
  tags,
  request: { params: nameParam, ...jsonBody(canaryBody) },
  responses: changeResponses,
});
const shadow = defineRoute('endpoints:write', {
  method: 'post',
  path: '/{name}/shadow',
  operationId: 'setEndpointShadow',
  summary: `Score every request with a candidate too, logged and never returned (inputs ${overrideNote}); version null stops it`,
  tags,
  request: { params: nameParam, ...jsonBody(shadowBody) },
  responses: changeResponses,
});
const rollback = defineRoute('endpoints:write', {
  method: 'post',
  path: '/{name}/rollback',
  operationId: 'rollbackEndpoint',
  summary:
    'Go back to a version this endpoint served before (default: the production version before the current one), from the next request on',
  tags,
  request: { params: nameParam, ...jsonBody(rollbackBody) },
  responses: changeResponses,
});
const sampling = defineRoute('endpoints:write', {
  method: 'post',
  path: '/{name}/sampling',
  operationId: 'setEndpointSampling',
  summary: 'Set the share of requests stored for monitoring and how long samples are kept',
  tags,
  request: { params: nameParam, ...jsonBody(samplingBody) },
  responses: changeResponses,
});
const history = defineRoute('endpoints:read', {
  method: 'get',
  path: '/{name}/history',
  operationId: 'listEndpointHistory',
  summary: 'Changes of an endpoint, newest first: promotions, rollbacks, canary, shadow, sampling',
  tags,
  request: { params: nameParam, query: endpointHistoryQuery },
  responses: { 200: jsonResponse('History', endpointHistory), ...errorResponses(404) },
});

function toJson(s: EndpointState) {
  return {
    name: s.name,
    model: s.modelName,
    description: s.description,
    activeVersion: s.activeVersion,
    alias: s.alias,
    canary:
      s.canaryVersion === null
        ? null
        : {
            version: s.canaryVersion,
            percent: s.canaryPercent,
            policy: s.canaryPolicy,
            startedAt: s.canaryStartedAt?.toISOString() ?? null,
          },
    shadowVersion: s.shadowVersion,
    shadowTolerance: s.shadowTolerance,
    sampleRate: s.sampleRate,
    retentionDays: s.retentionDays,
    feedback: s.feedback,
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
    .openapi(remove, async (c) => {
      const { name } = c.req.valid('param');
      await changes.delete(name, { actor: actorOf(c).name });
      figures.forget(name);
      return c.body(null, 204);
    })
    .openapi(predict, async (c) => {
      checkEndpointScope(actorOf(c).endpoints, c.req.valid('param').name);
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
      const request = { actor: actorOf(c).name, override: body.override, reason: body.reason, policy: body.policy };
      const state = await changes.canary(c.req.valid('param').name, body.version, body.percent, request);
      return c.json(toJson(state), 200);
    })
    .openapi(shadow, async (c) => {
      const body = c.req.valid('json');
      const state = await changes.shadow(c.req.valid('param').name, body.version, {
        actor: actorOf(c).name,
        override: body.override,
        reason: body.reason,
        tolerance: body.tolerance,
      });
      return c.json(toJson(state), 200);
    })
    .openapi(rollback, async (c) => {
      const body = c.req.valid('json');
      const state = await changes.rollback(c.req.valid('param').name, body.version, {
        actor: actorOf(c).name,
        override: body.override,
        reason: body.reason,
      });
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
