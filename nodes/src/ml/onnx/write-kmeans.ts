import type { KMeansModel } from '../learn/kmeans';
import type { GraphBuilder } from './graph-builder';

/**
 * k-means with standard operators only: X [N,F] → Unsqueeze [N,1,F] − centres [K,F] → ReduceSumSquare
 * over F → `distances` [N,K] (squared), ArgMin → `label` [N] (cluster index, int64). Differences
 * before squares, not ‖x‖² − 2x·c + ‖c‖², which cancels badly in float32.
 */
export function writeKMeans(builder: GraphBuilder, features: string, model: KMeansModel): void {
  const k = model.centers.length;
  const f = model.features.length;
  const axes = builder.constant('axes', 'int64', [1], [1]);
  const rows = builder.node('Unsqueeze', [features, axes], 1)[0] as string;
  const centers = builder.constant('centers', 'float', [k, f], model.centers.flat());
  const diff = builder.node('Sub', [rows, centers], 1)[0] as string;
  builder.node('ReduceSumSquare', [diff], ['distances'], { axes: { ints: [2] }, keepdims: { int: 0 } });
  builder.node('ArgMin', ['distances'], ['label'], { axis: { int: 1 }, keepdims: { int: 0 } });
  builder.output('label', 'int64', [null]);
  builder.output('distances', 'float', [null, k]);
}
