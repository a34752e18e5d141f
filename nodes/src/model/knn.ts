import { defineNode, port, UserError } from '@causeway/sdk';
import { z } from 'zod';
import { fitKNeighbors } from '../ml/learn/knn';
import { classesOf, featuresField, inferModel, runTraining } from './shared/train-node';

/**
 * The ONNX model holds every training row and scores a batch of B rows through a B × rows distance
 * matrix: at 5,000 rows and model.predict's 10,000-row batches that is 200 MB per intermediate.
 */
export const knnRowLimit = 5_000;

const config = z.object({
  target: z.string().min(1).describe('The class column to predict (two classes or more).').meta({ ui: 'column' }),
  features: featuresField,
  k: z.number().int().min(1).max(1000).default(5).describe('Neighbours that vote (scikit-learn’s n_neighbors).'),
});

/** k-nearest neighbours (uniform votes, Euclidean on standardised numbers), exported as ONNX with its preprocessing. */
export const knnNode = defineNode({
  type: 'model.knn',
  version: 1,
  category: 'model',
  title: 'k-nearest neighbours',
  description: `Predicts the class most common among the k training rows nearest to each row; probabilities are the shares of the votes. Keeps its training rows in the model, so at most ${knnRowLimit.toLocaleString('en')} rows.`,
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
      params: { k: config.k },
      fit: (x, t, control) => {
        if (x.rows > knnRowLimit)
          throw new UserError(
            'INPUT_INVALID',
            `k-nearest neighbours keeps its training rows in the model: at most ${knnRowLimit} rows, the table has ${x.rows}. Sample it first (transform.sample).`,
          );
        return fitKNeighbors(x, classesOf(t, 'k-nearest neighbours'), { k: config.k }, control);
      },
      ctx,
    }),
});
