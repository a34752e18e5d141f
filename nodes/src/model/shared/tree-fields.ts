import { z } from 'zod';

/**
 * The tree-shape fields every tree learner takes (decision tree, random forest, gradient boosting),
 * with each learner's own defaults; one tree or many, the limits and words are the same.
 *
 * @example
 * const config = z.object({ ...supervisedFields, ...treeFields({ maxDepth: 10, minSamplesLeaf: 1 }) });
 */
export function treeFields(defaults: { maxDepth: number; minSamplesLeaf: number }) {
  return {
    maxDepth: z.number().int().min(1).max(64).default(defaults.maxDepth).describe('Deepest level of a tree.'),
    minSamplesLeaf: z.number().int().min(1).max(1_000_000).default(defaults.minSamplesLeaf).describe('Fewest training rows in a leaf.'),
  };
}
