import { checkpoint, reportProgress, type TrainControl } from '../learn/control';
import { predictInProcess } from '../onnx/predict-in-process';
import { foldScores } from './fold-scores';
import { foldRows } from './folds';
import { foldMatrices, type LearnerRun, type PreparedData, targetAt } from './prepare';

/** One fold's outcome: its sizes, fit time and held-out metrics. */
export interface FoldResult {
  fold: number;
  trainRows: number;
  testRows: number;
  seconds: number;
  values: Record<string, number>;
}

/** What {@link crossValidate} runs: the prepared data, each row's fold, and the learner's fit. */
export interface CrossValidation {
  data: PreparedData;
  fold: Int32Array;
  folds: number;
  fit: LearnerRun['fit'];
  /** Rows of the prepared data to use (default all): successive halving trains on a sample. */
  rows?: Int32Array;
}

function fitControl(control: TrainControl, done: number, total: number): TrainControl {
  return {
    ...(control.signal ? { signal: control.signal } : {}),
    progress: (f) => reportProgress(control, (done + f) / total),
  };
}

/**
 * Fits the learner on every fold's training rows and scores its held-out rows in process. Folds run
 * one after another on the node's thread, each fit yielding and checking cancellation between its
 * iterations, and the loop between folds.
 *
 * @example
 * const results = await crossValidate({ data, fold: kFold(data.x.rows, 5, { shuffle: true, seed: 0 }), folds: 5, fit: run.fit }, ctrl);
 */
export async function crossValidate(cv: CrossValidation, control: TrainControl = {}): Promise<FoldResult[]> {
  const results: FoldResult[] = [];
  for (let f = 0; f < cv.folds; f++) {
    await checkpoint(control);
    const split = foldRows(cv.fold, f);
    const train = cv.rows ? Int32Array.from(split.train, (i) => cv.rows?.[i] as number) : split.train;
    const test = cv.rows ? Int32Array.from(split.test, (i) => cv.rows?.[i] as number) : split.test;
    const x = foldMatrices(cv.data, train, test);
    const started = performance.now();
    const fitted = await cv.fit(x.train, targetAt(cv.data.target, train), fitControl(control, f, cv.folds));
    const seconds = (performance.now() - started) / 1000;
    const truth = targetAt(cv.data.target, test);
    const values = foldScores(predictInProcess(fitted, x.test), truth instanceof Float64Array ? truth : truth.y);
    results.push({ fold: f, trainRows: train.length, testRows: test.length, seconds, values });
    reportProgress(control, (f + 1) / cv.folds);
  }
  return results;
}

/** Mean and population standard deviation (numpy's default) of each metric over the folds. */
export function summarize(results: readonly FoldResult[]): Record<string, { mean: number; std: number }> {
  const names = Object.keys(results[0]?.values ?? {});
  const out: Record<string, { mean: number; std: number }> = {};
  for (const name of names) {
    const values = results.map((r) => r.values[name] as number);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
    out[name] = { mean, std: Math.sqrt(variance) };
  }
  return out;
}
