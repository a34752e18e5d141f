import type { HistWork } from './hist-work';
import type { ClassTargets } from './matrix';

/** The losses of gradient boosting. */
export type BoostingLossKind = 'squared_error' | 'log_loss' | 'softmax';

/**
 * A loss over a working set (see hist-work.ts): its starting scores, the starting state of every row,
 * and the gradients and hessians of every score written into the rows from their state.
 * For squared error the state is the residual (raw score − target): adding a leaf value to it keeps
 * it the gradient, so the target never has to travel with the rows.
 */
export interface BoostingLoss {
  readonly kind: BoostingLossKind;
  readonly scores: number;
  readonly baseline: number[];
  /** Class index per row, for the working set (classes only). */
  readonly labels?: Int32Array;
  initState(state: Float64Array): void;
  gradients(work: HistWork): void;
}

/** Picks the loss from the target: real values → squared error, 2 classes → log-loss, more → softmax. */
export function boostingLoss(target: ClassTargets | Float64Array, classes: number): BoostingLoss {
  if (target instanceof Float64Array) {
    let sum = 0;
    for (let i = 0; i < target.length; i++) sum += target[i] as number;
    const mean = sum / target.length;
    return {
      kind: 'squared_error',
      scores: 1,
      baseline: [mean],
      initState: (state) => {
        for (let i = 0; i < target.length; i++) state[i] = mean - (target[i] as number);
      },
      gradients: (work) => {
        const { f32, state } = work;
        const { words, gradWord, rows } = work;
        for (let k = 0, w = gradWord; k < rows; k++, w += words) {
          f32[w] = state[k] as number;
          f32[w + 1] = 1;
        }
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
    const start = Math.log(p / (1 - p));
    return {
      kind: 'log_loss',
      scores: 1,
      baseline: [start],
      labels: y,
      initState: (state) => state.fill(start),
      gradients: (work) => {
        const { f32, u16, state } = work;
        const { words, gradWord, labelByte } = work;
        const half = words * 2;
        for (let k = 0, w = gradWord, l = labelByte >> 1; k < n; k++, w += words, l += half) {
          const s = 1 / (1 + Math.exp(-(state[k] as number)));
          f32[w] = s - (u16[l] as number);
          f32[w + 1] = s * (1 - s);
        }
      },
    };
  }
  const baseline = Array.from(counts, (c) => Math.log(Math.max(eps, c / n)));
  return {
    kind: 'softmax',
    scores: classes,
    baseline,
    labels: y,
    initState: (state) => {
      for (let i = 0; i < n; i++) for (let c = 0; c < classes; c++) state[i * classes + c] = baseline[c] as number;
    },
    gradients: (work) => {
      const { f32, u16, state } = work;
      const { words, gradWord, labelByte } = work;
      const p = new Float64Array(classes);
      for (let k = 0; k < n; k++) {
        const at = k * classes;
        let max = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < classes; c++) max = Math.max(max, state[at + c] as number);
        let sum = 0;
        for (let c = 0; c < classes; c++) {
          const e = Math.exp((state[at + c] as number) - max);
          p[c] = e;
          sum += e;
        }
        const yk = u16[(k * words * 4 + labelByte) >> 1] as number;
        const w = k * words + gradWord;
        for (let c = 0; c < classes; c++) {
          const pc = (p[c] as number) / sum;
          f32[w + 2 * c] = pc - (c === yk ? 1 : 0);
          f32[w + 2 * c + 1] = pc * (1 - pc);
        }
      }
    },
  };
}
