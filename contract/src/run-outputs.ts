import { type ColumnType, columnTypes } from '@causeway/sdk';
import { z } from 'zod';

// The outputs of a run, as the run's record summarizes them and as `GET /api/runs/{id}/outputs/{node}/{port}` answers them.

// JSON turns a NaN metric into null.
const measure = z.number().nullable();
const columnType = z.enum(columnTypes as [ColumnType, ...ColumnType[]]);

const tablePage = z
  .object({
    kind: z.literal('table'),
    offset: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    schema: z.object({ columns: z.array(z.object({ name: z.string(), type: columnType, nullable: z.boolean() })) }),
    rows: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'TableOutputPage' });

/** A model card's main fields (the SDK's `ModelCard`; further fields pass through as they are). */
export const modelCardSchema = z
  .looseObject({
    task: z.enum(['classification', 'regression', 'clustering', 'other']),
    features: z.array(z.looseObject({ name: z.string(), type: columnType, stats: z.record(z.string(), z.unknown()).optional() })),
    target: z.string().optional(),
    classes: z.array(z.string()).optional(),
    metrics: z.record(z.string(), measure).optional(),
  })
  .meta({ id: 'ModelCard' });

const modelCard = z.object({ kind: z.literal('model'), card: modelCardSchema }).meta({ id: 'ModelCardOutput' });

const curve = z.object({ x: z.array(measure), y: z.array(measure), xLabel: z.string().optional(), yLabel: z.string().optional() });
const metrics = z
  .object({
    kind: z.literal('metrics'),
    value: z.object({
      values: z.record(z.string(), measure),
      dataset: z.literal('train').optional().describe("'train' when measured on the model's own training rows, not a held-out set."),
      curves: z.record(z.string(), curve).optional(),
      confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) }).optional(),
    }),
  })
  .meta({ id: 'MetricsOutput' });

const report = z
  .object({
    kind: z.literal('report'),
    value: z.object({
      passed: z.boolean(),
      checks: z.array(
        z.object({ name: z.string(), passed: z.boolean(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
      ),
      summary: z.string().optional(),
    }),
  })
  .meta({ id: 'ReportOutput' });

const chart = z
  .object({ kind: z.literal('chart'), value: z.record(z.string(), z.unknown()).describe('A Vega-Lite specification.') })
  .meta({ id: 'ChartOutput' });

const value = z
  .object({ kind: z.literal('value'), value: z.unknown().describe("Any JSON; its shape is the producing port's schema.") })
  .meta({ id: 'ValueOutput' });

const stored = {
  format: z.enum(['arrow', 'onnx', 'json']).optional().describe('How the output is kept; absent when it was not.'),
  artifact: z.string().optional(),
  cardArtifact: z.string().optional(),
  bytes: z.number().optional().describe('The size of the kept output, in bytes.'),
  note: z.string().optional().describe('Why the output was not kept.'),
  value: z.unknown().optional().describe('A small JSON output, kept in the record itself.'),
};
/** A table's columns, as outputs and run events describe them (the SDK's `TableSchema`). */
export const tableSchemaSchema = tablePage.shape.schema;

/** A node run's output port: the summary its run reported and how it is kept, by the port's kind. */
export const runOutputRecord = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('table'), rows: z.number().int(), schema: tableSchemaSchema, ...stored }),
    z.object({ kind: z.literal('model'), task: z.string(), features: z.number().int(), ...stored }),
    z.object({ kind: z.literal('metrics'), values: z.record(z.string(), measure), ...stored }),
    z.object({ kind: z.literal('report'), passed: z.boolean(), checks: z.number().int(), failed: z.number().int(), ...stored }),
    z.object({ kind: z.literal('chart'), ...stored }),
    z.object({ kind: z.literal('value'), preview: z.string(), ...stored }),
  ])
  .meta({ id: 'RunOutputRecord' });

/** A run output's JSON answer, by the kind of its port: a table page, a model's card, or the output itself. */
export const runOutputJson = z.discriminatedUnion('kind', [tablePage, modelCard, metrics, report, chart, value]).meta({ id: 'RunOutput' });

/** The answer for a model output's card (`?card=1`). */
export const modelCardOutput = modelCard;

/** The answer for a metrics, report, chart or value output: the output itself beside its kind. */
export const jsonOutput = z.discriminatedUnion('kind', [metrics, report, chart, value]);
