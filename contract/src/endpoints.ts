import { z } from 'zod';
import { listOf, pageQuery } from './common';
import { modelCardSchema } from './run-outputs';

/** The most rows one predict request may carry. */
export const maxRowsPerRequest = 10_000;

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'an endpoint name is a letter or digit, then letters, digits, _ . -');
export const endpointNameParam = z.object({ name });
const version = z.number().int().min(1).max(2_147_483_647);
const overrideFields = {
  override: z
    .boolean()
    .default(false)
    .describe(
      'Serve the version although its gate did not pass or it needs inputs the active version does not take (ops); needs a reason.',
    ),
  reason: z.string().trim().max(2_000).optional().describe('Why: recorded in the history and the audit log.'),
};

/** Live metrics a canary policy can compare: accuracy and AUC are better higher, the rest lower. */
export const liveMetricNames = ['accuracy', 'auc', 'logLoss', 'rmse', 'mae'] as const;

/**
 * The live-performance part of a canary policy: the canary's live metric (from outcomes sent as
 * feedback for the predictions each version answered since the canary's hour) may be worse than the
 * active version's by at most `margin`, in the metric's own units.
 */
export const livePerformanceDrop = z
  .object({
    metric: z.enum(liveMetricNames).describe('accuracy and auc: higher is better; logLoss, rmse, mae: lower is better.'),
    margin: z.number().min(0).max(1e12).describe('How much worse the canary may be, absolute (0.02 = two points of accuracy).'),
    minOutcomes: z
      .number()
      .int()
      .min(1)
      .max(1_000_000_000)
      .default(100)
      .describe('Outcomes each version needs for the comparison to count as evidence.'),
    tooFewOutcomes: z
      .enum(['end', 'ignore'])
      .default('end')
      .describe('When the time is up and a version has fewer outcomes: end the canary, or judge on error rate and latency alone.'),
  })
  .strict()
  .meta({ id: 'LivePerformanceDrop' });
export type LivePerformanceDrop = z.infer<typeof livePerformanceDrop>;

/**
 * Progressive delivery: once the canary has run `durationMinutes`, it is promoted when its error rate
 * and mean latency (over every process, since it started) are not worse than the active version's by
 * more than the margins, nor its live performance by more than `maxLivePerformanceDrop.margin`, and
 * ended with an alert otherwise (also when it saw fewer than `minRequests`).
 */
export const canaryPolicy = z
  .object({
    durationMinutes: z.number().int().min(1).max(43_200),
    minRequests: z.number().int().min(1).max(1_000_000_000).default(100),
    maxErrorRateIncrease: z.number().min(0).max(1).default(0).describe('Allowed rise of the error rate, absolute (0.01 = one point).'),
    maxLatencyIncrease: z.number().min(0).max(100).default(0.2).describe('Allowed rise of the mean latency, relative (0.2 = 20 %).'),
    alertUrl: z
      .url({ protocol: /^https?$/ })
      .max(2_000)
      .optional()
      .describe('Where the verdict is posted when the canary is ended.'),
    maxLivePerformanceDrop: livePerformanceDrop
      .optional()
      .describe('Also compare live performance from feedback (the endpoint must log predictions for feedback).'),
  })
  .strict()
  .meta({ id: 'CanaryPolicy' });
export type CanaryPolicy = z.infer<typeof canaryPolicy>;

export const endpointSchema = z
  .object({
    name: z.string(),
    model: z.string(),
    description: z.string(),
    activeVersion: z.number().nullable(),
    alias: z.string().describe('The registry alias followed: the active version is always its version.'),
    canary: z
      .object({ version: z.number(), percent: z.number(), policy: canaryPolicy.nullable(), startedAt: z.string().nullable() })
      .nullable(),
    shadowVersion: z.number().nullable(),
    shadowTolerance: z.number(),
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
  .object({
    version: version.nullable(),
    percent: z.number().min(0).max(100).default(10),
    policy: canaryPolicy.optional().describe('Promote or end the canary automatically once its time is up.'),
    ...overrideFields,
  })
  .strict();
export const shadowBody = z
  .object({
    version: version.nullable(),
    tolerance: z
      .number()
      .min(0)
      .max(1e12)
      .optional()
      .describe(
        'Regressions: a shadow answer within this absolute difference of the answer is not a disagreement (default 0, kept when omitted).',
      ),
    ...overrideFields,
  })
  .strict();
export const rollbackBody = z.object({ version: version.optional(), ...overrideFields }).strict();
export const samplingBody = z
  .object({
    sampleRate: z.number().min(0).max(1).optional(),
    retentionDays: z.number().int().min(1).max(3650).optional(),
    feedback: z.boolean().optional().describe('Log every answered row so outcomes can be sent to /feedback.'),
  })
  .strict();

const byRows = z.object({ rows: z.array(z.record(z.string(), z.unknown())).min(1).max(maxRowsPerRequest) }).strict();
const byColumns = z.object({ columns: z.record(z.string(), z.array(z.unknown()).max(maxRowsPerRequest)) }).strict();

/** The message of a refused predict body names the field: which of the two shapes was meant, and what is wrong in it. */
function predictBodyError(issue: { code: string; input?: unknown; errors?: unknown }): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const input = issue.input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'the body must be an object with "rows" or "columns"';
  const hasRows = Object.hasOwn(input, 'rows');
  const hasColumns = Object.hasOwn(input, 'columns');
  if (hasRows && hasColumns) return 'send either "rows" or "columns", not both: the body has "rows" and "columns"';
  if (!hasRows && !hasColumns) return 'the body needs "rows" (an array of records) or "columns" (arrays of values by field)';
  const branch = (issue.errors as Array<Array<{ path: PropertyKey[]; message: string }>> | undefined)?.[hasRows ? 0 : 1]?.[0];
  if (branch === undefined) return undefined;
  const path = branch.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return `${path === '' ? '' : `${path}: `}${branch.message}`;
}

/** Rows to score: records, or columns of values. */
export const predictBody = z.union([byRows, byColumns], { error: predictBodyError });
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
