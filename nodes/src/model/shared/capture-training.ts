import { type AnyNodeDefinition, type NodeContext, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import type { LearnerRun } from '../../ml/selection/prepare';
import { deriveContext } from './derive-context';

/** Contexts handed to a learner node's `run` only to learn what it would train, and where to hand that. */
const captures = new WeakMap<object, (run: LearnerRun) => void>();

/** Thrown through a learner's `run` once its training run is captured, so nothing is fitted. */
class Captured extends Error {
  constructor(readonly run: LearnerRun) {
    super('training captured');
  }
}

/** Called by `runTraining` first: under a capturing context it hands the run over and stops. */
export function captured(run: LearnerRun & { ctx: object }): void {
  const take = captures.get(run.ctx);
  if (!take) return;
  take(run);
  throw new Captured(run);
}

/**
 * What a learner node would train on a table with a config — features, target, task, scaling,
 * parameters and its `fit` — without fitting anything. Any node whose `run` goes through
 * `runTraining` can be captured, so cross-validation, tuning and explanations wrap every learner
 * by its own configuration.
 *
 * @example
 * const run = await captureTraining(logisticRegressionNode, table, { target: 'churn', C: 0.5 }, ctx);
 * const model = await run.fit(x, targets, control);
 */
export async function captureTraining(node: AnyNodeDefinition, table: Table, config: unknown, ctx: NodeContext): Promise<LearnerRun> {
  const probe = deriveContext(ctx);
  captures.set(probe, () => undefined);
  try {
    await node.run({ inputs: { table }, config, ctx: probe });
  } catch (error) {
    if (error instanceof Captured) return error.run;
    throw error;
  }
  throw new UserError('INTERNAL', `Node type ${node.type} trained without runTraining and cannot be wrapped.`);
}
