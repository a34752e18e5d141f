import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dedupeTable } from './dedupe-table';
import { sortTable } from './sort-table';
import { type Cell, type ColumnName, fromArrow, rawTableArb, rowsOf, toArrow } from './testing/arbitraries';

const norm = (rows: Cell[][]) => rows.map((r) => r.map((v) => (Object.is(v, -0) ? 0 : v)));
const keyArb = fc.record({
  column: fc.constantFrom<ColumnName>('x', 'i', 's', 'c', 'b', 'd'),
  descending: fc.boolean(),
  nullsFirst: fc.boolean(),
});

function compareCells(a: Cell, b: Cell, descending: boolean, nullsFirst: boolean): number {
  if (a === null || b === null) return a === b ? 0 : (a === null) === nullsFirst ? -1 : 1;
  const x = typeof a === 'boolean' ? Number(a) : a;
  const y = typeof b === 'boolean' ? Number(b) : b;
  if (x === y) return 0;
  return (x < y ? -1 : 1) * (descending ? -1 : 1);
}

describe('sortTable', () => {
  it('equals a stable row sort on random tables with nulls', () => {
    fc.assert(
      fc.property(rawTableArb(), fc.array(keyArb, { minLength: 1, maxLength: 3 }), (raw, keys) => {
        const out = sortTable(toArrow(raw), keys);
        const at = (n: ColumnName) => raw.names.indexOf(n);
        const expected = rowsOf(raw.columns)
          .map((row, i) => ({ row, i }))
          .sort((p, q) => {
            for (const k of keys) {
              const c = compareCells(p.row[at(k.column)] ?? null, q.row[at(k.column)] ?? null, k.descending, k.nullsFirst);
              if (c !== 0) return c;
            }
            return p.i - q.i;
          })
          .map((p) => p.row);
        expect(norm(rowsOf(fromArrow(out)))).toEqual(norm(expected));
      }),
    );
  });

  it('puts NaN after every number and before nulls', () => {
    const t = toArrow({ names: ['x'], columns: [[null, Number.NaN, 2, -1]], chunks: [4] });
    expect(rowsOf(fromArrow(sortTable(t, [{ column: 'x' }])))).toEqual([[-1], [2], [Number.NaN], [null]]);
  });
});

describe('dedupeTable', () => {
  it('keeps the first row of each distinct key, nulls equal', () => {
    fc.assert(
      fc.property(
        rawTableArb(['i', 's', 'c', 'b']),
        fc.option(fc.subarray<ColumnName>(['i', 's', 'c', 'b'], { minLength: 1 }), { nil: undefined }),
        (raw, columns) => {
          const out = dedupeTable(toArrow(raw), columns);
          const cols = (columns ?? raw.names).map((n) => raw.names.indexOf(n));
          const seen = new Set<string>();
          const expected = rowsOf(raw.columns).filter((row) => {
            const key = JSON.stringify(cols.map((c) => row[c]));
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
          expect(rowsOf(fromArrow(out))).toEqual(expected);
        },
      ),
    );
  });

  it('treats 0 and -0 as one value', () => {
    const t = toArrow({ names: ['x'], columns: [[0, -0, 1]], chunks: [2, 1] });
    expect(dedupeTable(t).numRows).toBe(2);
  });
});
