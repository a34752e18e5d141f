import { canaryPolicy } from '@causeway/contract';
import { type ColumnType, columnTypes } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database';
import { type HostCallHandler, type HostCallRun, hostMethod } from '../runs/host-calls';
import type { ModelPromotions } from './model-promotions';
import { type ModelRegistry, modelNamePattern } from './model-registry';
import { promotionScope } from './promotion-scope';

const name = z.string().regex(modelNamePattern, 'a model name: letters, digits, ".", "_" or "-"');
const column = z.object({
  name: z.string().min(1).max(1_000),
  type: z.enum(columnTypes as [ColumnType, ...ColumnType[]]),
  nullable: z.boolean(),
});
const scoringPath = z.object({
  inputs: z.array(column).max(10_000),
  fill: z.array(column).max(10_000),
  steps: z
    .array(
      z.object({
        node: z.string().min(1),
        type: z.string().min(1),
        version: z.number().int().min(1),
        config: z.unknown(),
        fitted: z.unknown().optional(),
      }),
    )
    .max(1_000),
  skipped: z.array(z.string()).max(10_000),
  inOnnx: z.boolean(),
});
const registerRequest = z.object({
  name,
  description: z.string().max(2_000).optional(),
  onnx: z.instanceof(Uint8Array),
  card: z.unknown(),
  metrics: z.record(z.string(), z.number()),
  gate: z.object({ passed: z.boolean(), reason: z.string().max(10_000) }).optional(),
  scoringPath: scoringPath.optional(),
  idempotencyKey: z.string().min(1).max(512),
});
const selector = z.union([z.number().int().min(1), z.enum(['production', 'staging', 'latest'])]);
const promoteRequest = z
  .object({
    name,
    version: z.number().int().min(1),
    mode: z.enum(['production', 'canary', 'approval']),
    endpoint: z.string().regex(modelNamePattern, 'an endpoint name').optional(),
    percent: z.number().int().min(1).max(99).optional(),
    policy: canaryPolicy.optional(),
    idempotencyKey: z.string().min(1).max(512),
  })
  .strict();

/** The node's part of its key: the engine's `<run>:<node>` without this run's id. */
const nodePart = (key: string, run: HostCallRun): string => (key.startsWith(`${run.runId}:`) ? key.slice(`${run.runId}:`.length) : key);

/**
 * The `models` host-call service: a run registers versions under its own graph version and run id
 * (taken from the main side's record of the run, never from the thread) and loads versions to score with.
 */
export function modelHostCalls(
  registry: ModelRegistry,
  promotions: ModelPromotions,
  db: Kysely<Database>,
): Record<string, HostCallHandler> {
  return {
    register: hostMethod(z.tuple([registerRequest]), async ([request], run) => {
      // The key is scoped to the run so no other run can answer for it.
      const scoped = `run:${run.runId}:${request.idempotencyKey}`;
      return registry.register({
        ...request,
        idempotencyKey: scoped,
        graphId: run.graphId,
        graphVersion: run.graphVersion,
        runId: run.runId,
        createdBy: `run:${run.runId}`,
      });
    }),
    load: hostMethod(z.tuple([name, selector]), async ([modelName, which]) => {
      const version = await registry.version(modelName, which);
      const onnx = await registry.readOnnx(modelName, version.version);
      const path = version.scoringPath === null ? {} : { scoringPath: version.scoringPath };
      return { name: modelName, version: version.version, onnx, card: version.card, ...path };
    }),
    // Keyed by the schedule occurrence (or the first run of a retry chain): every attempt asks with one key.
    promote: hostMethod(z.tuple([promoteRequest]), async ([request], run) => {
      const scope = await promotionScope(db, run.runId);
      const { promotion, created } = await promotions.ask({
        key: `${scope}:${nodePart(request.idempotencyKey, run)}`,
        name: request.name,
        version: request.version,
        mode: request.mode,
        endpoint: request.endpoint,
        percent: request.percent,
        policy: request.policy,
        requestedBy: `run:${run.runId}`,
      });
      return { name: promotion.name, version: promotion.version, mode: promotion.mode, status: promotion.status, created };
    }),
  };
}
