import type { LinearRegressionModel } from '../learn/linear-regression';
import type { LogisticRegressionModel } from '../learn/logistic-regression';
import type { GraphBuilder } from './graph-builder';

/** LinearRegressor → output `variable` [N, 1]. */
export function writeLinearRegression(builder: GraphBuilder, features: string, model: LinearRegressionModel): void {
  builder.ml('LinearRegressor', [features], ['variable'], {
    coefficients: { floats: model.coef },
    intercepts: { floats: [model.intercept] },
    targets: { int: 1 },
  });
  builder.output('variable', 'float', [null, 1]);
}

/**
 * LinearClassifier with a softmax over one score per class → outputs `label` [N] and `probabilities`
 * [N, K]. A binary model is written as scores (0, w·x + b): softmax of those is (1 − σ, σ), and two
 * coefficient rows keep onnxruntime off its one-row binary special case.
 */
export function writeLogisticRegression(builder: GraphBuilder, features: string, model: LogisticRegressionModel): void {
  const width = model.features.length;
  const binary = model.coef.length === 1;
  const rows = binary ? [new Array<number>(width).fill(0), model.coef[0] ?? []] : model.coef;
  const intercepts = binary ? [0, model.intercept[0] ?? 0] : model.intercept;
  builder.ml('LinearClassifier', [features], ['label', 'probabilities'], {
    coefficients: { floats: rows.flat() },
    intercepts: { floats: intercepts },
    classlabels_strings: { strings: model.classes },
    multi_class: { int: 0 },
    post_transform: { string: 'SOFTMAX' },
  });
  builder.output('label', 'string', [null]);
  builder.output('probabilities', 'float', [null, model.classes.length]);
}
