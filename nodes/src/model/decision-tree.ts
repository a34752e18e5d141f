import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { fitDecisionTree } from '../ml/learn/decision-tree';
import { inferModel, runTraining, supervisedFields, taskField } from './shared/train-node';
import { treeFields } from './shared/tree-fields';

const config = z.object({
  ...supervisedFields,
  task: taskField,
  criterion: z
    .enum(['auto', 'gini', 'entropy'])
    .default('auto')
    .describe('Split quality for classification (regression always uses squared error).'),
  ...treeFields({ maxDepth: 10, minSamplesLeaf: 1 }),
});

/** A CART decision tree (classification or regression), exported as ONNX with its preprocessing. */
export const decisionTreeNode = defineNode({
  type: 'model.decision-tree',
  version: 1,
  category: 'model',
  title: 'Decision tree',
  description:
    'Fits one CART tree to predict a class or a number. Text columns are one-hot encoded and numbers imputed inside the ONNX model.',
  inputs: { table: port.table() },
  outputs: { model: port.model(), metrics: port.metrics() },
  config,
  infer: ({ inputs, config, issue }) =>
    inferModel({ table: inputs.table, target: config.target, features: config.features, task: config.task, issue }),
  run: ({ inputs, config, ctx }) =>
    runTraining({
      table: inputs.table,
      target: config.target,
      task: config.task,
      features: config.features,
      scale: false,
      params: { criterion: config.criterion, maxDepth: config.maxDepth, minSamplesLeaf: config.minSamplesLeaf, seed: config.seed },
      fit: (x, t, control) =>
        fitDecisionTree(
          x,
          t as NonNullable<typeof t>,
          {
            ...(config.criterion === 'auto' || t instanceof Float64Array ? {} : { criterion: config.criterion }),
            maxDepth: config.maxDepth,
            minSamplesLeaf: config.minSamplesLeaf,
            seed: config.seed,
          },
          control,
        ),
      ctx,
    }),
});
