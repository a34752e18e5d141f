import type * as ort from 'onnxruntime-node';
import type { ServedModel } from './served-model';

/** What a version made of a request: one prediction per row and, for classifiers, probabilities by class. */
export interface ModelAnswer {
  predictions: unknown[];
  probabilities?: Record<string, number>[];
  /** Every other output, for models without a card task (imported files). */
  outputs?: Record<string, unknown[]>;
}

function plain(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** Rows of `width` values each, from a flat tensor. */
function rowsOf(tensor: ort.Tensor, n: number): unknown[] {
  const data = tensor.data as ArrayLike<unknown>;
  const width = n === 0 ? 0 : Math.round(data.length / n);
  if (width === 1) return Array.from(data, plain);
  return Array.from({ length: n }, (_, i) => Array.from({ length: width }, (_, j) => plain(data[i * width + j])));
}

/**
 * Reads a run's outputs: for classifiers the class with the highest probability and each class's
 * probability, for regression the `variable` output, for clustering the `label`; otherwise every output.
 */
export function modelAnswer(model: ServedModel, result: Record<string, ort.Tensor>, n: number): ModelAnswer {
  const classes = model.classes;
  const probabilities = result.probabilities;
  if (classes && probabilities) {
    const p = probabilities.data as Float32Array;
    const k = classes.length;
    const predictions = new Array<string>(n);
    const byClass = new Array<Record<string, number>>(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      const row: Record<string, number> = {};
      for (let c = 0; c < k; c++) {
        const value = p[i * k + c] as number;
        row[classes[c] as string] = value;
        if (value > (p[i * k + best] as number)) best = c;
      }
      predictions[i] = classes[best] as string;
      byClass[i] = row;
    }
    return { predictions, probabilities: byClass };
  }
  const task = model.card.task;
  const main = task === 'regression' ? result.variable : task === 'clustering' ? result.label : undefined;
  if (main) return { predictions: rowsOf(main, n) };
  const outputs: Record<string, unknown[]> = {};
  for (const [name, tensor] of Object.entries(result)) outputs[name] = rowsOf(tensor, n);
  const first = Object.values(outputs)[0] ?? [];
  return { predictions: first, outputs };
}
