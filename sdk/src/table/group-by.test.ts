import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AggregateOp } from './aggregate';
import { dictionaryVector, float64Vector } from './build-vector';
import { groupBy } from './group-by';
import { tableFromColumns } from './table-from-columns';
import { type Cell, type ColumnName, fromArrow, rawTableArb, rowsOf, toArrow } from './testing/arbitraries';

const keyOf = (cells: Cell[]) => JSON.stringify(cells.map((v) => (Object.is(v, -0) ? 0 : v)));

function reference(op: AggregateOp, values: Cell[]): Cell {
  const present = values.filter((v) => v !== null).map((v) => (typeof v === 'boolean' ? Number(v) : v)) as (number | string)[];
  const nums = present as number[];
  switch (op) {
    case 'count':
      return present.length;
    case 'distinct_count':
      return new Set(present.map((v) => (Object.is(v, -0) ? 0 : v))).size;
    case 'sum':
      return nums.length === 0 ? null : nums.reduce((a, b) => a + b, 0);
    case 'mean':
      return nums.length === 0 ? null : nums.reduce((a, b) => a + b, 0) / nums.length;
    case 'std': {
      if (nums.length < 2) return null;
      const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
      return Math.sqrt(nums.reduce((a, b) => a + (b - mean) ** 2, 0) / (nums.length - 1));
    }
    case 'median': {
      if (nums.length === 0) return null;
      const s = [...nums].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
    }
    case 'min':
    case 'max': {
      if (present.length === 0) return null;
      let best = present[0] as number | string;
      for (const v of present) if (op === 'min' ? v < best : v > best) best = v;
      return best;
    }
  }
}

const numericOps: AggregateOp[] = ['count', 'sum', 'mean', 'min', 'max', 'median', 'std', 'distinct_count'];
const anyOps: AggregateOp[] = ['count', 'min', 'max', 'distinct_count'];

describe('groupBy', () => {
  it('equals a row-by-row reference on random tables with nulls', () => {
    const arb = fc.record({
      raw: rawTableArb(),
      keys: fc.subarray<ColumnName>(['x', 'i', 's', 'c', 'b', 'd'], { maxLength: 3 }),
      aggs: fc.array(
        fc.oneof(
          fc.record({ column: fc.constantFrom<ColumnName>('x', 'i', 'b'), op: fc.constantFrom(...numericOps) }),
          fc.record({ column: fc.constantFrom<ColumnName>('s', 'c', 'd'), op: fc.constantFrom(...anyOps) }),
        ),
        { maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(arb, ({ raw, keys, aggs }) => {
        const specs = [{ op: 'count' as const, as: 'rows' }, ...aggs.map((a, k) => ({ ...a, as: `a${k}` }))];
        const out = groupBy(toArrow(raw), keys, specs);
        const rows = rowsOf(raw.columns);
        const col = (name: string) => raw.names.indexOf(name as ColumnName);
        const groups = new Map<string, Cell[][]>();
        for (const row of rows) {
          const key = keyOf(keys.map((k) => row[col(k)] ?? null));
          groups.set(key, [...(groups.get(key) ?? []), row]);
        }
        if (keys.length === 0 && groups.size === 0) groups.set('[]', []);
        const expected = [...groups.values()].map((members) => [
          ...keys.map((k) => members[0]?.[col(k)] ?? null),
          members.length,
          ...aggs.map((a) =>
            reference(
              a.op,
              members.map((r) => r[col(a.column)] ?? null),
            ),
          ),
        ]);
        const got = rowsOf(fromArrow(out));
        const normalise = (rs: Cell[][]) => rs.map((r) => r.map((v) => (typeof v === 'boolean' ? Number(v) : Object.is(v, -0) ? 0 : v)));
        expect(normalise(got)).toEqual(normalise(expected));
      }),
    );
  });

  it('puts nulls in one group and counts an all-null column as empty', () => {
    const raw = {
      names: ['s', 'x'] as ColumnName[],
      columns: [
        [null, 'a', null],
        [null, null, null],
      ],
      chunks: [3],
    };
    const out = groupBy(
      toArrow(raw),
      ['s'],
      [
        { op: 'count', as: 'n' },
        { column: 'x', op: 'count', as: 'nx' },
        { column: 'x', op: 'sum', as: 'sx' },
        { column: 'x', op: 'std', as: 'sd' },
      ],
    );
    expect(rowsOf(fromArrow(out))).toEqual([
      [null, 2, 0, null, null],
      ['a', 1, 0, null, null],
    ]);
  });

  it('gives one group for an empty table without keys and none with keys', () => {
    const raw = { names: ['x'] as ColumnName[], columns: [[]], chunks: [0] };
    expect(
      rowsOf(
        fromArrow(
          groupBy(
            toArrow(raw),
            [],
            [
              { op: 'count', as: 'n' },
              { column: 'x', op: 'sum', as: 's' },
            ],
          ),
        ),
      ),
    ).toEqual([[0, null]]);
    expect(groupBy(toArrow(raw), ['x'], [{ op: 'count', as: 'n' }]).numRows).toBe(0);
  });

  it('orders category groups by first row and skips unused dictionary entries', () => {
    const t = tableFromColumns(
      ['k', 'v'],
      [dictionaryVector(Int32Array.of(2, 0, 2, 0, 2), ['a', 'b', 'c']), float64Vector(Float64Array.of(1, 2, 3, 4, 5))],
    );
    expect(
      rowsOf(
        fromArrow(
          groupBy(
            t,
            ['k'],
            [
              { column: 'v', op: 'sum', as: 's' },
              { op: 'count', as: 'n' },
            ],
          ),
        ),
      ),
    ).toEqual([
      ['c', 9, 3],
      ['a', 6, 2],
    ]);
  });

  it('refuses sum over strings and unknown columns', () => {
    const t = toArrow({ names: ['s'], columns: [['a']], chunks: [1] });
    expect(() => groupBy(t, [], [{ column: 's', op: 'sum', as: 'x' }])).toThrow(/number column/);
    expect(() => groupBy(t, ['nope'], [])).toThrow(/no column "nope"/);
  });
});
