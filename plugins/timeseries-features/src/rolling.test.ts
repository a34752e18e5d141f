import { rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rolling } from './rolling';

describe('rolling', () => {
  it('computes mean, sum, min, max and sample std over the last N rows of each group', async () => {
    const table = tableOf({ g: ['x', 'y', 'x', 'x', 'x', 'y'], t: [1, 1, 2, 3, 4, 2], v: [1, 10, 3, 2, 6, 20] });
    const { outputs } = await runNode(rolling, {
      inputs: { table },
      config: { time: 't', groupBy: ['g'], columns: ['v'], window: 3, minPeriods: 1, stats: ['mean', 'sum', 'min', 'max', 'std'] },
    });
    const rows = rowsOf(outputs.table);
    // Group x in time order: 1, 3, 2, 6. Window 3 at t=4 is [3, 2, 6].
    expect(rows[4]).toMatchObject({ v_sum3: 11, v_min3: 2, v_max3: 6 });
    expect(rows[4]?.v_mean3).toBeCloseTo(11 / 3, 12);
    expect(rows[4]?.v_std3).toBeCloseTo(Math.sqrt(((3 - 11 / 3) ** 2 + (2 - 11 / 3) ** 2 + (6 - 11 / 3) ** 2) / 2), 12);
    expect(rows[0]).toMatchObject({ v_sum3: 1, v_mean3: 1, v_min3: 1, v_max3: 1, v_std3: null });
    expect(rows[3]).toMatchObject({ v_sum3: 6, v_min3: 1, v_max3: 3 });
    expect(rows[5]).toMatchObject({ v_sum3: 30, v_mean3: 15, v_min3: 10, v_max3: 20 });
  });

  it('needs minPeriods values (default: the whole window) and skips nulls', async () => {
    const table = tableOf({ t: [1, 2, 3, 4], v: [1, null, 3, 5] });
    const full = await runNode(rolling, { inputs: { table }, config: { time: 't', columns: ['v'], window: 2 } });
    expect(rowsOf(full.outputs.table).map((r) => r.v_mean2)).toEqual([null, null, null, 4]);
    const loose = await runNode(rolling, { inputs: { table }, config: { time: 't', columns: ['v'], window: 2, minPeriods: 1 } });
    expect(rowsOf(loose.outputs.table).map((r) => r.v_mean2)).toEqual([1, 1, 3, 4]);
  });

  it('refuses minPeriods above the window, naming the field', async () => {
    const table = tableOf({ t: [1], v: [1] });
    await expect(runNode(rolling, { inputs: { table }, config: { time: 't', columns: ['v'], window: 2, minPeriods: 3 } })).rejects.toThrow(
      /minPeriods must not exceed window/,
    );
  });

  it('agrees with a direct computation of every window', async () => {
    const value = fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null, freq: 5 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('p', 'q'), value), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        async (data, window, minPeriodsRaw) => {
          const minPeriods = Math.min(minPeriodsRaw, window);
          // An all-null column has no type to infer from.
          fc.pre(data.some((d) => d[1] !== null));
          const table = tableOf({ g: data.map((d) => d[0]), t: data.map((_, i) => i), v: data.map((d) => d[1]) });
          const { outputs } = await runNode(rolling, {
            inputs: { table },
            config: { time: 't', groupBy: ['g'], columns: ['v'], window, minPeriods, stats: ['mean', 'sum', 'min', 'max', 'std'] },
          });
          const rows = rowsOf(outputs.table);
          data.forEach(([group], i) => {
            const earlier = data.map((d, j) => ({ d, j })).filter(({ d, j }) => d[0] === group && j <= i);
            const inWindow = earlier.slice(-window).flatMap(({ d }) => (d[1] === null ? [] : [d[1]]));
            const row = rows[i] ?? {};
            if (inWindow.length < minPeriods || inWindow.length === 0) {
              expect(row[`v_mean${window}`]).toBeNull();
              return;
            }
            const sum = inWindow.reduce((a, b) => a + b, 0);
            const mean = sum / inWindow.length;
            expect(row[`v_sum${window}`]).toBeCloseTo(sum, 9);
            expect(row[`v_mean${window}`]).toBeCloseTo(mean, 9);
            expect(row[`v_min${window}`]).toBe(Math.min(...inWindow));
            expect(row[`v_max${window}`]).toBe(Math.max(...inWindow));
            const std = inWindow.length < 2 ? null : Math.sqrt(inWindow.reduce((a, x) => a + (x - mean) ** 2, 0) / (inWindow.length - 1));
            if (std === null) expect(row[`v_std${window}`]).toBeNull();
            else expect(row[`v_std${window}`]).toBeCloseTo(std, 6);
          });
        },
      ),
      { numRuns: 80 },
    );
  });
});
