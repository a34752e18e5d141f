import type { MlpModel } from '../learn/mlp';
import type { GraphBuilder } from './graph-builder';

/**
 * A perceptron: per hidden layer MatMul [I, O] → Add bias → Relu, then the output layer as a
 * LinearClassifier with a softmax → outputs `label` [N] and `probabilities` [N, K]. One logistic
 * output unit (two classes) is written as scores (0, w·h + b), whose softmax is σ of the second.
 */
export function writeMlp(builder: GraphBuilder, features: string, model: MlpModel): void {
  let current = features;
  const layers = model.weights.length;
  for (let l = 0; l < layers - 1; l++) {
    const b = model.biases[l] as number[];
    const w = model.weights[l] as number[];
    const weights = builder.constant(`w${l}`, 'float', [w.length / b.length, b.length], w);
    const product = builder.node('MatMul', [current, weights], 1)[0] as string;
    const shifted = builder.node('Add', [product, builder.constant(`b${l}`, 'float', [b.length], b)], 1)[0] as string;
    current = builder.node('Relu', [shifted], 1)[0] as string;
  }
  const w = model.weights[layers - 1] as number[];
  const b = model.biases[layers - 1] as number[];
  const outputs = b.length;
  const inputs = w.length / outputs;
  // Row-major inputs × outputs → one row of coefficients per output unit.
  const rows = Array.from({ length: outputs }, (_, o) => Array.from({ length: inputs }, (_, i) => w[i * outputs + o] as number));
  const binary = outputs === 1;
  builder.ml('LinearClassifier', [current], ['label', 'probabilities'], {
    coefficients: { floats: (binary ? [new Array<number>(inputs).fill(0), rows[0] ?? []] : rows).flat() },
    intercepts: { floats: binary ? [0, b[0] ?? 0] : b },
    classlabels_strings: { strings: model.classes },
    multi_class: { int: 0 },
    post_transform: { string: 'SOFTMAX' },
  });
  builder.output('label', 'string', [null]);
  builder.output('probabilities', 'float', [null, model.classes.length]);
}
