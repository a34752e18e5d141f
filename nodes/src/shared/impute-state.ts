import type { ImputeState } from '@causeway/sdk';
import { z } from 'zod';

/**
 * The fitted state of `transform.impute` (plain JSON, the SDK's `ImputeState`): for each column, in
 * order, the value that replaces its nulls — a number for number/integer/date columns (dates in epoch
 * milliseconds), text for string/category columns, true/false for booleans; `null` when nothing was
 * learnt (an all-null column), which leaves the nulls in place.
 *
 * In ONNX it is one `ai.onnx.ml.Imputer` per column group: numeric fills as `imputed_value_floats`
 * with `replaced_value_float` NaN (number inputs carry nulls as NaN), text fills as
 * `imputed_value_strings` with `replaced_value_string` "".
 *
 * @example
 * imputeStateSchema.parse({ kind: 'impute', columns: [{ column: 'age', strategy: 'median', fill: 41 }] });
 */
export const imputeStateSchema = z
  .object({
    kind: z.literal('impute'),
    columns: z
      .array(
        z.object({
          column: z.string(),
          strategy: z.enum(['mean', 'median', 'most_frequent', 'constant']),
          fill: z.union([z.number(), z.string(), z.boolean(), z.null()]),
        }),
      )
      .max(10_000),
  })
  .describe('Fitted imputation: the fill value of each column.') satisfies z.ZodType<ImputeState>;
