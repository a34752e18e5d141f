import type { ClassTargets } from './matrix';

/** The losses of gradient boosting. */
export type BoostingLossKind = 'squared_error' | 'log_loss' | 'softmax';

/** A loss: its starting scores and its per-row gradients and hessians (class-major, n per class). */
export interface BoostingLoss {
  readonly kind: BoostingLossKind;
  readonly scores: number;
  readonly baseline: number[];
  gradients(raw: Float64Array, g: Float64Array, h: Float64Array): void;
  /**
   * Single-score losses only: the gradient and hessian of row `ids[k]` written at position k, in one
   * pass, for a working set kept in leaf order (no full-length gradient arrays to gather from).
   */
  gradientsAt?(raw: Float64Array, ids: Int32Array, g: Float64Array, h: Float64Array): void;
}

/** Picks the loss from the target: real values → squared error, 2 classes → log-loss, more → softmax. */
export function boostingLoss(target: ClassTargets | Float64Array, classes: number): BoostingLoss {
  if (target instanceof Float64Array) {
    let sum = 0;
    for (let i = 0; i < target.length; i++) sum += target[i] as number;
    return {
      kind: 'squared_error',
      scores: 1,
      baseline: [sum / target.length],
      gradients: (raw, g, h) => {
        for (let i = 0; i < target.length; i++) g[i] = (raw[i] as number) - (target[i] as number);
        h.fill(1);
      },
      gradientsAt: (raw, ids, g, h) => {
        for (let k = 0; k < ids.length; k++) {
          const i = ids[k] as number;
          g[k] = (raw[i] as number) - (target[i] as number);
        }
        h.fill(1);
      },
    };
  }
  const { y } = target;
  const n = y.length;
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) counts[y[i] as number] = (counts[y[i] as number] as number) + 1;
  const eps = 1e-15;
  if (classes === 2) {
    const p = Math.min(1 - eps, Math.max(eps, (counts[1] as number) / n));
    return {
      kind: 'log_loss',
      scores: 1,
      baseline: [Math.log(p / (1 - p))],
      gradients: (raw, g, h) => {
        for (let i = 0; i < n; i++) {
          const s = 1 / (1 + Math.exp(-(raw[i] as number)));
          g[i] = s - (y[i] as number);
          h[i] = s * (1 - s);
        }
      },
      gradientsAt: (raw, ids, g, h) => {
        for (let k = 0; k < n; k++) {
          const i = ids[k] as number;
          const s = 1 / (1 + Math.exp(-(raw[i] as number)));
          g[k] = s - (y[i] as number);
          h[k] = s * (1 - s);
        }
      },
    };
  }
  const baseline = Array.from(counts, (c) => Math.log(Math.max(eps, c / n)));
  return {
    kind: 'softmax',
    scores: classes,
    baseline,
    gradients: (raw, g, h) => {
      for (let i = 0; i < n; i++) {
        let max = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < classes; c++) max = Math.max(max, raw[c * n + i] as number);
        let sum = 0;
        for (let c = 0; c < classes; c++) {
          const e = Math.exp((raw[c * n + i] as number) - max);
          g[c * n + i] = e;
          sum += e;
        }
        const yi = y[i] as number;
        for (let c = 0; c < classes; c++) {
          const p = (g[c * n + i] as number) / sum;
          g[c * n + i] = p - (c === yi ? 1 : 0);
          h[c * n + i] = p * (1 - p);
        }
      }
    },
  };
}
