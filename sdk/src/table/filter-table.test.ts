import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterTable } from './filter-table';
import { fromArrow, rawTableArb, rowsOf, toArrow } from './testing/arbitraries';

describe('filterTable', () => {
  it('keeps exactly the masked rows, in order, on random tables', () => {
    const arb = rawTableArb().chain((raw) =>
      fc.tuple(
        fc.constant(raw),
        fc.array(fc.constantFrom(0, 1, 7), { minLength: raw.columns[0]?.length ?? 0, maxLength: raw.columns[0]?.length ?? 0 }),
      ),
    );
    fc.assert(
      fc.property(arb, ([raw, mask]) => {
        const out = filterTable(toArrow(raw), Uint8Array.from(mask));
        const expected = rowsOf(raw.columns).filter((_, i) => mask[i] !== 0);
        expect(rowsOf(fromArrow(out))).toEqual(expected);
        expect(out.schema.fields.map((f) => String(f.type))).toEqual(toArrow(raw).schema.fields.map((f) => String(f.type)));
      }),
    );
  });

  it('returns an empty table with the same columns when nothing is kept', () => {
    const raw = {
      names: ['x' as const, 'c' as const],
      columns: [
        [1, 2],
        ['a', 'b'],
      ],
      chunks: [2],
    };
    const out = filterTable(toArrow(raw), new Uint8Array(2));
    expect(out.numRows).toBe(0);
    expect(out.schema.fields.map((f) => f.name)).toEqual(['x', 'c']);
  });

  it('refuses a mask of the wrong length', () => {
    expect(() => filterTable(toArrow({ names: ['x'], columns: [[1]], chunks: [1] }), new Uint8Array(2))).toThrow(/2 entries for 1 rows/);
  });
});
