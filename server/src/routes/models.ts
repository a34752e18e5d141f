import { UserError } from '@causeway/sdk';
import { z } from '@hono/zod-openapi';
import type { ArtifactStore } from '../artifacts/artifact-store';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, integerParam, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { ModelRegistry, modelNamePattern } from '../models/model-registry';
import { actorOf } from './actor-of';

const nameParam = z.object({ name: z.string().regex(modelNamePattern, 'a model name: letters, digits, ".", "_" or "-"') });
const versionNumber = integerParam(1, 2_147_483_647);
const versionParams = nameParam.extend({ version: versionNumber });
const stage = z.enum(['none', 'staging', 'production', 'archived']);

const gateSchema = z.object({ passed: z.boolean(), reason: z.string() }).nullable();
const versionSchema = z
  .object({
    name: z.string(),
    version: z.number(),
    stage,
    artifactHash: z.string(),
    card: z.unknown(),
    metrics: z.record(z.string(), z.number()),
    gate: gateSchema,
    graphId: z.string().nullable(),
    graphVersion: z.number().nullable(),
    runId: z.number().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ModelVersion');
const summarySchema = z
  .object({
    name: z.string(),
    description: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    versions: z.number(),
    latestVersion: z.number().nullable(),
    productionVersion: z.number().nullable(),
    stagingVersions: z.array(z.number()),
  })
  .openapi('ModelSummary');

const list = defineRoute('models:read', {
  method: 'get',
  path: '/',
  operationId: 'listModels',
  summary: 'Registered models with their latest, production and staging versions',
  tags: ['models'],
  responses: { 200: jsonResponse('Models', z.object({ items: z.array(summarySchema) })), ...errorResponses(404) },
});
const get = defineRoute('models:read', {
  method: 'get',
  path: '/{name}',
  operationId: 'getModel',
  summary: 'A model and its versions, newest first',
  tags: ['models'],
  request: { params: nameParam },
  responses: { 200: jsonResponse('The model', summarySchema.extend({ items: z.array(versionSchema) })), ...errorResponses(404) },
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
    ...jsonBody(
      z
        .object({ stage, override: z.boolean().default(false), reason: z.string().trim().max(2_000).optional() })
        .strict()
        .refine((b) => !b.override || (b.reason !== undefined && b.reason.length > 0), {
          message: 'an override needs a reason',
          path: ['reason'],
        }),
    ),
  },
  responses: {
    200: jsonResponse('Moved', z.object({ version: versionSchema, previousStage: stage, archived: z.array(z.number()) })),
    ...errorResponses(404, 422),
  },
});
const compare = defineRoute('models:read', {
  method: 'get',
  path: '/{name}/compare',
  operationId: 'compareModelVersions',
  summary: 'Two versions side by side: metrics with deltas (b − a) and card differences',
  tags: ['models'],
  request: { params: nameParam, query: z.object({ a: versionNumber, b: versionNumber }) },
  responses: { 200: jsonResponse('The comparison', z.record(z.string(), z.unknown())), ...errorResponses(404) },
});

/** The model registry: models, immutable versions, their ONNX files, stages (audited) and comparisons. */
export function modelRoutes(services: Services, artifacts: ArtifactStore | undefined) {
  const { db, audit } = services;
  const registry = (): ModelRegistry => {
    if (artifacts === undefined) throw new UserError('NOT_FOUND', 'This server keeps no model files.');
    return new ModelRegistry(db, artifacts);
  };
  return newRouter()
    .openapi(list, async (c) => c.json({ items: await registry().list() }, 200))
    .openapi(get, async (c) => {
      const { name } = c.req.valid('param');
      const models = registry();
      return c.json({ ...(await models.get(name)), items: await models.versions(name) }, 200);
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
      const change = await registry().setStage(name, version, body.stage, { override: body.override });
      // An override is recorded only when it was needed: the gate had not passed.
      const overridden = body.stage === 'production' && change.previousStage !== 'production' && change.version.gate?.passed !== true;
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
    .openapi(compare, async (c) => {
      const { name } = c.req.valid('param');
      const { a, b } = c.req.valid('query');
      return c.json((await registry().compare(name, a, b)) as unknown as Record<string, unknown>, 200);
    });
}
