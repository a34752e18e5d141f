import { describe, expect, it } from 'vitest';
import { distancesKMeans, fitKMeans, predictKMeans } from './kmeans';
import { type FeatureMatrix, matrixFromColumns, matrixFromRows } from './matrix';
import { standardize } from './standardize';
import { loadFixture, loadReference } from './test-data';

const reference = loadReference() as Record<string, Record<string, Record<string, { min: number }>>>;

function allWine(): FeatureMatrix {
  const { train, test } = loadFixture('wine');
  const columns = train.x.names.map((_, j) => [
    ...train.x.data.subarray(j * train.x.rows, (j + 1) * train.x.rows),
    ...test.x.data.subarray(j * test.x.rows, (j + 1) * test.x.rows),
  ]);
  return standardize(matrixFromColumns(train.x.names, columns)).matrix;
}

describe('k-means', () => {
  it("reaches scikit-learn's inertia on standardized wine (k 3, 10 starts) within 0.5 %", async () => {
    const expected = reference.wine?.kmeans?.inertia as { min: number };
    const model = await fitKMeans(allWine(), { k: 3, seed: 0 });
    expect(model.inertia).toBeLessThanOrEqual(expected.min * 1.005);
  });

  it('finds well separated blobs, and predicts the nearest centre', async () => {
    const rows: number[][] = [];
    for (const [cx, cy] of [
      [0, 0],
      [10, 0],
      [0, 10],
    ] as const) {
      for (let i = 0; i < 30; i++) rows.push([cx + Math.sin(i) * 0.5, cy + Math.cos(i * 1.7) * 0.5]);
    }
    const x = matrixFromRows(['a', 'b'], rows);
    const model = await fitKMeans(x, { k: 3, seed: 4 });
    const labels = predictKMeans(model, x);
    for (let blob = 0; blob < 3; blob++) expect(new Set(labels.subarray(blob * 30, blob * 30 + 30)).size).toBe(1);
    expect(new Set(labels).size).toBe(3);
    const d = distancesKMeans(model, x);
    for (let i = 0; i < x.rows; i++) {
      const row = Array.from(d.subarray(i * 3, i * 3 + 3));
      expect(row.indexOf(Math.min(...row))).toBe(labels[i]);
    }
  });

  it('is deterministic for a seed, and cancellable', async () => {
    const x = allWine();
    const a = JSON.stringify(await fitKMeans(x, { k: 4, seed: 9 }));
    expect(JSON.stringify(await fitKMeans(x, { k: 4, seed: 9 }))).toBe(a);
    const controller = new AbortController();
    controller.abort();
    await expect(fitKMeans(x, { k: 4 }, { signal: controller.signal })).rejects.toThrow(expect.objectContaining({ code: 'RUN_CANCELLED' }));
  });

  it('refuses NaN and k outside 1..rows', async () => {
    await expect(fitKMeans(matrixFromColumns(['a'], [[1, Number.NaN]]), { k: 1 })).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    await expect(fitKMeans(matrixFromColumns(['a'], [[1, 2]]), { k: 3 })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});
