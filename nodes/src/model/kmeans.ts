import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { fitKMeans } from '../ml/learn/kmeans';
import { featuresField, inferModel, runTraining } from './shared/train-node';

const config = z.object({
  features: featuresField,
  k: z.number().int().min(1).max(1000).default(8).describe('Number of clusters.'),
  nInit: z.number().int().min(1).max(100).default(10).describe('Seeded k-means++ starts; the best by inertia wins.'),
  maxIter: z.number().int().min(1).max(10_000).default(300).describe('Most Lloyd iterations per start.'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0)
    .describe('Fixes every random choice, so a run can be repeated.'),
});

/** k-means clustering; numbers are imputed and scaled (distances need comparable units), text one-hot encoded. */
export const kmeansNode = defineNode({
  type: 'model.kmeans',
  version: 1,
  category: 'model',
  title: 'k-means',
  description: 'Groups rows into k clusters. The ONNX model returns each row’s cluster and its squared distance to every centre.',
  inputs: { table: port.table() },
  outputs: { model: port.model(), metrics: port.metrics() },
  config,
  infer: ({ inputs, config, issue }) =>
    inferModel({ table: inputs.table, target: undefined, features: config.features, task: 'clustering', issue }),
  run: ({ inputs, config, ctx }) => {
    const { features, ...params } = config;
    return runTraining({ table: inputs.table, features, scale: true, params, fit: (x, _t, control) => fitKMeans(x, params, control), ctx });
  },
});
