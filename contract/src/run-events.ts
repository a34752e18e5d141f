import type { RunEvent } from '@causeway/sdk';
import { z } from 'zod';
import { errorCodeSchema } from './common';
import { tableSchemaSchema } from './run-outputs';

// The events of `GET /api/runs/{id}/events` (server-sent events, one JSON object per `data:`), as the
// engine emits them (the SDK's `RunEvent`). Extra fields pass: the editor checks, it does not reshape.

const base = { runId: z.number().int(), at: z.number() };
const node = { ...base, nodeId: z.string() };
// JSON turns a NaN metric into null.
const measure = z.number().nullable();

/** A node output's summary in `node:done` (the SDK's `OutputSummary`). */
export const outputSummarySchema = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('table'), rows: z.number().int(), schema: tableSchemaSchema }),
  z.looseObject({ kind: z.literal('model'), task: z.string(), features: z.number().int(), bytes: z.number() }),
  z.looseObject({ kind: z.literal('metrics'), values: z.record(z.string(), measure) }),
  z.looseObject({ kind: z.literal('report'), passed: z.boolean(), checks: z.number().int(), failed: z.number().int() }),
  z.looseObject({ kind: z.literal('chart') }),
  z.looseObject({ kind: z.literal('value'), preview: z.string() }),
]);

const eventError = z.looseObject({ code: errorCodeSchema, message: z.string() });
const issue = z.looseObject({
  code: errorCodeSchema,
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  nodeId: z.string().optional(),
});

/** One event of a run's stream. */
export const runEventSchema = z
  .discriminatedUnion('type', [
    z.looseObject({ type: z.literal('run:start'), ...base, nodes: z.array(z.string()) }),
    z.looseObject({ type: z.literal('node:start'), ...node }),
    z.looseObject({ type: z.literal('node:progress'), runId: base.runId, nodeId: z.string(), fraction: z.number() }),
    z.looseObject({ type: z.literal('node:log'), ...node, level: z.enum(['debug', 'info', 'warn', 'error']), message: z.string() }),
    z.looseObject({
      type: z.literal('node:done'),
      ...node,
      durationMs: z.number(),
      cached: z.boolean(),
      outputs: z.record(z.string(), outputSummarySchema),
    }),
    z.looseObject({ type: z.literal('node:error'), ...node, durationMs: z.number(), error: eventError }),
    z.looseObject({ type: z.literal('node:skipped'), ...node, reason: z.string() }),
    z.looseObject({
      type: z.literal('run:done'),
      ...base,
      status: z.enum(['succeeded', 'failed', 'cancelled', 'invalid']),
      durationMs: z.number(),
      issues: z.array(issue).optional(),
    }),
  ])
  .meta({ id: 'RunEvent' });

// Every event type the engine emits has a schema, and no schema names a type it does not emit.
type Declared = z.infer<typeof runEventSchema>['type'];
const everyType: Record<RunEvent['type'], true> & Record<Declared, true> = {
  'run:start': true,
  'node:start': true,
  'node:progress': true,
  'node:log': true,
  'node:done': true,
  'node:error': true,
  'node:skipped': true,
  'run:done': true,
};
/** The event types of a run's stream. */
export const runEventTypes = Object.keys(everyType) as Declared[];
