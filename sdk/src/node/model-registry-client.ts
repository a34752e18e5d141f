import { UserError } from '../errors/errors';
import type { ScoringPath } from '../ports/values';

/**
 * Which version {@link ModelRegistryClient.load} reads: a number, the version in a stage, or the newest.
 *
 * @example
 * const selector: ModelSelector = 'production'; // or 'staging', 'latest', a version number
 */
export type ModelSelector = number | 'production' | 'staging' | 'latest';

/**
 * A gate's verdict as the registry keeps it.
 *
 * @example
 * const gate: ModelGateVerdict = { passed: false, reason: 'Blocked: auc 0.81 < 0.85.' };
 */
export interface ModelGateVerdict {
  passed: boolean;
  /** The gate's sentence, e.g. "Blocked: auc 0.81 < 0.85." */
  reason: string;
}

/**
 * What {@link ModelRegistryClient.register} records. The host adds the graph version and run.
 *
 * @example
 * const request: ModelRegisterRequest = { name: 'churn', onnx, card, metrics: { auc: 0.91 }, gate: { passed: true, reason: 'Passed.' }, idempotencyKey: ctx.idempotencyKey };
 */
export interface ModelRegisterRequest {
  name: string;
  /** Shown in the registry when the model name is first used. */
  description?: string;
  onnx: Uint8Array;
  card: unknown;
  metrics: Record<string, number>;
  gate?: ModelGateVerdict;
  /** The row-wise nodes between the graph's raw inputs and the training node, stored with the version. */
  scoringPath?: ScoringPath;
  /** The same for a retry of the same run and node: a second call returns the first version instead of adding one. */
  idempotencyKey: string;
}

/**
 * What {@link ModelRegistryClient.register} answers: `created` is false when the key had already registered a version.
 *
 * @example
 * const { name, version, created } = await ctx.models.register(request);
 */
export interface ModelRegistered {
  name: string;
  version: number;
  created: boolean;
}

/**
 * A registered version as {@link ModelRegistryClient.load} returns it.
 *
 * @example
 * const { onnx, card } = await ctx.models.load('churn', 'production');
 */
export interface LoadedModel {
  name: string;
  version: number;
  onnx: Uint8Array;
  card: unknown;
  /** How raw rows become the model's features, when the version was registered from a graph with such a path. */
  scoringPath?: ScoringPath;
}

/**
 * How {@link ModelRegistryClient.promote} moves a version: to production at once (its gate must have
 * passed), on canary on an endpoint (promoted later by the canary's policy), or into a pending-approval
 * state that ops approve or reject on the Models page.
 *
 * @example
 * const mode: PromotionMode = 'canary';
 */
export type PromotionMode = 'production' | 'canary' | 'approval';

/**
 * What {@link ModelRegistryClient.promote} asks for. The host keys it by the schedule occurrence (or run)
 * and `idempotencyKey`, so a retry or a second scheduler gets the first answer and never promotes twice.
 *
 * @example
 * const request: PromotionRequest = { name: 'churn', version: 4, mode: 'canary', endpoint: 'churn', percent: 10, policy: { durationMinutes: 60 }, idempotencyKey: ctx.nodeId };
 */
export interface PromotionRequest {
  name: string;
  version: number;
  mode: PromotionMode;
  /** The endpoint the canary runs on (canary mode). */
  endpoint?: string | undefined;
  /** The canary's share of traffic, 1–99 (canary mode). */
  percent?: number | undefined;
  /** The canary's policy, as the endpoints API takes it (canary mode). */
  policy?: Record<string, unknown> | undefined;
  idempotencyKey: string;
}

/**
 * What {@link ModelRegistryClient.promote} answers: the promotion the key holds (perhaps an earlier
 * one, then `created` is false), with its status: `applied`, `pending` (waits for approval), `approved`, `rejected`.
 *
 * @example
 * const { version, status, created } = await ctx.models.promote(request);
 */
export interface PromotionResult {
  name: string;
  version: number;
  mode: PromotionMode;
  status: 'pending' | 'approved' | 'rejected' | 'applied';
  created: boolean;
}

/**
 * The server's model registry, as deploy and batch nodes see it (server hosts only). Versions are
 * immutable; a stage names at most one version per model for production.
 *
 * @example
 * const { version } = await ctx.models.register({ name: 'churn', onnx: model.onnx, card: model.card, metrics, idempotencyKey });
 * const production = await ctx.models.load('churn', 'production');
 */
export interface ModelRegistryClient {
  register(request: ModelRegisterRequest): Promise<ModelRegistered>;
  load(name: string, selector: ModelSelector): Promise<LoadedModel>;
  promote(request: PromotionRequest): Promise<PromotionResult>;
}

const missing = () =>
  Promise.reject(
    new UserError('MODEL_REGISTRY_MISSING', 'This host has no model registry: run the graph on the server to register or load models.'),
  );

/**
 * The client of a host without a model registry (the browser, the CLI's local runs): every call fails with MODEL_REGISTRY_MISSING.
 *
 * @example
 * await runGraph(graph, { registry, models: noModelRegistry }); // the default
 */
export const noModelRegistry: ModelRegistryClient = { register: missing, load: missing, promote: missing };
