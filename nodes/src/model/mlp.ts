import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { fitMlp } from '../ml/learn/mlp';
import { classesOf, featuresField, inferModel, runTraining } from './shared/train-node';

const config = z.object({
  target: z.string().min(1).describe('The class column to predict (two classes or more).').meta({ ui: 'column' }),
  features: featuresField,
  hidden: z
    .array(z.number().int().min(1).max(4096))
    .min(1)
    .max(8)
    .default([100])
    .describe('Units in each hidden layer, first to last (scikit-learn’s hidden_layer_sizes).'),
  alpha: z.number().min(0).max(1e6).default(1e-4).describe('L2 penalty on the weights.'),
  learningRate: z.number().positive().max(10).default(1e-3).describe('Adam’s step size.'),
  batchSize: z.number().int().min(1).max(1_000_000).default(200).describe('Rows per Adam step.'),
  maxIter: z.number().int().min(1).max(10_000).default(200).describe('Most passes over the rows (epochs).'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0)
    .describe('Fixes the starting weights and the order of the rows, so a run can be repeated.'),
});

/** Multi-layer perceptron classifier (dense ReLU layers, Adam), exported as ONNX with its preprocessing. */
export const mlpNode = defineNode({
  type: 'model.mlp',
  version: 1,
  category: 'model',
  title: 'Neural network',
  description:
    'Fits a small neural network (dense layers with ReLU, trained by Adam) to predict a class, with probabilities. Stops early when the training loss stops falling.',
  inputs: { table: port.table() },
  outputs: { model: port.model(), metrics: port.metrics() },
  config,
  infer: ({ inputs, config, issue }) =>
    inferModel({ table: inputs.table, target: config.target, features: config.features, task: 'classification', issue }),
  run: ({ inputs, config, ctx }) => {
    const { target, features, ...params } = config;
    return runTraining({
      table: inputs.table,
      target,
      task: 'classification',
      features,
      scale: true,
      params,
      fit: (x, t, control) => fitMlp(x, classesOf(t, 'Neural network'), params, control),
      ctx,
    });
  },
});
