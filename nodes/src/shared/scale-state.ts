import type { ScaleState } from '@causeway/sdk';
import { z } from 'zod';

/**
 * The fitted state of `transform.scale` (plain JSON, the SDK's `ScaleState`): per column,
 * y = (x - offset) * scale. standard: offset = mean, scale = 1 / population std; min_max: offset = min,
 * scale = 1 / (max - min); robust: offset = median, scale = 1 / IQR. A zero spread gives scale 1.
 * Nulls stay null.
 *
 * In ONNX it is exactly `ai.onnx.ml.Scaler` with `offset` and `scale` (one entry per column, in order).
 *
 * @example
 * scaleStateSchema.parse({ kind: 'scale', method: 'standard', columns: [{ column: 'age', offset: 41.5, scale: 0.08 }] });
 */
export const scaleStateSchema = z
  .object({
    kind: z.literal('scale'),
    method: z.enum(['standard', 'min_max', 'robust']),
    columns: z.array(z.object({ column: z.string(), offset: z.number(), scale: z.number() })).max(10_000),
  })
  .describe('Fitted scaling: y = (x - offset) * scale per column.') satisfies z.ZodType<ScaleState>;
