import type { EncodeState } from '@causeway/sdk';
import { z } from 'zod';

/**
 * The fitted state of `transform.encode` (plain JSON, the SDK's `EncodeState`): for each column its
 * known categories as text, sorted by code unit. One-hot writes one 0/1 number column per category,
 * named `column=category`, in the column's place; ordinal writes the category's index (0-based) as a
 * number. `unknown` says what a value not seen while fitting does: `error` fails, `ignore` gives all
 * zeros (one-hot) or null (ordinal). A null row gives all zeros / null.
 *
 * In ONNX: one-hot is `ai.onnx.ml.OneHotEncoder` with `cats_strings` = categories and `zeros` = 1 for
 * ignore (0 for error); ordinal is `ai.onnx.ml.LabelEncoder` with `keys_strings` = categories,
 * `values_floats` = 0 … n-1 and `default_float` NaN (null).
 *
 * @example
 * encodeStateSchema.parse({ kind: 'encode', method: 'one_hot', unknown: 'ignore', columns: [{ column: 'plan', categories: ['basic', 'pro'] }] });
 */
export const encodeStateSchema = z
  .object({
    kind: z.literal('encode'),
    method: z.enum(['one_hot', 'ordinal']),
    unknown: z.enum(['error', 'ignore']),
    columns: z.array(z.object({ column: z.string(), categories: z.array(z.string()).max(100_000) })).max(10_000),
  })
  .describe('Fitted encoding: the known categories of each column.') satisfies z.ZodType<EncodeState>;
