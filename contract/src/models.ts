import { z } from 'zod';
import { integerParam, listOf } from './common';

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
    card: z.unknown(),
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
/** A model with its versions, newest first. */
export const modelWithVersions = modelSummarySchema.extend({ items: z.array(modelVersionSchema) });

export const setStageBody = z
  .object({ stage, override: z.boolean().default(false), reason: z.string().trim().max(2_000).optional() })
  .strict()
  .refine((b) => !b.override || (b.reason !== undefined && b.reason.length > 0), {
    message: 'an override needs a reason',
    path: ['reason'],
  });
export const stageChange = z.object({ version: modelVersionSchema, previousStage: stage, archived: z.array(z.number()) });

export const compareModelsQuery = z.object({ a: versionNumber, b: versionNumber });
export const modelComparison = z.record(z.string(), z.unknown());

/** Archive a model: every version goes to `archived`; refused (409) while an endpoint serves or shadows it. */
export const archiveModelBody = z.object({ reason: z.string().trim().max(2_000).optional() }).strict();
export const archivedModel = z
  .object({ name: z.string(), archivedAt: z.string(), archivedVersions: z.array(z.number()) })
  .meta({ id: 'ArchivedModel' });
