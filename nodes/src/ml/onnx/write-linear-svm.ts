import type { LinearSvmModel } from '../learn/linear-svm';
import type { GraphBuilder } from './graph-builder';

/**
 * LinearClassifier over the scaled decision values with a softmax → outputs `label` [N] and
 * `probabilities` [N, K]. The probability scale is folded into the coefficients; two classes are
 * written as scores (0, s·(w·x + b)), whose softmax is σ of the second, as logistic regression.
 */
export function writeLinearSvm(builder: GraphBuilder, features: string, model: LinearSvmModel): void {
  const width = model.features.length;
  const binary = model.coef.length === 1;
  const rows = binary ? [new Array<number>(width).fill(0), model.coef[0] ?? []] : model.coef;
  const intercepts = binary ? [0, model.intercept[0] ?? 0] : model.intercept;
  builder.ml('LinearClassifier', [features], ['label', 'probabilities'], {
    coefficients: { floats: rows.flat().map((w) => w * model.scale) },
    intercepts: { floats: intercepts.map((b) => b * model.scale) },
    classlabels_strings: { strings: model.classes },
    multi_class: { int: 0 },
    post_transform: { string: 'SOFTMAX' },
  });
  builder.output('label', 'string', [null]);
  builder.output('probabilities', 'float', [null, model.classes.length]);
}
