import {
  archivedModel,
  archiveModelBody,
  compareModelsQuery,
  decidePromotionBody,
  modelComparison,
  modelList,
  modelPolicy,
  modelPolicyBody,
  modelPromotionList,
  modelPromotionSchema,
  modelPromotionsQuery,
  modelWithVersions,
  modelNameParam as nameParam,
  setStageBody,
  stageChange,
  modelVersionParams as versionParams,
  modelVersionSchema as versionSchema,
} from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import { z } from '@hono/zod-openapi';
import type { ArtifactStore } from '../artifacts/artifact-store';
import { GraphTestsRepository } from '../graph-tests/graph-tests-repository';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { archiveModel } from '../models/archive-model';
import { ModelPromotions } from '../models/model-promotions';
import { ModelRegistry } from '../models/model-registry';
import { actorOf } from './actor-of';

const list = defineRoute('models:read', {
  method: 'get',
  path: '/',
  operationId: 'listModels',
  summary: 'Registered models with their latest, production and staging versions',
  tags: ['models'],
  responses: { 200: jsonResponse('Models', modelList), ...errorResponses(404) },
});
const get = defineRoute('models:read', {
  method: 'get',
  path: '/{name}',
  operationId: 'getModel',
  summary: 'A model and its versions, newest first',
  tags: ['models'],
  request: { params: nameParam },
  responses: { 200: jsonResponse('The model', modelWithVersions), ...errorResponses(404) },
});
const getVersion = defineRoute('models:read', {
  method: 'get',
  path: '/{name}/versions/{version}',
  operationId: 'getModelVersion',
  summary: 'One version: card, metrics, gate verdict, stage and the graph version and run that produced it',
  tags: ['models'],
  request: { params: versionParams },
  responses: { 200: jsonResponse('The version', versionSchema), ...errorResponses(404) },
});
const onnx = defineRoute('models:read', {
  method: 'get',
  path: '/{name}/versions/{version}/model.onnx',
  operationId: 'getModelFile',
  summary: 'The ONNX file of a version',
  tags: ['models'],
  request: { params: versionParams },
  responses: {
    200: { description: 'ONNX bytes', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...errorResponses(404),
  },
});
const setStage = defineRoute('models:write', {
  method: 'post',
  path: '/{name}/versions/{version}/stage',
  operationId: 'setModelVersionStage',
  summary: 'Move a version to a stage; production needs a passed gate or an audited override with a reason',
  tags: ['models'],
  request: {
    params: versionParams,
    ...jsonBody(setStageBody),
  },
  responses: {
    200: jsonResponse('Moved', stageChange),
    ...errorResponses(404, 409, 422),
  },
});
const setPolicy = defineRoute('models:write', {
  method: 'put',
  path: '/{name}/policy',
  operationId: 'setModelPolicy',
  summary: 'Set what a version needs before it is registered or promoted (creates the model when new): `requireGraphTests`',
  tags: ['models'],
  request: { params: nameParam, ...jsonBody(modelPolicyBody) },
  responses: { 200: jsonResponse('The policy', modelPolicy), ...errorResponses(404) },
});
const getPolicy = defineRoute('models:read', {
  method: 'get',
  path: '/{name}/policy',
  operationId: 'getModelPolicy',
  summary: 'What a version needs before it is registered or promoted',
  tags: ['models'],
  request: { params: nameParam },
  responses: { 200: jsonResponse('The policy', modelPolicy), ...errorResponses(404) },
});
const archive = defineRoute('models:write', {
  method: 'post',
  path: '/{name}/archive',
  operationId: 'archiveModel',
  summary: 'Archive a model: every version goes to archived (audited); refused while an endpoint serves it',
  tags: ['models'],
  request: { params: nameParam, ...jsonBody(archiveModelBody) },
  responses: { 200: jsonResponse('Archived', archivedModel), ...errorResponses(404, 409) },
});
const compare = defineRoute('models:read', {
  method: 'get',
  path: '/{name}/compare',
  operationId: 'compareModelVersions',
  summary: 'Two versions side by side: metrics with deltas (b − a) and card differences',
  tags: ['models'],
  request: { params: nameParam, query: compareModelsQuery },
  responses: { 200: jsonResponse('The comparison', modelComparison), ...errorResponses(404) },
});

const promotions = defineRoute('models:read', {
  method: 'get',
  path: '/promotions',
  operationId: 'listModelPromotions',
  summary: 'Promotions retraining runs asked for; `awaiting=true` keeps those waiting for an ops approval',
  tags: ['models'],
  request: { query: modelPromotionsQuery },
  responses: { 200: jsonResponse('Promotions, oldest first', modelPromotionList), ...errorResponses(404) },
});
const approve = defineRoute('models:write', {
  method: 'post',
  path: '/{name}/versions/{version}/approve',
  operationId: 'approveModelPromotion',
  summary: 'Approve a pending promotion: the version goes to production (its gate must have passed); audited',
  tags: ['models'],
  request: { params: versionParams, ...jsonBody(decidePromotionBody) },
  responses: { 200: jsonResponse('Approved', modelPromotionSchema), ...errorResponses(404, 409, 422) },
});
const reject = defineRoute('models:write', {
  method: 'post',
  path: '/{name}/versions/{version}/reject',
  operationId: 'rejectModelPromotion',
  summary: 'Reject a pending promotion: the version stays where it is; audited',
  tags: ['models'],
  request: { params: versionParams, ...jsonBody(decidePromotionBody) },
  responses: { 200: jsonResponse('Rejected', modelPromotionSchema), ...errorResponses(404, 409) },
});

/** The model registry: models, immutable versions, their ONNX files, stages (audited) and comparisons. */
export function modelRoutes(services: Services, artifacts: ArtifactStore | undefined) {
  const { db, audit } = services;
  const registry = (): ModelRegistry => {
    if (artifacts === undefined) throw new UserError('NOT_FOUND', 'This server keeps no model files.');
    return new ModelRegistry(db, artifacts);
  };
  const promotionsOf = () => new ModelPromotions(db, registry(), audit, services.logger);
  return newRouter()
    .openapi(list, async (c) => c.json({ items: await registry().list() }, 200))
    .openapi(promotions, async (c) => {
      const { awaiting } = c.req.valid('query');
      return c.json({ items: await promotionsOf().list({ awaiting: awaiting === 'true' }) }, 200);
    })
    .openapi(approve, async (c) => {
      const { name, version } = c.req.valid('param');
      return c.json(await promotionsOf().approve(name, version, actorOf(c).name, c.req.valid('json').reason), 200);
    })
    .openapi(reject, async (c) => {
      const { name, version } = c.req.valid('param');
      return c.json(await promotionsOf().reject(name, version, actorOf(c).name, c.req.valid('json').reason), 200);
    })
    .openapi(get, async (c) => {
      const { name } = c.req.valid('param');
      const models = registry();
      const [model, versions] = await Promise.all([models.get(name), models.versions(name)]);
      const statuses = await new GraphTestsRepository(db).statuses(versions);
      const items = versions.map((v) => ({ ...v, graphTests: statuses.get(`${v.graphId}@${v.graphVersion}`) ?? null }));
      return c.json({ ...model, items }, 200);
    })
    .openapi(getVersion, async (c) => {
      const { name, version } = c.req.valid('param');
      return c.json(await registry().version(name, version), 200);
    })
    .openapi(onnx, async (c) => {
      const { name, version } = c.req.valid('param');
      const bytes = await registry().readOnnx(name, version);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${name}-v${version}.onnx"`,
      });
    })
    .openapi(setStage, async (c) => {
      const { name, version } = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = actorOf(c);
      const change = await registry().setStage(name, version, body.stage, { override: body.override, actor: actor.name });
      // An override is recorded only when it was needed: the gate had not passed.
      const overridden = body.stage === 'production' && change.previousStage !== 'production' && change.version.gate?.passed !== true;
      services.logger.info('model stage changed', {
        model: name,
        version,
        stage: body.stage,
        previousStage: change.previousStage,
        archived: change.archived,
        actor: actor.name,
        ...(overridden ? { override: true, reason: body.reason } : {}),
      });
      await audit.record({
        actor: actor.name,
        action: overridden ? 'model.stage.override' : 'model.stage',
        target: `model:${name}:${version}`,
        details: {
          stage: body.stage,
          previousStage: change.previousStage,
          archived: change.archived,
          ...(overridden ? { override: true, reason: body.reason, gate: change.version.gate } : {}),
        },
      });
      return c.json(change, 200);
    })
    .openapi(setPolicy, async (c) => {
      const { name } = c.req.valid('param');
      const { requireGraphTests } = c.req.valid('json');
      const actor = actorOf(c);
      await db
        .insertInto('models')
        .values({ name, created_by: actor.name, require_graph_tests: requireGraphTests })
        .onConflict((oc) => oc.column('name').doUpdateSet({ require_graph_tests: requireGraphTests }))
        .execute();
      await audit.record({ actor: actor.name, action: 'model.policy', target: `model:${name}`, details: { requireGraphTests } });
      return c.json({ name, requireGraphTests }, 200);
    })
    .openapi(getPolicy, async (c) => {
      const { name } = c.req.valid('param');
      const row = await db.selectFrom('models').select('require_graph_tests').where('name', '=', name).executeTakeFirst();
      if (row === undefined) throw new UserError('MODEL_VERSION_UNKNOWN', `No model named "${name}" is registered.`);
      return c.json({ name, requireGraphTests: row.require_graph_tests }, 200);
    })
    .openapi(archive, async (c) => {
      const { name } = c.req.valid('param');
      const actor = actorOf(c);
      const archived = await archiveModel(db, name);
      const reason = c.req.valid('json').reason ?? '';
      services.logger.info('model archived', { model: name, versions: archived.archivedVersions, actor: actor.name });
      await audit.record({
        actor: actor.name,
        action: 'model.archive',
        target: `model:${name}`,
        details: { archivedVersions: archived.archivedVersions, reason },
      });
      return c.json({ name, archivedAt: archived.archivedAt.toISOString(), archivedVersions: archived.archivedVersions }, 200);
    })
    .openapi(compare, async (c) => {
      const { name } = c.req.valid('param');
      const { a, b } = c.req.valid('query');
      return c.json(await registry().compare(name, a, b), 200);
    });
}
