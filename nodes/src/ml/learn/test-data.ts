// Test-only: reads the training-quality fixtures written by scripts/ml/make_fixtures.py.
import { readFileSync } from 'node:fs';
import { type FeatureMatrix, matrixFromColumns } from './matrix';
import { applyStandardization, fitStandardization } from './standardize';

const fixtures = new URL('../../../../test/fixtures/ml/', import.meta.url);

/** One side of a fixture's split. */
export interface FixturePart {
  x: FeatureMatrix;
  y: Float64Array;
}

/** Reads `<name>.csv`: feature columns, then target, then split (train/test). */
export function loadFixture(name: string): { train: FixturePart; test: FixturePart } {
  const lines = readFileSync(new URL(`${name}.csv`, fixtures), 'utf8')
    .trim()
    .split('\n');
  const header = (lines[0] as string).split(',');
  const names = header.slice(0, -2);
  const parts = { train: [] as number[][], test: [] as number[][] };
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const side = cells.pop() as 'train' | 'test';
    parts[side].push(cells.map(Number));
  }
  const build = (rows: number[][]): FixturePart => ({
    x: matrixFromColumns(
      names,
      names.map((_, j) => rows.map((r) => r[j] as number)),
    ),
    y: Float64Array.from(rows, (r) => r[names.length] as number),
  });
  return { train: build(parts.train), test: build(parts.test) };
}

/** The committed scikit-learn results. */
export function loadReference(): Record<string, Record<string, Record<string, unknown>>> {
  return JSON.parse(readFileSync(new URL('reference.json', fixtures), 'utf8'));
}

export function classTargets(y: Float64Array, classes: number): { y: Int32Array; classes: string[] } {
  return { y: Int32Array.from(y), classes: Array.from({ length: classes }, (_, c) => String(c)) };
}

export function accuracy(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hits++;
  return hits / truth.length;
}

export function logLoss(truth: ArrayLike<number>, proba: Float64Array, k: number): number {
  let s = 0;
  for (let i = 0; i < truth.length; i++) s -= Math.log(Math.max(1e-15, proba[i * k + (truth[i] as number)] as number));
  return s / truth.length;
}

export function r2(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < truth.length; i++) mean += truth[i] as number;
  mean /= truth.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < truth.length; i++) {
    ssRes += ((truth[i] as number) - (predicted[i] as number)) ** 2;
    ssTot += ((truth[i] as number) - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

/** A fixture standardised on its training rows, with class targets: what the classifier tests fit on. */
export function standardizedFixture(name: string, classes: number) {
  const { train, test } = loadFixture(name);
  const s = fitStandardization(train.x);
  return {
    x: applyStandardization(train.x, s),
    target: classTargets(train.y, classes),
    testX: applyStandardization(test.x, s),
    testY: test.y,
  };
}
