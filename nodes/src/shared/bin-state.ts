import type { BinState } from '@causeway/sdk';
import { z } from 'zod';

/**
 * The fitted state of `transform.bin` (plain JSON, the SDK's `BinState`): the bin edges of one number
 * column, ascending. Bin i holds edges[i] ≤ x < edges[i + 1] (the last bin includes its upper edge);
 * values outside go to the first or last bin; the bin number (0-based integer) is written to `as`.
 *
 * @example
 * binStateSchema.parse({ kind: 'bin', column: 'age', as: 'age_band', edges: [18, 30, 50, 90] });
 */
export const binStateSchema = z
  .object({
    kind: z.literal('bin'),
    column: z.string(),
    as: z.string(),
    edges: z.array(z.number()).max(100_001),
  })
  .describe('Fitted binning: the edges of each bin.') satisfies z.ZodType<BinState>;
