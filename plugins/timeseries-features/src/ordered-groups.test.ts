import { float64Vector, int32Vector, sortOrder, tableFromColumns, utf8Vector } from '@causeway/sdk';
import { tableOf } from '@causeway/sdk/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderedGroups } from './ordered-groups';

describe('orderedGroups', () => {
  it('lists each group in time order, ties in table order, NaN and null times last', () => {
    const table = tableFromColumns(
      ['g', 't'],
      [
        utf8Vector(['a', 'b', 'a', 'a', 'a', 'b', 'a']),
        float64Vector(new Float64Array([3, 1, Number.NaN, 1, 0, 0, 1]), new Uint8Array([1, 1, 1, 1, 0, 1, 1])),
      ],
    );
    const { order, starts } = orderedGroups(table, 't', ['g']);
    expect([...starts]).toEqual([0, 5, 7]);
    expect([...order]).toEqual([3, 6, 0, 2, 4, 5, 1]);
  });

  it('agrees with a stable sort by group then time, for numbers and for text times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.option(fc.integer({ min: -5, max: 5 }), { nil: null })), {
          minLength: 1,
          maxLength: 60,
        }),
        (data) => {
          const valid = Uint8Array.from(data, (d) => (d[1] === null ? 0 : 1));
          const table = tableFromColumns(
            ['g', 't', 'text'],
            [
              int32Vector(Int32Array.from(data, (d) => d[0])),
              float64Vector(
                Float64Array.from(data, (d) => d[1] ?? 0),
                valid,
              ),
              utf8Vector(data.map((d) => (d[1] === null ? null : String.fromCharCode(70 + d[1])))),
            ],
          );
          // Groups come in first-seen order (encodeKeys), rows inside by time (a stable sort).
          const firstSeen = [...new Set(data.map((d) => d[0]))];
          const code = (row: number) => firstSeen.indexOf(data[row]?.[0] as number);
          const expected = [...sortOrder(table, [{ column: 't' }])].sort((a, b) => code(a) - code(b));
          expect([...orderedGroups(table, 't', ['g']).order]).toEqual(expected);
          expect([...orderedGroups(table, 't', ['g']).order]).toEqual([...orderedGroups(table, 'text', ['g']).order]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('treats the table as one group without groupBy', () => {
    const { order, starts } = orderedGroups(tableOf({ t: [2, 1, 3] }), 't', []);
    expect([...order]).toEqual([1, 0, 2]);
    expect([...starts]).toEqual([0, 3]);
  });
});
