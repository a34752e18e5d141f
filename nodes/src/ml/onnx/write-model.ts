import { type ModelCard, UserError } from '@causeway/sdk';
import type { DecisionTreeModel } from '../learn/decision-tree';
import type { GradientBoostingModel } from '../learn/gradient-boosting';
import type { KMeansModel } from '../learn/kmeans';
import type { KNeighborsModel } from '../learn/knn';
import type { LinearRegressionModel } from '../learn/linear-regression';
import type { LinearSvmModel } from '../learn/linear-svm';
import type { LogisticRegressionModel } from '../learn/logistic-regression';
import type { MlpModel } from '../learn/mlp';
import type { NaiveBayesModel } from '../learn/naive-bayes';
import type { RandomForestModel } from '../learn/random-forest';
import { type FeaturePlan, featureNames } from './feature-plan';
import { GraphBuilder } from './graph-builder';
import { cardKey } from './model-card';
import { writeKMeans } from './write-kmeans';
import { writeKNeighbors } from './write-knn';
import { writeLinearRegression, writeLogisticRegression } from './write-linear';
import { writeLinearSvm } from './write-linear-svm';
import { writeMlp } from './write-mlp';
import { writeNaiveBayes } from './write-naive-bayes';
import { writePreprocess } from './write-preprocess';
import { writeBoosting, writeForest } from './write-trees';

/** Any model the learners fit. */
export type FittedModel =
  | LinearRegressionModel
  | LogisticRegressionModel
  | DecisionTreeModel
  | RandomForestModel
  | GradientBoostingModel
  | KMeansModel
  | NaiveBayesModel
  | KNeighborsModel
  | LinearSvmModel
  | MlpModel;

/** Names of the graph outputs; no input column may take one. */
export const outputNames = ['label', 'probabilities', 'variable', 'distances'] as const;

function checkNames(plan: FeaturePlan, model: FittedModel): void {
  const inputs = [...plan.numeric, ...plan.categorical].map((f) => f.name);
  const clash = inputs.find((name) => (outputNames as readonly string[]).includes(name));
  if (clash)
    throw new UserError(
      'SCHEMA_INVALID',
      `A feature column may not be named "${clash}": that is the name of a model output. Rename it first.`,
    );
  const expected = featureNames(plan);
  if (expected.length !== model.features.length) {
    throw new UserError('INTERNAL', `The model has ${model.features.length} features but the preprocessing gives ${expected.length}.`);
  }
}

/**
 * Writes one ONNX model: the fitted preprocessing, then the model, in a single graph whose inputs are
 * the raw feature columns ([N,1] double for numbers, [N,1] string for categories) and whose outputs are
 * `label` and `probabilities` (classification), `variable` [N,1] (regression) or `label` and
 * `distances` (k-means). The card rides as JSON in `metadata_props` under `causeway.card`.
 *
 * @example
 * const onnx = writeModel(plan, fitLogisticRegression(x, y), card);
 */
export function writeModel(plan: FeaturePlan, model: FittedModel, card: ModelCard): Uint8Array {
  checkNames(plan, model);
  const builder = new GraphBuilder();
  const features = writePreprocess(builder, plan);
  switch (model.kind) {
    case 'linear-regression':
      writeLinearRegression(builder, features, model);
      break;
    case 'logistic-regression':
      writeLogisticRegression(builder, features, model);
      break;
    case 'decision-tree':
    case 'random-forest':
      writeForest(builder, features, model);
      break;
    case 'gradient-boosting':
      writeBoosting(builder, features, model);
      break;
    case 'kmeans':
      writeKMeans(builder, features, model);
      break;
    case 'naive-bayes':
      writeNaiveBayes(builder, features, model);
      break;
    case 'knn':
      writeKNeighbors(builder, features, model);
      break;
    case 'linear-svm':
      writeLinearSvm(builder, features, model);
      break;
    case 'mlp':
      writeMlp(builder, features, model);
      break;
  }
  return builder.encode(model.kind, { [cardKey]: JSON.stringify(card) });
}
