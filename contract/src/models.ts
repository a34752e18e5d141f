import { z } from 'zod';
import { integerParam, listOf } from './common';
import { modelCardSchema } from './run-outputs';

/** A registered model's name: what URLs, host calls and artifact owners carry. */
export const modelNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const modelNameParam = z.object({ name: z.string().regex(modelNamePattern, 'a model name: letters, digits, ".", "_" or "-"') });
const versionNumber = integerParam(1, 2_147_483_647);
export const modelVersionParams = modelNameParam.extend({ version: versionNumber });
export const modelStages = ['none', 'staging', 'production', 'archived'] as const;
const stage = z.enum(modelStages);
const gateSchema = z.object({ passed: z.boolean(), reason: z.string() }).nullable();

export const modelVersionSchema = z
  .object({
    name: z.string(),
    version: z.number(),
    stage,
    artifactHash: z.string(),
    card: modelCardSchema,
    metrics: z.record(z.string(), z.number()),
    gate: gateSchema,
    graphId: z.string().nullable(),
    graphVersion: z.number().nullable(),
    runId: z.number().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ModelVersion' });

export const modelSummarySchema = z
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
  .meta({ id: 'ModelSummary' });

export const modelList = listOf(modelSummarySchema);
/** A version as a model lists it: with the verdict of its graph version's tests. */
export const listedModelVersion = modelVersionSchema
  .extend({
    graphTests: z
      .enum(['untested', 'passed', 'failed', 'invalid'])
      .nullable()
      .describe('the last server verdict of the tests beside the graph version that produced it; null: no tests (or no graph)'),
  })
  .meta({ id: 'ListedModelVersion' });
/** A model with its versions, newest first. */
export const modelWithVersions = modelSummarySchema.extend({ items: z.array(listedModelVersion) });

export const setStageBody = z
  .object({ stage, override: z.boolean().default(false), reason: z.string().trim().max(2_000).optional() })
  .strict()
  .refine((b) => !b.override || (b.reason !== undefined && b.reason.length > 0), {
    message: 'an override needs a reason',
    path: ['reason'],
  });
export const stageChange = z.object({ version: modelVersionSchema, previousStage: stage, archived: z.array(z.number()) });

export const compareModelsQuery = z.object({ a: versionNumber, b: versionNumber });
const change = <T extends z.ZodType>(value: T) => z.object({ a: value, b: value, changed: z.boolean() });
const side = z.object({ version: z.number(), stage: z.string(), createdAt: z.string() });
const delta = { a: z.number().nullable(), b: z.number().nullable(), delta: z.number().nullable().describe('b − a') };
/** Two versions side by side: metrics with deltas and what differs in their cards. */
export const modelComparison = z
  .object({
    name: z.string(),
    a: side,
    b: side,
    metrics: z.array(z.object({ name: z.string(), ...delta })),
    card: z.object({
      task: change(z.unknown()),
      target: change(z.unknown()),
      features: z.object({
        added: z.array(z.string()),
        removed: z.array(z.string()),
        typeChanged: z.array(z.object({ name: z.string(), a: z.string(), b: z.string() })),
      }),
      classes: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
      statistics: z.array(z.object({ feature: z.string(), statistic: z.string(), ...delta })),
    }),
  })
  .meta({ id: 'ModelComparison' });

/** `PUT /api/models/{name}/policy`: what a version needs before it is registered or promoted. */
export const modelPolicyBody = z
  .object({
    requireGraphTests: z
      .boolean()
      .describe("Register and promote only versions whose graph version's tests passed on the server (MODEL_TESTS_REQUIRED otherwise)"),
  })
  .strict();
export const modelPolicy = modelPolicyBody.extend({ name: z.string() });

/** Archive a model: every version goes to `archived`; refused (409) while an endpoint serves or shadows it. */
export const archiveModelBody = z.object({ reason: z.string().trim().max(2_000).optional() }).strict();
export const archivedModel = z
  .object({ name: z.string(), archivedAt: z.string(), archivedVersions: z.array(z.number()) })
  .meta({ id: 'ArchivedModel' });
