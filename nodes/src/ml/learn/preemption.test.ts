import { describe, expect, it } from 'vitest';
import type { TrainControl } from './control';
import { fitDecisionTree } from './decision-tree';
import { fitGradientBoosting } from './gradient-boosting';
import { fitKMeans } from './kmeans';
import { fitLogisticRegression } from './logistic-regression';
import { type ClassTargets, type FeatureMatrix, matrixFromColumns } from './matrix';
import { createRandom } from './random';
import { fitRandomForest } from './random-forest';

// Large enough that every fit below computes for seconds on this machine, so it must give its thread
// back several times before it could finish; each test stops it long before.
const rows = 200_000;
const cols = 8;

function noisyData(): { x: FeatureMatrix; y: ClassTargets } {
  const random = createRandom(11);
  const columns = Array.from({ length: cols }, () => Float64Array.from({ length: rows }, () => random.next() * 2 - 1));
  const y = Int32Array.from({ length: rows }, (_, i) => {
    const score = columns.reduce((s, c, j) => s + Math.sin((j + 1) * (c[i] as number) * 3), 0);
    return score + (random.next() - 0.5) > 0 ? 1 : 0;
  });
  return {
    x: matrixFromColumns(
      columns.map((_, j) => `f${j}`),
      columns,
    ),
    y: { y, classes: ['no', 'yes'] },
  };
}

const { x, y } = noisyData();

const learners: Array<[string, (control: TrainControl) => Promise<unknown>]> = [
  ['gradient boosting', (control) => fitGradientBoosting(x, y, { rounds: 400 }, control)],
  ['random forest', (control) => fitRandomForest(x, y, { trees: 200 }, control)],
  ['decision tree', (control) => fitDecisionTree(x, y, {}, control)],
  ['logistic regression', (control) => fitLogisticRegression(x, y, { tol: 1e-14, maxIter: 10_000 }, control)],
  ['k-means', (control) => fitKMeans(x, { k: 16, nInit: 20, maxIter: 300, tol: 0 }, control)],
];

/** Another task on the same thread: it must get turns while the fit runs, and it cancels the fit. */
async function cancelAfterTurns(turns: number, controller: AbortController): Promise<number> {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setTimeout(resolve, 1));
  controller.abort();
  return turns;
}

describe('long fits share their thread', () => {
  for (const [name, train] of learners) {
    it(`${name}: timers run while it fits, and a cancel from one stops it before it finishes`, async () => {
      const controller = new AbortController();
      let lastProgress = 0;
      const other = cancelAfterTurns(3, controller);
      const fitting = train({ signal: controller.signal, progress: (f) => (lastProgress = f) });
      await expect(fitting).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
      expect(await other).toBe(3);
      expect(lastProgress).toBeLessThan(1);
    });
  }
});
