import { describe, expect, it } from 'vitest';
import type { TrainControl } from './control';
import { fitKNeighbors } from './knn';
import { fitLinearSvm } from './linear-svm';
import { type ClassTargets, type FeatureMatrix, matrixFromColumns } from './matrix';
import { fitMlp } from './mlp';
import { fitNaiveBayes } from './naive-bayes';
import { createRandom } from './random';

// As preemption.test.ts: large enough that each fit must give its thread back several times.
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
// Many copies of the columns, so naive Bayes and k-NN (one pass each) take several checkpoints.
const wide = matrixFromColumns(
  Array.from({ length: 64 }, (_, j) => `w${j}`),
  Array.from({ length: 64 }, (_, j) => x.data.subarray((j % cols) * rows, ((j % cols) + 1) * rows)),
);

const learners: Array<[string, (control: TrainControl) => Promise<unknown>]> = [
  ['naive Bayes', (control) => fitNaiveBayes(wide, y, {}, control)],
  ['k-nearest neighbours', (control) => fitKNeighbors(wide, y, {}, control)],
  ['linear SVM', (control) => fitLinearSvm(x, y, { tol: 0, maxIter: 1000 }, control)],
  ['neural network', (control) => fitMlp(x, y, { tol: 0, maxIter: 1000 }, control)],
];

/** Another task on the same thread: it must get turns while the fit runs, and it cancels the fit. */
async function cancelAfterTurns(turns: number, controller: AbortController): Promise<number> {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setTimeout(resolve, 1));
  controller.abort();
  return turns;
}

describe('long fits of the newer learners share their thread', () => {
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
