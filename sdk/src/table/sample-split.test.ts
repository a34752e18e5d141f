import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { sampleTable } from './sample-table';
import { splitTable } from './split-table';
import { fromArrow, rawTableArb, rowsOf, toArrow } from './testing/arbitraries';

const withIds = (n: number) => toArrow({ names: ['i'], columns: [Array.from({ length: n }, (_, k) => k)], chunks: [n] });
const ids = (t: ReturnType<typeof toArrow>) => rowsOf(fromArrow(t)).map((r) => r[0]);

describe('seededRandom', () => {
  it('follows the reference mulberry32, whose state is one 32-bit integer', () => {
    // the widely published form, state kept as a plain JS number
    const reference = (seed: number) => {
      let a = seed;
      return () => {
        a += 0x6d2b79f5;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const mine = seededRandom(seed);
        const theirs = reference(seed);
        for (let k = 0; k < 50; k++) expect(mine()).toBe(theirs());
      }),
    );
    expect(Math.round(seededRandom(1)() * 4294967296)).toBe(2693262067);
  });
});

describe('sampleTable', () => {
  it('draws n distinct rows in table order, the same for the same seed', () => {
    fc.assert(
      fc.property(rawTableArb(), fc.nat(50), fc.integer(), (raw, n, seed) => {
        const table = toArrow(raw);
        const a = sampleTable(table, { n, seed });
        const rows = rowsOf(raw.columns).map((r) => JSON.stringify(r));
        const picked = rowsOf(fromArrow(a)).map((r) => JSON.stringify(r));
        expect(picked.length).toBe(Math.min(n, rows.length));
        let from = 0;
        for (const p of picked) {
          from = rows.indexOf(p, from) + 1;
          expect(from).toBeGreaterThan(0);
        }
        expect(rowsOf(fromArrow(sampleTable(table, { n, seed })))).toEqual(rowsOf(fromArrow(a)));
      }),
    );
  });

  it('picks every row about equally often across seeds', () => {
    const table = withIds(10);
    const hits = new Array(10).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const id of ids(sampleTable(table, { fraction: 0.3, seed }))) hits[id as number]++;
    for (const h of hits) expect(Math.abs(h - 600)).toBeLessThan(90);
  });

  it('refuses a fraction above 1', () => {
    expect(() => sampleTable(withIds(3), { fraction: 1.5, seed: 1 })).toThrow(/fraction/);
  });
});

describe('splitTable', () => {
  it('partitions the rows, test share rounded, deterministic per seed', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer(), (n, test, seed) => {
        const a = splitTable(withIds(n), { test, seed });
        expect([...ids(a.train), ...ids(a.test)].sort((x, y) => (x as number) - (y as number))).toEqual(
          Array.from({ length: n }, (_, k) => k),
        );
        expect(a.test.numRows).toBe(Math.round(test * n));
        expect(ids(splitTable(withIds(n), { test, seed }).test)).toEqual(ids(a.test));
      }),
    );
  });

  it('keeps class proportions when stratified', () => {
    const labels = Array.from({ length: 100 }, (_, k) => (k % 10 === 0 ? 'rare' : k % 3 === 0 ? null : 'common'));
    const table = toArrow({ names: ['s'], columns: [labels], chunks: [40, 60] });
    const { test } = splitTable(table, { test: 0.2, seed: 3, stratify: 's' });
    const counts = new Map<unknown, number>();
    for (const [v] of rowsOf(fromArrow(test))) counts.set(v, (counts.get(v) ?? 0) + 1);
    const share = (v: string | null) => Math.round(labels.filter((l) => l === v).length * 0.2);
    expect(counts.get('rare')).toBe(share('rare'));
    expect(counts.get('common')).toBe(share('common'));
    expect(counts.get(null)).toBe(share(null));
  });
});
