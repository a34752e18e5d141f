import type { NaiveBayesModel } from '../learn/naive-bayes';
import type { GraphBuilder } from './graph-builder';

/**
 * Naive Bayes → outputs `label` [N] and `probabilities` [N, K], both from one LinearClassifier with a
 * softmax over the joint log-likelihoods.
 * - multinomial: the log-likelihood is linear in x, so the classifier's coefficients are the feature
 *   log-probabilities and its intercepts the log priors;
 * - gaussian: X [N,F] → Unsqueeze [N,1,F] − means [K,F] → × 1/σ [K,F] → ReduceSumSquare over F →
 *   [N,K], then the classifier computes −½·that + (log prior − ½ Σ log 2πσ²) with coefficients −½·I.
 *   Differences before squares, as k-means, so float32 does not cancel.
 */
export function writeNaiveBayes(builder: GraphBuilder, features: string, model: NaiveBayesModel): void {
  const k = model.classes.length;
  let scores = features;
  let coefficients: number[];
  let intercepts: number[];
  if (model.variant === 'multinomial') {
    coefficients = model.featureLogProb.flat();
    intercepts = model.logPrior;
  } else {
    const f = model.features.length;
    const axes = builder.constant('axes', 'int64', [1], [1]);
    const rows = builder.node('Unsqueeze', [features, axes], 1)[0] as string;
    const means = builder.constant('means', 'float', [k, f], model.mean.flat());
    const inverse = builder.constant(
      'inverse_sd',
      'float',
      [k, f],
      model.variance.flat().map((v) => 1 / Math.sqrt(v)),
    );
    const diff = builder.node('Sub', [rows, means], 1)[0] as string;
    const scaled = builder.node('Mul', [diff, inverse], 1)[0] as string;
    scores = builder.node('ReduceSumSquare', [scaled], 1, { axes: { ints: [2] }, keepdims: { int: 0 } })[0] as string;
    coefficients = Array.from({ length: k * k }, (_, q) => (Math.floor(q / k) === q % k ? -0.5 : 0));
    intercepts = model.logPrior.map(
      (prior, c) => prior - 0.5 * (model.variance[c] as number[]).reduce((s, v) => s + Math.log(2 * Math.PI * v), 0),
    );
  }
  builder.ml('LinearClassifier', [scores], ['label', 'probabilities'], {
    coefficients: { floats: coefficients },
    intercepts: { floats: intercepts },
    classlabels_strings: { strings: model.classes },
    multi_class: { int: 0 },
    post_transform: { string: 'SOFTMAX' },
  });
  builder.output('label', 'string', [null]);
  builder.output('probabilities', 'float', [null, k]);
}
