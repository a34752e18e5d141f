import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { fitLogisticRegression } from '../ml/learn/logistic-regression';
import { classesOf, featuresField, inferModel, runTraining } from './shared/train-node';

const config = z.object({
  target: z.string().min(1).describe('The class column to predict (two classes or more).').meta({ ui: 'column' }),
  features: featuresField,
  C: z.number().positive().max(1e9).default(1).describe('Inverse L2 strength, as scikit-learn: smaller is stronger regularisation.'),
  maxIter: z.number().int().min(1).max(10_000).default(100).describe('Most L-BFGS iterations.'),
});

/** Logistic regression (binary or multinomial, L2), exported as ONNX with its preprocessing. */
export const logisticRegressionNode = defineNode({
  type: 'model.logistic-regression',
  version: 1,
  category: 'model',
  title: 'Logistic regression',
  description:
    'Fits an L2 logistic regression (binary or multinomial) to predict a class, with probabilities. Preprocessing is compiled into the ONNX model.',
  inputs: { table: port.table() },
  outputs: { model: port.model(), metrics: port.metrics() },
  config,
  infer: ({ inputs, config, issue }) =>
    inferModel({ table: inputs.table, target: config.target, features: config.features, task: 'classification', issue }),
  run: ({ inputs, config, ctx }) =>
    runTraining({
      table: inputs.table,
      target: config.target,
      task: 'classification',
      features: config.features,
      scale: true,
      params: { C: config.C, maxIter: config.maxIter },
      fit: (x, t, control) =>
        fitLogisticRegression(x, classesOf(t, 'Logistic regression'), { C: config.C, maxIter: config.maxIter }, control),
      ctx,
    }),
});
