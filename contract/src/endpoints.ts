import { z } from 'zod';
import { listOf, pageQuery } from './common';
import { modelCardSchema } from './run-outputs';

/** The most rows one predict request may carry. */
export const maxRowsPerRequest = 10_000;

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'an endpoint name is a letter or digit, then letters, digits, _ . -');
export const endpointNameParam = z.object({ name });
const version = z.number().int().min(1).max(2_147_483_647);
const overrideFields = {
  override: z.boolean().default(false).describe('Serve the version although its gate did not pass (ops); needs a reason.'),
  reason: z.string().trim().max(2_000).optional().describe('Why: recorded in the history and the audit log.'),
};

export const endpointSchema = z
  .object({
    name: z.string(),
    model: z.string(),
    description: z.string(),
    activeVersion: z.number().nullable(),
    alias: z.string().describe('The registry alias followed: the active version is always its version.'),
    canary: z.object({ version: z.number(), percent: z.number() }).nullable(),
    shadowVersion: z.number().nullable(),
    sampleRate: z.number(),
    retentionDays: z.number(),
    feedback: z.boolean().describe('Every answered row is logged, so outcomes can be sent to /feedback.'),
    revision: z.number(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Endpoint' });
export const endpointList = listOf(endpointSchema);

/** This process's figures for one endpoint since it started. */
export const endpointLive = z
  .object({
    since: z.string(),
    requests: z.number(),
    errors: z.number(),
    rows: z.number(),
    latencyMs: z.object({ p50: z.number(), p95: z.number(), p99: z.number(), max: z.number() }),
    byVersion: z.record(z.string(), z.number()).describe('Requests answered per version.'),
    shadow: z.object({ requests: z.number(), errors: z.number(), disagreements: z.number() }),
  })
  .meta({ id: 'EndpointLive' });

export const endpointDetail = endpointSchema
  .extend({
    card: modelCardSchema
      .nullable()
      .describe('The model card of the active version: features with types and training statistics, target, classes, metrics.'),
    inputExample: z.record(z.string(), z.unknown()).nullable().describe('A typical row, from the training statistics.'),
    live: endpointLive.describe('This process: requests, errors, rows, latency p50/p95/p99 (ms), requests per version, shadow figures.'),
    totals: z.object({ requests: z.number(), errors: z.number(), rows: z.number() }).describe('Every process, from stored counts.'),
  })
  .meta({ id: 'EndpointDetail' });

/** One change of an endpoint: promote, rollback, canary, shadow, sampling. */
export const endpointChange = z
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
  .meta({ id: 'EndpointChange' });
export const endpointHistory = listOf(endpointChange);
export const endpointHistoryQuery = pageQuery;

export const createEndpointBody = z
  .object({
    name,
    model: z.string().min(1).max(200),
    alias: z
      .enum(['production', 'staging'])
      .default('production')
      .describe('The registry alias to follow: promoting in the registry moves the endpoint, promoting the endpoint moves the alias.'),
    description: z.string().max(2_000).default(''),
    sampleRate: z.number().min(0).max(1).default(0.05),
    retentionDays: z.number().int().min(1).max(3650).default(30),
  })
  .strict();
export const promoteBody = z.object({ version, ...overrideFields }).strict();
export const canaryBody = z
  .object({ version: version.nullable(), percent: z.number().min(0).max(100).default(10), ...overrideFields })
  .strict();
export const shadowBody = z.object({ version: version.nullable() }).strict();
export const rollbackBody = z.object({ version: version.optional(), reason: z.string().trim().max(2_000).optional() }).strict();
export const samplingBody = z
  .object({
    sampleRate: z.number().min(0).max(1).optional(),
    retentionDays: z.number().int().min(1).max(3650).optional(),
    feedback: z.boolean().optional().describe('Log every answered row so outcomes can be sent to /feedback.'),
  })
  .strict();

/** Rows to score: records, or columns of values. */
export const predictBody = z.union([
  z.object({ rows: z.array(z.record(z.string(), z.unknown())).min(1).max(maxRowsPerRequest) }).strict(),
  z.object({ columns: z.record(z.string(), z.array(z.unknown()).max(maxRowsPerRequest)) }).strict(),
]);
export type PredictBody = z.infer<typeof predictBody>;

export const predictAnswer = z
  .object({
    endpoint: z.string(),
    model: z.string(),
    version: z.number().describe('The version that answered.'),
    requestId: z.string(),
    predictions: z.array(z.unknown()),
    probabilities: z.array(z.record(z.string(), z.number())).optional().describe('Classifiers: each class’s probability, per row.'),
    outputs: z.record(z.string(), z.array(z.unknown())).optional(),
  })
  .meta({ id: 'PredictAnswer' });
