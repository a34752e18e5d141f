import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { fitLinearSvm } from '../ml/learn/linear-svm';
import { classesOf, featuresField, inferModel, runTraining } from './shared/train-node';

const config = z.object({
  target: z.string().min(1).describe('The class column to predict (two classes or more).').meta({ ui: 'column' }),
  features: featuresField,
  C: z.number().positive().max(1e9).default(1).describe('Inverse L2 strength, as scikit-learn: smaller is stronger regularisation.'),
  maxIter: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1000)
    .describe('Most passes over the rows (per class when there are more than two).'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0)
    .describe('Fixes the order rows are visited in, so a run can be repeated.'),
});

/** Linear SVM (squared hinge, L2, one-vs-rest), exported as ONNX with its preprocessing. */
export const linearSvmNode = defineNode({
  type: 'model.linear-svm',
  version: 1,
  category: 'model',
  title: 'Linear SVM',
  description:
    'Fits a linear support vector machine to predict a class. Its probabilities are the decision values scaled once to fit the training rows (ordered as the SVM’s scores, not calibrated per class).',
  inputs: { table: port.table() },
  outputs: { model: port.model(), metrics: port.metrics() },
  config,
  infer: ({ inputs, config, issue }) =>
    inferModel({ table: inputs.table, target: config.target, features: config.features, task: 'classification', issue }),
  run: ({ inputs, config, ctx }) => {
    const params = { C: config.C, maxIter: config.maxIter, seed: config.seed };
    return runTraining({
      table: inputs.table,
      target: config.target,
      task: 'classification',
      features: config.features,
      scale: true,
      params,
      fit: (x, t, control) => fitLinearSvm(x, classesOf(t, 'Linear SVM'), params, control),
      ctx,
    });
  },
});
