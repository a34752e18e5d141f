import { type AnyNodeDefinition, configErrorMap, fromZodIssues, type Issue, UserError } from '@causeway/sdk';
import { z } from 'zod';
import { decisionTreeNode } from '../decision-tree';
import { gradientBoostingNode } from '../gradient-boosting';
import { knnNode } from '../knn';
import { linearRegressionNode } from '../linear-regression';
import { linearSvmNode } from '../linear-svm';
import { logisticRegressionNode } from '../logistic-regression';
import { mlpNode } from '../mlp';
import { naiveBayesNode } from '../naive-bayes';
import { randomForestNode } from '../random-forest';

/**
 * The supervised learner nodes that cross-validation, tuning and explanations can wrap: any node
 * whose `run` trains through `runTraining`. A new learner joins by being listed here.
 */
export const learnerNodes: readonly AnyNodeDefinition[] = [
  logisticRegressionNode,
  linearRegressionNode,
  decisionTreeNode,
  randomForestNode,
  gradientBoostingNode,
  naiveBayesNode,
  knnNode,
  linearSvmNode,
  mlpNode,
];

/** The `learner` config field: a learner node type. */
export const learnerField = z.enum(learnerNodes.map((n) => n.type) as [string, ...string[]]).describe('The learner to wrap, by node type.');

/** The `learnerConfig` field: the learner node's own config (target, features, hyper-parameters). */
export const learnerConfigField = z
  .record(z.string(), z.unknown())
  .default({})
  .describe('The learner’s configuration, exactly as on its own node: target, features and hyper-parameters.');

/** The learner node of a type. */
export function learnerNode(type: string): AnyNodeDefinition {
  const node = learnerNodes.find((n) => n.type === type);
  if (!node)
    throw new UserError('CONFIG_INVALID', `"${type}" is not a learner; choose one of ${learnerNodes.map((n) => n.type).join(', ')}.`);
  return node;
}

/** The config keys a learner node knows. */
export function learnerKeys(node: AnyNodeDefinition): string[] {
  const shape = (node.config as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/**
 * Parses a learner's config with the learner's own schema; issues are placed under `base` (e.g.
 * `['config', 'learnerConfig']`) so the failing field is named. Unknown keys are refused.
 *
 * @example
 * const parsed = parseLearnerConfig(logisticRegressionNode, { target: 'y', C: -1 }, ['config', 'learnerConfig']);
 * // parsed.ok === false; parsed.issues[0].path → ['config', 'learnerConfig', 'C']
 */
export function parseLearnerConfig(
  node: AnyNodeDefinition,
  config: Record<string, unknown>,
  base: (string | number)[],
): { ok: true; value: Record<string, unknown> } | { ok: false; issues: Issue[] } {
  const known = learnerKeys(node);
  const unknown = Object.keys(config).filter((k) => !known.includes(k));
  const issues: Issue[] = unknown.map((k) => ({
    code: 'CONFIG_INVALID',
    path: [...base, k],
    message: `${node.title} has no setting "${k}" (its settings: ${known.join(', ')}).`,
  }));
  const parsed = node.config.safeParse(config, { error: configErrorMap });
  if (!parsed.success) issues.push(...fromZodIssues(parsed.error.issues, 'CONFIG_INVALID', base));
  return issues.length > 0 || !parsed.success ? { ok: false, issues } : { ok: true, value: parsed.data as Record<string, unknown> };
}

/** Throws CONFIG_INVALID naming every failing field, or returns the parsed learner config. */
export function requireLearnerConfig(node: AnyNodeDefinition, config: Record<string, unknown>, base: (string | number)[]) {
  const parsed = parseLearnerConfig(node, config, base);
  if (!parsed.ok)
    throw new UserError('CONFIG_INVALID', parsed.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), {
      issues: parsed.issues,
    });
  return parsed.value;
}
