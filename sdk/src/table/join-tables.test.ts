import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dictionaryVector, float64Vector, utf8Vector } from './build-vector';
import { joinTables } from './join-tables';
import { tableFromColumns } from './table-from-columns';
import { type Cell, type ColumnName, fromArrow, type RawTable, rawTableArb, rowsOf, toArrow } from './testing/arbitraries';

type How = 'inner' | 'left' | 'right' | 'full';
const same = (a: Cell, b: Cell) => a !== null && b !== null && (a === b || (typeof a === 'number' && a === b));

function referenceJoin(left: RawTable, right: RawTable, on: [ColumnName, ColumnName][], how: How): Cell[][] {
  const lrows = rowsOf(left.columns);
  const rrows = rowsOf(right.columns);
  const li = (n: ColumnName) => left.names.indexOf(n);
  const ri = (n: ColumnName) => right.names.indexOf(n);
  const merged = on.filter(([l, r]) => l === r).map(([l]) => l);
  const rightKept = right.names.map((_n, k) => k).filter((k) => !merged.includes(right.names[k] as ColumnName));
  const out: Cell[][] = [];
  const rightMatched = new Set<number>();
  const emit = (l: Cell[] | null, r: Cell[] | null) => {
    const leftPart = left.names.map((n, k) => {
      if (l) return l[k] ?? null;
      return merged.includes(n) && r ? (r[ri(n)] ?? null) : null;
    });
    out.push([...leftPart, ...rightKept.map((k) => (r ? (r[k] ?? null) : null))]);
  };
  for (const l of lrows) {
    let any = false;
    rrows.forEach((r, k) => {
      if (on.every(([a, b]) => same(l[li(a)] ?? null, r[ri(b)] ?? null))) {
        emit(l, r);
        rightMatched.add(k);
        any = true;
      }
    });
    if (!any && (how === 'left' || how === 'full')) emit(l, null);
  }
  if (how === 'right' || how === 'full')
    rrows.forEach((r, k) => {
      if (!rightMatched.has(k)) emit(null, r);
    });
  return out;
}

const norm = (rows: Cell[][]) => rows.map((r) => r.map((v) => (Object.is(v, -0) ? 0 : v)));

describe('joinTables', () => {
  it('equals a nested-loop reference for every join kind, either side larger', () => {
    const keyPairs: [ColumnName, ColumnName][][] = [
      [['i', 'i']],
      [['s', 'c']],
      [
        ['c', 'c'],
        ['i', 'i'],
      ],
      [['x', 'x']],
      [
        ['b', 'b'],
        ['s', 's'],
      ],
    ];
    const arb = fc.record({
      left: rawTableArb(['x', 'i', 's', 'c', 'b'], 25),
      right: rawTableArb(['x', 'i', 's', 'c', 'b'], 25),
      on: fc.constantFrom(...keyPairs),
      how: fc.constantFrom<How>('inner', 'left', 'right', 'full'),
    });
    fc.assert(
      fc.property(arb, ({ left, right, on, how }) => {
        const out = joinTables(toArrow(left), toArrow(right), { on, how });
        expect(norm(rowsOf(fromArrow(out)))).toEqual(norm(referenceJoin(left, right, on, how)));
      }),
      { numRuns: 150 },
    );
  });

  it('a lookup join (category key on the left, unique keys on the right) equals the reference', () => {
    const uniqueBy = (t: RawTable, key: ColumnName): RawTable => {
      const k = t.names.indexOf(key);
      const seen = new Set<Cell>();
      const keep = (t.columns[k] ?? []).map((v) => {
        if (v === null) return true;
        if (seen.has(v)) return false;
        seen.add(v);
        return true;
      });
      const columns = t.columns.map((col) => col.filter((_, r) => keep[r]));
      return { ...t, columns, chunks: [columns[0]?.length ?? 0] };
    };
    const arb = fc
      .record({
        left: rawTableArb(['c', 'x'], 30),
        right: rawTableArb(['s', 'c', 'x', 'i', 'b'], 12),
        on: fc.constantFrom<[ColumnName, ColumnName][]>([['c', 'c']], [['c', 's']]),
        how: fc.constantFrom<How>('inner', 'left'),
      })
      .map((r) => ({ ...r, right: uniqueBy(r.right, (r.on[0] as [ColumnName, ColumnName])[1]) }));
    fc.assert(
      fc.property(arb, ({ left, right, on, how }) => {
        const out = joinTables(toArrow(left), toArrow(right), { on, how });
        expect(norm(rowsOf(fromArrow(out)))).toEqual(norm(referenceJoin(left, right, on, how)));
      }),
      { numRuns: 200 },
    );
  });

  it('a lookup join reads a sliced right table from its first row', () => {
    const left = tableFromColumns(
      ['k', 'a'],
      [dictionaryVector(Int32Array.of(0, 1, 0), ['p', 'q']), float64Vector(Float64Array.of(1, 2, 3))],
    );
    const whole = tableFromColumns(['k', 'w'], [utf8Vector(['zz', 'q', 'p']), float64Vector(Float64Array.of(0, 20, 10))]);
    const right = whole.slice(1);
    expect(rowsOf(fromArrow(joinTables(left, right, { on: [['k', 'k']] })))).toEqual([
      ['p', 1, 10],
      ['q', 2, 20],
      ['p', 3, 10],
    ]);
  });

  it('suffixes clashing names and keeps differing key names apart', () => {
    const left = toArrow({
      names: ['i', 'x'],
      columns: [
        [1, 2, null],
        [10, 20, 30],
      ],
      chunks: [3],
    });
    const right = toArrow({
      names: ['i', 'x'],
      columns: [
        [2, 2, null],
        [7, 8, 9],
      ],
      chunks: [3],
    });
    const out = joinTables(left, right, { on: [['x', 'i']], how: 'inner', suffix: '_r' });
    expect(out.schema.fields.map((f) => f.name)).toEqual(['i', 'x', 'i_r', 'x_r']);
    expect(out.numRows).toBe(0);
    const byI = joinTables(left, right, { on: [['i', 'i']], how: 'full' });
    expect(byI.schema.fields.map((f) => f.name)).toEqual(['i', 'x', 'x_right']);
    expect(rowsOf(fromArrow(byI))).toEqual([
      [1, 10, null],
      [2, 20, 7],
      [2, 20, 8],
      [null, 30, null],
      [null, null, 9],
    ]);
  });

  it('merges a category key with a string key of the same name unless the join keeps unmatched right rows', () => {
    const left = tableFromColumns(
      ['k', 'a'],
      [dictionaryVector(Int32Array.of(0, 1, 0), ['p', 'q']), float64Vector(Float64Array.of(1, 2, 3))],
    );
    const right = tableFromColumns(['k', 'b'], [utf8Vector(['q', 'r']), float64Vector(Float64Array.of(20, 30))]);
    const inner = joinTables(left, right, { on: [['k', 'k']] });
    expect(rowsOf(fromArrow(inner))).toEqual([['q', 2, 20]]);
    expect(String(inner.schema.fields[0]?.type)).toBe(String(left.schema.fields[0]?.type));
    const full = joinTables(left, right, { on: [['k', 'k']], how: 'full' });
    expect(full.schema.fields.map((f) => f.name)).toEqual(['k', 'a', 'k_right', 'b']);
    expect(rowsOf(fromArrow(full))).toEqual([
      ['p', 1, null, null],
      ['q', 2, 'q', 20],
      ['p', 3, null, null],
      [null, null, 'r', 30],
    ]);
  });

  it('refuses keys of different kinds', () => {
    const t = toArrow({ names: ['x', 's'], columns: [[1], ['a']], chunks: [1] });
    expect(() => joinTables(t, t, { on: [['x', 's']] })).toThrow(/types differ/);
  });

  it('joins empty tables', () => {
    const empty = toArrow({ names: ['i'], columns: [[]], chunks: [0] });
    const one = toArrow({ names: ['i'], columns: [[1]], chunks: [1] });
    expect(joinTables(empty, one, { on: [['i', 'i']], how: 'full' }).numRows).toBe(1);
    expect(joinTables(one, empty, { on: [['i', 'i']], how: 'inner' }).numRows).toBe(0);
  });
});
