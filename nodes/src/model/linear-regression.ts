import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { fitLinearRegression } from '../ml/learn/linear-regression';
import { featuresField, inferModel, numbersOf, runTraining } from './shared/train-node';

const config = z.object({
  target: z.string().min(1).describe('The numeric column to predict.').meta({ ui: 'column' }),
  features: featuresField,
  alpha: z.number().min(0).max(1e9).default(0).describe('Ridge penalty on the squared coefficients (0 = ordinary least squares).'),
});

/** Linear regression (ridge), exported as ONNX with its preprocessing. */
export const linearRegressionNode = defineNode({
  type: 'model.linear-regression',
  version: 1,
  category: 'model',
  title: 'Linear regression',
  description:
    'Fits a linear model (optionally ridge) to predict a number. Numbers are imputed and scaled, text is one-hot encoded, all inside the ONNX model.',
  inputs: { table: port.table() },
  outputs: { model: port.model(), metrics: port.metrics() },
  config,
  infer: ({ inputs, config, issue }) =>
    inferModel({ table: inputs.table, target: config.target, features: config.features, task: 'regression', issue }),
  run: ({ inputs, config, ctx }) =>
    runTraining({
      table: inputs.table,
      target: config.target,
      task: 'regression',
      features: config.features,
      scale: true,
      params: { alpha: config.alpha },
      fit: (x, t, control) => fitLinearRegression(x, numbersOf(t, 'Linear regression'), { alpha: config.alpha }, control),
      ctx,
    }),
});
