import { describe, expect, it } from 'vitest';
import { histWork, partitionRows, rowBytes, rowLayout, settleLeaf } from './hist-work';
import { createRandom } from './random';

/** A working set of `rows` random rows over `cols` features, state = the row's original index. */
function randomWork(rows: number, cols: number, seed: number) {
  const random = createRandom(seed);
  const bytes = rowBytes(cols, 1);
  const binned = new Uint8Array(rows * bytes);
  for (let i = 0; i < rows; i++) for (let f = 0; f < cols; f++) binned[i * bytes + f] = random.int(256);
  const labels = Int32Array.from({ length: rows }, (_, i) => i % 3);
  const work = histWork(binned, rows, cols, 1, [], labels);
  for (let i = 0; i < rows; i++) work.state[i] = i;
  return work;
}

/** Each position's bins, label and state, as one comparable string. */
function rowsOf(work: ReturnType<typeof randomWork>, start: number, end: number): string[] {
  const bytes = work.words * 4;
  const out: string[] = [];
  for (let k = start; k < end; k++) {
    const bins = Array.from(work.u8.subarray(k * bytes, k * bytes + work.cols));
    out.push(`${bins.join(',')}|${work.u16[(k * bytes + work.labelByte) >> 1]}|${work.state[k]}`);
  }
  return out;
}

describe('boosting working set', () => {
  it('packs bins, a uint16 label and float32 gradient pairs into whole words', () => {
    expect(rowLayout(10, 1)).toEqual([5, 10, 3]);
    expect(rowLayout(3, 3)).toEqual([8, 4, 2]);
    const work = randomWork(7, 10, 1);
    expect(Array.from({ length: 7 }, (_, k) => work.u16[(k * 20 + 10) >> 1])).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it('partitions a range in place: bins <= split first, every row moving with its label and state', () => {
    for (const [start, end, feature, bin] of [
      [0, 500, 3, 127],
      [40, 311, 9, 10],
      [5, 6, 0, 255],
      [100, 400, 1, 0],
    ] as const) {
      const work = randomWork(500, 10, start + feature);
      const bytes = work.words * 4;
      let left = 0;
      for (let k = start; k < end; k++) if ((work.u8[k * bytes + feature] as number) <= bin) left++;
      const before = rowsOf(work, 0, 500);
      partitionRows(work, start, end, start + left, feature, bin);
      const after = rowsOf(work, 0, 500);
      expect(after.slice(0, start)).toEqual(before.slice(0, start));
      expect(after.slice(end)).toEqual(before.slice(end));
      expect([...after.slice(start, end)].sort()).toEqual([...before.slice(start, end)].sort());
      for (let k = start; k < end; k++) expect((work.u8[k * bytes + feature] as number) <= bin).toBe(k < start + left);
    }
  });

  it('refuses a left count that the bins contradict', () => {
    const work = randomWork(50, 4, 3);
    expect(() => partitionRows(work, 0, 50, 0, 2, 255)).toThrow(/sends 0 rows left, the bins 50/);
  });

  it('adds a leaf value to its own rows only, and refuses more than 65536 classes', () => {
    const work = randomWork(10, 2, 4);
    settleLeaf(work, 2, 5, 0, 0.5);
    expect(Array.from(work.state)).toEqual([0, 1, 2.5, 3.5, 4.5, 5, 6, 7, 8, 9]);
    expect(() => histWork(new Uint8Array(rowBytes(2, 1)), 1, 2, 1, [], Int32Array.of(70_000))).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
  });
});
