/**
 * Bounds that keep hostile expression text from exhausting memory or the stack. Text longer than
 * `maxLength`, trees deeper than `maxDepth` or larger than `maxNodes` are reported as issues.
 *
 * @example
 * if (text.length > expressionLimits.maxLength) console.warn('too long');
 */
export const expressionLimits = {
  maxLength: 10_000,
  maxDepth: 256,
  maxNodes: 4_000,
  maxTokens: 10_000,
} as const;
