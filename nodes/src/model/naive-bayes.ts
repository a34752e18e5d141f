import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { fitNaiveBayes } from '../ml/learn/naive-bayes';
import { classesOf, featuresField, inferModel, runTraining } from './shared/train-node';

const config = z.object({
  target: z.string().min(1).describe('The class column to predict (two classes or more).').meta({ ui: 'column' }),
  features: featuresField,
  variant: z
    .enum(['gaussian', 'multinomial'])
    .default('gaussian')
    .describe('gaussian: each number is normal within a class. multinomial: features are counts or frequencies (never negative).'),
  varSmoothing: z
    .number()
    .min(0)
    .max(1)
    .default(1e-9)
    .describe('Gaussian: added to every variance, as a fraction of the largest feature variance (scikit-learn’s var_smoothing).'),
  alpha: z.number().min(0).max(1e6).default(1).describe('Multinomial: additive (Laplace) smoothing of the counts.'),
});

/**
 * Gaussian or multinomial naive Bayes, exported as ONNX with its preprocessing. Gaussian standardises
 * numbers first (the predictions do not change, float32 scoring gets better conditioned); multinomial
 * leaves them as they are, since they are counts.
 */
export const naiveBayesNode = defineNode({
  type: 'model.naive-bayes',
  version: 1,
  category: 'model',
  title: 'Naive Bayes',
  description:
    'Predicts a class from per-class feature distributions (Gaussian for measurements, multinomial for counts), with probabilities. Fast to fit, a good baseline.',
  inputs: { table: port.table() },
  outputs: { model: port.model(), metrics: port.metrics() },
  config,
  infer: ({ inputs, config, issue }) =>
    inferModel({ table: inputs.table, target: config.target, features: config.features, task: 'classification', issue }),
  run: ({ inputs, config, ctx }) => {
    const params = { variant: config.variant, varSmoothing: config.varSmoothing, alpha: config.alpha };
    return runTraining({
      table: inputs.table,
      target: config.target,
      task: 'classification',
      features: config.features,
      scale: config.variant === 'gaussian',
      params,
      fit: (x, t, control) => fitNaiveBayes(x, classesOf(t, 'Naive Bayes'), params, control),
      ctx,
    });
  },
});
