import { describe, expect, it } from 'vitest';
import { float64Vector, utf8Vector } from './build-vector';
import { tableFromColumns } from './table-from-columns';
import { withColumns } from './with-columns';

const table = () => tableFromColumns(['a', 'b'], [float64Vector(new Float64Array([1, 2])), utf8Vector(['x', 'y'])]);
const rows = (t: ReturnType<typeof table>) => t.toArray().map((r) => r.toJSON());

describe('withColumns', () => {
  it('replaces a column in its place and appends new ones in the order given', () => {
    const out = withColumns(table(), { c: float64Vector(new Float64Array([5, 6])), a: utf8Vector(['p', null]) });
    expect(out.schema.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual([
      ['a', 'Utf8', true],
      ['b', 'Utf8', false],
      ['c', 'Float64', false],
    ]);
    expect(rows(out)).toEqual([
      { a: 'p', b: 'x', c: 5 },
      { a: null, b: 'y', c: 6 },
    ]);
  });

  it('keeps the order of a Map, numeric-looking names included, and shares untouched columns', () => {
    const source = table();
    const out = withColumns(
      source,
      new Map([
        ['2025', utf8Vector(['q', 'r'])],
        ['1999', utf8Vector(['s', 't'])],
      ]),
    );
    expect(out.schema.fields.map((f) => f.name)).toEqual(['a', 'b', '2025', '1999']);
    expect(out.getChild('a')?.data[0]?.values).toBe(source.getChild('a')?.data[0]?.values);
  });

  it('names a column whose length is not the table’s', () => {
    expect(() => withColumns(table(), { c: float64Vector(new Float64Array([1])) })).toThrow(
      'withColumns: column "c" has 1 rows, the table 2',
    );
  });

  it('builds a table from nothing', () => {
    const empty = tableFromColumns([], []);
    expect(rows(withColumns(empty, { z: utf8Vector(['only']) }))).toEqual([{ z: 'only' }]);
  });
});
