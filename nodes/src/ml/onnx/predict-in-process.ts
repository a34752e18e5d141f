import { predictDecisionTree, predictProbaDecisionTree } from '../learn/decision-tree';
import { predictGradientBoosting, predictProbaGradientBoosting } from '../learn/gradient-boosting';
import { distancesKMeans, predictKMeans } from '../learn/kmeans';
import { predictProbaKNeighbors } from '../learn/knn';
import { predictLinearRegression } from '../learn/linear-regression';
import { predictProbaLinearSvm } from '../learn/linear-svm';
import { predictProbaLogisticRegression } from '../learn/logistic-regression';
import type { FeatureMatrix } from '../learn/matrix';
import { predictProbaMlp } from '../learn/mlp';
import { predictProbaNaiveBayes } from '../learn/naive-bayes';
import { predictProbaRandomForest, predictRandomForest } from '../learn/random-forest';
import type { FittedModel } from './write-model';

/** In-process scores, shaped like the ONNX outputs: probabilities n × K, values n, or clusters and distances n × K. */
export type InProcessScores =
  | { kind: 'classification'; probabilities: Float64Array; classes: readonly string[] }
  | { kind: 'regression'; values: Float64Array }
  | { kind: 'clustering'; labels: Int32Array; distances: Float64Array; k: number };

/**
 * Scores a fitted model with the learners' own `predict` functions (no ONNX), for training metrics
 * and for checking a written ONNX file against.
 *
 * @example
 * const scores = predictInProcess(model, featureMatrix(test, plan));
 */
export function predictInProcess(model: FittedModel, x: FeatureMatrix): InProcessScores {
  switch (model.kind) {
    case 'linear-regression':
      return { kind: 'regression', values: predictLinearRegression(model, x) };
    case 'logistic-regression':
      return { kind: 'classification', probabilities: predictProbaLogisticRegression(model, x), classes: model.classes };
    case 'decision-tree':
      return model.task === 'classification'
        ? { kind: 'classification', probabilities: predictProbaDecisionTree(model, x), classes: model.classes }
        : { kind: 'regression', values: predictDecisionTree(model, x) as Float64Array };
    case 'random-forest':
      return model.task === 'classification'
        ? { kind: 'classification', probabilities: predictProbaRandomForest(model, x), classes: model.classes }
        : { kind: 'regression', values: predictRandomForest(model, x) as Float64Array };
    case 'gradient-boosting':
      return model.loss === 'squared_error'
        ? { kind: 'regression', values: predictGradientBoosting(model, x) as Float64Array }
        : { kind: 'classification', probabilities: predictProbaGradientBoosting(model, x), classes: model.classes };
    case 'kmeans':
      return { kind: 'clustering', labels: predictKMeans(model, x), distances: distancesKMeans(model, x), k: model.centers.length };
    case 'naive-bayes':
      return { kind: 'classification', probabilities: predictProbaNaiveBayes(model, x), classes: model.classes };
    case 'knn':
      return { kind: 'classification', probabilities: predictProbaKNeighbors(model, x), classes: model.classes };
    case 'linear-svm':
      return { kind: 'classification', probabilities: predictProbaLinearSvm(model, x), classes: model.classes };
    case 'mlp':
      return { kind: 'classification', probabilities: predictProbaMlp(model, x), classes: model.classes };
  }
}
