import { z } from 'zod';

/**
 * Options of {@link expression}: what the expression must produce, shown by the inspector's editor.
 *
 * @example
 * const options: ExpressionOptions = { returns: 'boolean' };
 */
export interface ExpressionOptions {
  /** The type the expression should give, e.g. 'boolean' for a filter. */
  returns?: 'boolean' | 'number' | 'integer' | 'string' | 'date' | 'any';
  /** Placeholder text for the editor. */
  placeholder?: string;
}

/**
 * A zod schema for an expression field of a node config: a non-empty string of at most 10,000
 * characters, marked `ui: 'expression'` so the inspector shows an expression editor with column
 * completion. Type-check it against the input schema in the node's `infer`.
 *
 * @example
 * config: z.object({ where: expression({ returns: 'boolean' }).describe('e.g. age > 30 and country == "NL"') })
 */
export function expression(options: ExpressionOptions = {}) {
  return z
    .string()
    .min(1)
    .max(10_000)
    .meta({
      ui: 'expression',
      returns: options.returns ?? 'any',
      ...(options.placeholder === undefined ? {} : { placeholder: options.placeholder }),
    });
}
