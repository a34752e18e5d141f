import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBin, bin } from './bin';
import { applyEncode, fitEncode } from './encode';
import { applyImpute, fitImpute } from './impute';
import { applyScale, fitScale } from './scale';
import { type Cell, fromArrow, rawTableArb, rowsOf, toArrow } from './testing/arbitraries';

const nums = (cells: Cell[]) => cells.filter((v): v is number => typeof v === 'number');
const sortedNums = (cells: Cell[]) => [...nums(cells)].sort((a, b) => a - b);
const quantile = (s: number[], q: number) => {
  const at = q * (s.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, s.length - 1);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (at - lo);
};
const close = (a: Cell[], b: Cell[]) =>
  expect(a.map((v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v))).toEqual(
    b.map((v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)),
  );
const json = <T>(state: T): T => JSON.parse(JSON.stringify(state)) as T;

describe('fitImpute / applyImpute', () => {
  it('fills nulls with the reference mean, median, most frequent or constant', () => {
    fc.assert(
      fc.property(rawTableArb(['x', 'i', 's', 'c', 'b']), (raw) => {
        const t = toArrow(raw);
        const [x, i, s, c, b] = raw.columns as [Cell[], Cell[], Cell[], Cell[], Cell[]];
        const mean = nums(x).length ? nums(x).reduce((p, q) => p + q, 0) / nums(x).length : null;
        const xs = sortedNums(i);
        const median = xs.length ? quantile(xs, 0.5) : null;
        const mode = (cells: Cell[]) => {
          const counts = new Map<Cell, number>();
          for (const v of cells) if (v !== null) counts.set(Object.is(v, -0) ? 0 : v, (counts.get(v) ?? 0) + 1);
          let best: Cell = null;
          for (const [v, n] of counts)
            if (best === null || n > (counts.get(best) ?? 0) || (n === counts.get(best) && v !== null && v < best)) best = v;
          return best;
        };
        const fill = (cells: Cell[], v: Cell) => cells.map((cell) => cell ?? v);
        const m = fitImpute(t, { columns: ['x'], strategy: 'mean' });
        close(fromArrow(m.table)[0] ?? [], fill(x, mean));
        close(fromArrow(applyImpute(t, json(m.state)))[0] ?? [], fill(x, mean));
        close(fromArrow(fitImpute(t, { columns: ['i'], strategy: 'median' }).table)[1] ?? [], fill(i, median));
        const modes = fitImpute(t, { columns: ['s', 'c', 'b'], strategy: 'most_frequent' });
        expect(fromArrow(modes.table).slice(2)).toEqual([fill(s, mode(s)), fill(c, mode(c)), fill(b, mode(b))]);
        expect(fromArrow(fitImpute(t, { columns: ['c'], strategy: 'constant', value: 'zz' }).table)[3]).toEqual(fill(c, 'zz'));
      }),
    );
  });

  it('refuses a fill of the wrong type', () => {
    const t = toArrow({ names: ['x'], columns: [[null]], chunks: [1] });
    expect(() => fitImpute(t, { columns: ['x'], strategy: 'constant', value: 'a' })).toThrow(/Cannot fill/);
  });
});

describe('fitEncode / applyEncode', () => {
  it('one-hot and ordinal codes match a reference over sorted categories', () => {
    fc.assert(
      fc.property(rawTableArb(['c', 'i']), (raw) => {
        const t = toArrow(raw);
        const [c, i] = raw.columns as [Cell[], Cell[]];
        const cats = [...new Set(c.filter((v) => v !== null).map(String))].sort();
        const hot = fitEncode(t, { columns: ['c'], method: 'one_hot' });
        expect(hot.table.schema.fields.map((f) => f.name)).toEqual([...cats.map((k) => `c=${k}`), 'i']);
        expect(fromArrow(hot.table).slice(0, cats.length)).toEqual(cats.map((k) => c.map((v) => (v === k ? 1 : 0))));
        const ord = fitEncode(t, { columns: ['i'], method: 'ordinal' });
        const ints = [...new Set(i.filter((v) => v !== null).map(String))].sort();
        expect(fromArrow(ord.table)[1]).toEqual(i.map((v) => (v === null ? null : ints.indexOf(String(v)))));
        expect(fromArrow(applyEncode(t, json(ord.state)))).toEqual(fromArrow(ord.table));
      }),
    );
  });

  it('handles unknown categories explicitly', () => {
    const train = toArrow({ names: ['s'], columns: [['a', 'b']], chunks: [2] });
    const test = toArrow({ names: ['s'], columns: [['b', 'z']], chunks: [2] });
    const strict = fitEncode(train, { columns: ['s'], method: 'one_hot' }).state;
    expect(() => applyEncode(test, strict)).toThrow(/row 2: "z" in column "s" is a category not seen/);
    const lenient = fitEncode(train, { columns: ['s'], method: 'one_hot', unknown: 'ignore' }).state;
    expect(rowsOf(fromArrow(applyEncode(test, lenient)))).toEqual([
      [0, 1],
      [0, 0],
    ]);
  });
});

describe('fitScale / applyScale', () => {
  it('matches reference standard, min-max and robust scaling', () => {
    fc.assert(
      fc.property(rawTableArb(['x']), fc.constantFrom('standard' as const, 'min_max' as const, 'robust' as const), (raw, method) => {
        const x = raw.columns[0] as Cell[];
        const s = sortedNums(x);
        let offset = 0;
        let spread = 1;
        if (s.length && method === 'standard') {
          offset = s.reduce((a, b) => a + b, 0) / s.length;
          spread = Math.sqrt(s.reduce((a, b) => a + (b - offset) ** 2, 0) / s.length);
        } else if (s.length && method === 'min_max') {
          offset = s[0] as number;
          spread = (s[s.length - 1] as number) - offset;
        } else if (s.length) {
          offset = quantile(s, 0.5);
          spread = quantile(s, 0.75) - quantile(s, 0.25);
        }
        const scale = spread > 0 && Number.isFinite(1 / spread) ? 1 / spread : 1;
        const { table, state } = fitScale(toArrow(raw), { columns: ['x'], method });
        const expected = x.map((v) => (v === null ? null : (v as number) - offset === 0 ? 0 : ((v as number) - offset) * scale));
        close(fromArrow(table)[0]?.map((v) => (v === 0 ? 0 : v)) ?? [], expected);
        expect(fromArrow(applyScale(toArrow(raw), json(state)))).toEqual(fromArrow(table));
      }),
    );
  });
});

describe('bin / applyBin', () => {
  it('assigns each value the bin a reference search finds', () => {
    fc.assert(
      fc.property(
        rawTableArb(['x']),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom('equal_width' as const, 'quantile' as const),
        (raw, bins, method) => {
          const x = raw.columns[0] as Cell[];
          const { table, state } = bin(toArrow(raw), { column: 'x', method, bins, as: 'bin' });
          const edges = state.edges;
          const s = sortedNums(x);
          if (s.length) {
            expect(edges[0] === s[0] && edges[edges.length - 1] === s[s.length - 1]).toBe(true);
          }
          const expected = x.map((v) => {
            if (v === null) return null;
            let k = 0;
            while (k < edges.length - 2 && (v as number) >= (edges[k + 1] as number)) k++;
            return k;
          });
          expect(fromArrow(table)[1]).toEqual(expected);
          expect(fromArrow(applyBin(toArrow(raw), json(state)))).toEqual(fromArrow(table));
        },
      ),
    );
  });

  it('makes quartiles of 1..8', () => {
    const t = toArrow({ names: ['i'], columns: [[1, 2, 3, 4, 5, 6, 7, 8]], chunks: [8] });
    const { table, state } = bin(t, { column: 'i', method: 'quantile', bins: 4 });
    expect(state.edges).toEqual([1, 2.75, 4.5, 6.25, 8]);
    expect(fromArrow(table)[0]).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });
});
