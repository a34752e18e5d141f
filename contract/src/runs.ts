import { z } from 'zod';
import { integerParam, pageOf, pageQuery, storedErrorSchema } from './common';
import { runOutputRecord } from './run-outputs';

export const runStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'invalid'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const runIdParam = z.object({ id: integerParam(1, Number.MAX_SAFE_INTEGER) });

/** A plugin version a run used, and the SHA-256 of the bundle that ran. */
export const runPluginSchema = z
  .object({ name: z.string(), version: z.string(), sha256: z.string() })
  .meta({ id: 'RunPlugin', description: 'A plugin version a run used, with the SHA-256 of its bundle.' });
export type RunPlugin = z.infer<typeof runPluginSchema>;

export const runSchema = z
  .object({
    id: z.number(),
    graphId: z.string(),
    version: z.number(),
    status: z.enum(runStatuses),
    attempts: z.number(),
    maxAttempts: z.number(),
    retryOf: z.number().nullable(),
    createdBy: z.string(),
    owner: z.string().describe('Whose run it is; they, ops and admins may cancel it'),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    cancelRequested: z.boolean(),
    error: storedErrorSchema.nullable(),
    plugins: z.array(runPluginSchema).describe('The plugin versions and bundle hashes the run used (empty when none).'),
  })
  .meta({ id: 'Run' });

export const nodeRunSchema = z
  .object({
    nodeId: z.string(),
    status: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    cached: z.boolean(),
    error: z.union([storedErrorSchema, z.object({ reason: z.string() }).describe('skipped: why')]).nullable(),
    outputs: z.record(z.string(), runOutputRecord),
    logs: z.array(z.object({ level: z.string(), message: z.string(), at: z.number() })),
  })
  .meta({ id: 'NodeRun' });

export const startRunBody = z
  .object({ graphId: z.string().min(1).max(200), version: z.number().int().min(1).max(2_147_483_647).optional() })
  .strict();
export const listRunsQuery = pageQuery.extend({ graphId: z.string().max(200).optional(), status: z.enum(runStatuses).optional() });
export const runPage = pageOf(runSchema);
export const runWithNodes = runSchema.extend({ nodes: z.array(nodeRunSchema) });

export const runOutputParams = runIdParam.extend({ node: z.string().min(1).max(200), port: z.string().min(1).max(200) });
export const runOutputQuery = z.object({
  offset: integerParam(0, 2_147_483_647).default(0).describe('Tables: first row'),
  limit: integerParam(1, 10_000).default(100).describe('Tables: most rows'),
  card: z.enum(['1', 'true', '0', 'false']).optional().describe("Models: the model card's JSON instead of the ONNX file"),
});
/** `GET /api/runs/{id}/outputs/{node}/{port}/image`: a chart output drawn as SVG or PNG. */
export const chartImageQuery = z.object({
  format: z.enum(['svg', 'png']).default('svg').describe('svg (text) or png (raster)'),
  scale: z.coerce.number().min(0.5).max(4).default(2).describe('PNG: pixels per chart unit'),
});
export const runEventsQuery = z.object({ lastEventId: integerParam(0, 2_147_483_647).optional() });
