import type { KNeighborsModel } from '../learn/knn';
import type { GraphBuilder } from './graph-builder';

/**
 * k-nearest neighbours with standard operators: squared distances to the M stored rows as
 * ‖x‖² − 2·x·Tᵀ + ‖t‖² (MatMul, ReduceSumSquare) → [N, M], TopK(k, smallest) → row indexes [N, k]
 * → Gather their class indexes → Equal to each class → Cast → ReduceSum over k → votes [N, K] × 1/k
 * → a LinearClassifier with identity coefficients and no post-transform gives `label` [N] (the first
 * class on a tie, as ArgMax) and `probabilities` [N, K]. The expanded distance costs N × M floats
 * rather than N × M × F; rows nearly tied for the k-th place may swap in float32.
 */
export function writeKNeighbors(builder: GraphBuilder, features: string, model: KNeighborsModel): void {
  const f = model.features.length;
  const m = model.labels.length;
  const classes = model.classes.length;
  const transposed = new Array<number>(f * m);
  const norms = new Array<number>(m).fill(0);
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < f; j++) {
      const v = model.points[r * f + j] as number;
      transposed[j * m + r] = v;
      norms[r] = (norms[r] as number) + v * v;
    }
  }
  const points = builder.constant('points_t', 'float', [f, m], transposed);
  const cross = builder.node('MatMul', [features, points], 1)[0] as string;
  const minusTwo = builder.constant('minus_two', 'float', [], [-2]);
  const scaled = builder.node('Mul', [cross, minusTwo], 1)[0] as string;
  const own = builder.node('ReduceSumSquare', [features], 1, { axes: { ints: [1] }, keepdims: { int: 1 } })[0] as string;
  const withOwn = builder.node('Add', [scaled, own], 1)[0] as string;
  const distances = builder.node('Add', [withOwn, builder.constant('point_norms', 'float', [m], norms)], 1)[0] as string;
  const k = builder.constant('k', 'int64', [1], [model.k]);
  const nearest = builder.node('TopK', [distances, k], 2, { axis: { int: 1 }, largest: { int: 0 }, sorted: { int: 1 } })[1] as string;
  const labels = builder.constant('labels', 'int64', [m], model.labels);
  const nearestLabels = builder.node('Gather', [labels, nearest], 1, { axis: { int: 0 } })[0] as string;
  const axes = builder.constant('axes', 'int64', [1], [2]);
  const column = builder.node('Unsqueeze', [nearestLabels, axes], 1)[0] as string;
  const classIndexes = builder.constant(
    'classes',
    'int64',
    [classes],
    model.classes.map((_, c) => c),
  );
  const hits = builder.node('Equal', [column, classIndexes], 1)[0] as string;
  const ones = builder.node('Cast', [hits], 1, { to: { int: 1 } })[0] as string;
  const votes = builder.node('ReduceSum', [ones, builder.constant('axes', 'int64', [1], [1])], 1, { keepdims: { int: 0 } })[0] as string;
  builder.ml('LinearClassifier', [votes], ['label', 'probabilities'], {
    coefficients: {
      floats: Array.from({ length: classes * classes }, (_, q) => (Math.floor(q / classes) === q % classes ? 1 / model.k : 0)),
    },
    intercepts: { floats: new Array<number>(classes).fill(0) },
    classlabels_strings: { strings: model.classes },
    multi_class: { int: 0 },
    post_transform: { string: 'NONE' },
  });
  builder.output('label', 'string', [null]);
  builder.output('probabilities', 'float', [null, classes]);
}
