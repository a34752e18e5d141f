import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { float64Vector, int32Vector, utf8Vector } from './build-vector';
import { pivotTable } from './pivot-table';
import { tableFromColumns } from './table-from-columns';
import { type Cell, fromArrow, rawTableArb, rowsOf, toArrow } from './testing/arbitraries';
import { unionTables } from './union-tables';
import { unpivotTable } from './unpivot-table';

describe('pivotTable', () => {
  it('equals a reference that fills cells row by row', () => {
    fc.assert(
      fc.property(
        rawTableArb(['s', 'c', 'x']),
        fc.constantFrom('sum' as const, 'count' as const, 'max' as const, 'first' as const),
        (raw, agg) => {
          const out = pivotTable(toArrow(raw), { index: ['s'], columns: 'c', values: 'x', agg });
          const rows = rowsOf(raw.columns);
          const groups: Cell[] = [];
          const labels: string[] = [];
          const cells = new Map<string, Cell[]>();
          for (const [s, c, x] of rows) {
            const label = c === null ? 'null' : String(c);
            if (!groups.includes(s ?? null)) groups.push(s ?? null);
            if (!labels.includes(label)) labels.push(label);
            const key = JSON.stringify([s, label]);
            cells.set(key, [...(cells.get(key) ?? []), x ?? null]);
          }
          const reduce = (xs: Cell[]): Cell => {
            const present = xs.filter((v): v is number => v !== null);
            if (agg === 'count') return present.length;
            if (agg === 'first') return xs.length ? (xs[0] ?? null) : null;
            if (present.length === 0) return null;
            return agg === 'sum' ? present.reduce((a, b) => a + b, 0) : Math.max(...present);
          };
          expect(out.schema.fields.map((f) => f.name)).toEqual(['s', ...labels.map((l) => (l === 's' ? 's_' : l))]);
          const expected = groups.map((g) => [g, ...labels.map((l) => reduce(cells.get(JSON.stringify([g, l])) ?? []))]);
          expect(rowsOf(fromArrow(out)).map((r) => r.map((v) => (Object.is(v, -0) ? 0 : v)))).toEqual(
            expected.map((r) => r.map((v) => (Object.is(v, -0) ? 0 : v))),
          );
        },
      ),
    );
  });
});

describe('unpivotTable', () => {
  it('folds columns into name/value rows, row by row, unifying types', () => {
    fc.assert(
      fc.property(rawTableArb(['s', 'x', 'i']), (raw) => {
        const out = unpivotTable(toArrow(raw), { index: ['s'], columns: ['x', 'i'] });
        const expected = rowsOf(raw.columns).flatMap(([s, x, i]) => [
          [s, 'x', x],
          [s, 'i', i],
        ]);
        expect(rowsOf(fromArrow(out))).toEqual(expected);
        expect(String(out.schema.fields[2]?.type)).toBe('Float64');
      }),
    );
  });
});

describe('unionTables', () => {
  it('stacks by name, null-fills missing columns and unifies types', () => {
    fc.assert(
      fc.property(rawTableArb(['x', 's', 'c']), rawTableArb(['c', 'i']), (a, b) => {
        const out = unionTables([toArrow(a), toArrow(b)], { by: 'name' });
        expect(out.schema.fields.map((f) => f.name)).toEqual(['x', 's', 'c', 'i']);
        const expected = [
          ...rowsOf(a.columns).map(([x, s, c]) => [x, s, c, null]),
          ...rowsOf(b.columns).map(([c, i]) => [null, null, c, i]),
        ];
        expect(rowsOf(fromArrow(out))).toEqual(expected);
      }),
    );
  });

  it('widens Int32 with Float64 and strings with categories, and refuses numbers with strings', () => {
    const a = tableFromColumns(['v', 'w'], [int32Vector(Int32Array.of(1)), utf8Vector(['p'])]);
    const b = toArrow({ names: ['x', 'c'], columns: [[2.5], ['q']], chunks: [1] });
    const renamed = tableFromColumns(['v', 'w'], [b.getChild('x')!, b.getChild('c')!]);
    const out = unionTables([a, renamed]);
    expect(out.schema.fields.map((f) => String(f.type))).toEqual(['Float64', 'Utf8']);
    expect(rowsOf(fromArrow(out))).toEqual([
      [1, 'p'],
      [2.5, 'q'],
    ]);
    const bad = tableFromColumns(['v'], [utf8Vector(['z'])]);
    expect(() => unionTables([tableFromColumns(['v'], [float64Vector(Float64Array.of(1))]), bad])).toThrow(/mixes types/);
  });
});
