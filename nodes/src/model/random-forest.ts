import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { fitRandomForest } from '../ml/learn/random-forest';
import { inferModel, runTraining, supervisedFields, taskField } from './shared/train-node';
import { treeFields } from './shared/tree-fields';

const config = z.object({
  ...supervisedFields,
  task: taskField,
  trees: z.number().int().min(1).max(1000).default(100).describe('Number of trees.'),
  ...treeFields({ maxDepth: 16, minSamplesLeaf: 1 }),
  maxFeatures: z.enum(['sqrt', 'log2', 'all']).default('sqrt').describe('Features tried at each split.'),
});

/** A random forest (classification or regression), exported as ONNX with its preprocessing. */
export const randomForestNode = defineNode({
  type: 'model.random-forest',
  version: 1,
  category: 'model',
  title: 'Random forest',
  description: 'Fits a forest of bootstrapped CART trees; predicts the mean of the trees. Preprocessing is compiled into the ONNX model.',
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
      params: {
        trees: config.trees,
        maxDepth: config.maxDepth,
        minSamplesLeaf: config.minSamplesLeaf,
        maxFeatures: config.maxFeatures,
        seed: config.seed,
      },
      fit: (x, t, control) =>
        fitRandomForest(
          x,
          t as NonNullable<typeof t>,
          {
            trees: config.trees,
            maxDepth: config.maxDepth,
            minSamplesLeaf: config.minSamplesLeaf,
            maxFeatures: config.maxFeatures,
            seed: config.seed,
          },
          control,
        ),
      ctx,
    }),
});
