import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { fitGradientBoosting } from '../ml/learn/gradient-boosting';
import { inferModel, runTraining, supervisedFields, taskField } from './shared/train-node';
import { treeFields } from './shared/tree-fields';

const config = z.object({
  ...supervisedFields,
  task: taskField,
  rounds: z.number().int().min(1).max(10_000).default(100).describe('Boosting rounds (trees per class).'),
  learningRate: z.number().positive().max(1).default(0.1).describe('Shrinks each tree’s contribution.'),
  maxLeafNodes: z.number().int().min(2).max(4096).default(31).describe('Most leaves per tree.'),
  ...treeFields({ maxDepth: 16, minSamplesLeaf: 20 }),
  l2Regularization: z.number().min(0).max(1e6).default(0).describe('L2 penalty on leaf values.'),
  maxBins: z.number().int().min(2).max(255).default(255).describe('Histogram bins per feature.'),
});

/** Histogram gradient-boosted trees (classification or regression), exported as ONNX with its preprocessing. */
export const gradientBoostingNode = defineNode({
  type: 'model.gradient-boosting',
  version: 1,
  category: 'model',
  title: 'Gradient boosting',
  description:
    'Fits histogram-based gradient-boosted trees (log-loss, softmax or squared error). Preprocessing is compiled into the ONNX model.',
  inputs: { table: port.table() },
  outputs: { model: port.model(), metrics: port.metrics() },
  config,
  infer: ({ inputs, config, issue }) =>
    inferModel({ table: inputs.table, target: config.target, features: config.features, task: config.task, issue }),
  run: ({ inputs, config, ctx }) => {
    const { target, features, task, ...params } = config;
    return runTraining({
      table: inputs.table,
      target,
      task,
      features,
      scale: false,
      params,
      fit: (x, t, control) => fitGradientBoosting(x, t as NonNullable<typeof t>, params, control),
      ctx,
    });
  },
});
