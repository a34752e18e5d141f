import type { AnyNodeDefinition } from '@causeway/sdk';
import { z } from 'zod';
import { gridSize, maxGridSize, type ParamSpace } from '../../ml/selection/search-space';
import { learnerKeys, parseLearnerConfig } from './learners';

const paramValue = z.union([z.number(), z.string(), z.boolean()]);

/** One parameter's search space as configured: listed values, or a numeric range. */
export const paramSpaceSchema = z.union([
  z.strictObject({ values: z.array(paramValue).min(1).max(1000).describe('The values to try.') }),
  z.strictObject({
    min: z.number().describe('Smallest value.'),
    max: z.number().describe('Largest value.'),
    log: z.boolean().default(false).describe('Spread values evenly on a log scale (min must be > 0).'),
    integer: z.boolean().default(false).describe('Whole numbers only.'),
    steps: z.number().int().min(1).max(1000).default(5).describe('Grid search: points of the range tried.'),
  }),
]);

/** The `space` field: hyper-parameter name → values or range. */
export const spaceField = z
  .record(z.string(), paramSpaceSchema)
  .default({})
  .describe('The hyper-parameters to search, each a list of values or a range { min, max, log, integer, steps }.');

/** Learner settings a search may not vary: they change what is learned, not how. */
const fixedKeys = new Set(['target', 'features', 'task']);

/**
 * Design-time and run-time checks of a search space against a learner: not empty, every name a
 * hyper-parameter of the learner, ranges ordered (and positive on a log scale), every value one the
 * learner accepts, a grid of at most {@link maxGridSize} configurations. Each problem names its field
 * under `['space', name, …]`.
 */
export function spaceIssues(
  node: AnyNodeDefinition,
  base: Record<string, unknown>,
  space: Record<string, z.output<typeof paramSpaceSchema>>,
  search: string,
): { message: string; path: (string | number)[] }[] {
  const issues: { message: string; path: (string | number)[] }[] = [];
  const names = Object.keys(space);
  if (names.length === 0) return [{ message: 'The search space is empty: name at least one hyper-parameter to search.', path: ['space'] }];
  const keys = learnerKeys(node).filter((k) => !fixedKeys.has(k));
  for (const name of names) {
    const s = space[name] as ParamSpace;
    if (fixedKeys.has(name)) {
      issues.push({ message: `"${name}" is not a hyper-parameter; set it in learnerConfig.`, path: ['space', name] });
      continue;
    }
    if (!keys.includes(name)) {
      issues.push({
        message: `${node.title} has no hyper-parameter "${name}" (its hyper-parameters: ${keys.join(', ')}).`,
        path: ['space', name],
      });
      continue;
    }
    if ('min' in s) {
      if (!(s.min <= s.max)) issues.push({ message: `min (${s.min}) is above max (${s.max}).`, path: ['space', name, 'max'] });
      if (s.log && !(s.min > 0)) issues.push({ message: 'A log scale needs min > 0.', path: ['space', name, 'min'] });
      if (issues.length > 0) continue;
    }
    const values = 'values' in s ? s.values : [s.min, s.max].map((v) => (s.integer ? Math.round(v) : v));
    values.forEach((value, k) => {
      const parsed = parseLearnerConfig(node, { ...base, [name]: value }, []);
      if (!parsed.ok) {
        const own = parsed.issues.filter((i) => i.path[0] === name);
        for (const i of own)
          issues.push({
            message: i.message,
            path: 'values' in s ? ['space', name, 'values', k] : ['space', name, k === 0 ? 'min' : 'max'],
          });
      }
    });
  }
  if (issues.length === 0 && search === 'grid') {
    const size = gridSize(space as Record<string, ParamSpace>);
    if (size > maxGridSize)
      issues.push({
        message: `The grid holds ${size} configurations, more than ${maxGridSize}; use random search or fewer values.`,
        path: ['space'],
      });
  }
  return issues;
}
