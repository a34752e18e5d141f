import { type ColumnType, columnTypes } from '@causeway/sdk';
import { z } from 'zod';
import { type HostCallHandler, hostMethod } from '../runs/host-calls';
import { type ModelRegistry, modelNamePattern } from './model-registry';

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

/**
 * The `models` host-call service: a run registers versions under its own graph version and run id
 * (taken from the main side's record of the run, never from the thread) and loads versions to score with.
 */
export function modelHostCalls(registry: ModelRegistry): Record<string, HostCallHandler> {
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
  };
}
