import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, type ColumnName, fromArrow, rawTableArb, rowsOf, toArrow } from './testing/arbitraries';
import { windowColumns } from './window-columns';

const cmp = (a: Cell, b: Cell) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

describe('windowColumns', () => {
  it('equals a per-partition row-by-row reference', () => {
    const arb = fc.record({
      raw: rawTableArb(['x', 'i', 's', 'c']),
      partitionBy: fc.subarray<ColumnName>(['s', 'c'], { maxLength: 2 }),
      order: fc.constantFrom<ColumnName>('i', 'x', 's'),
      offset: fc.integer({ min: 1, max: 3 }),
      window: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(arb, ({ raw, partitionBy, order, offset, window }) => {
        const out = windowColumns(toArrow(raw), {
          partitionBy,
          orderBy: [{ column: order }],
          ops: [
            { op: 'row_number', as: 'rn' },
            { op: 'rank', as: 'rk' },
            { op: 'lag', column: 'x', offset, as: 'lag' },
            { op: 'lead', column: 's', offset, as: 'lead' },
            { op: 'rolling_sum', column: 'x', window, as: 'rs' },
            { op: 'rolling_mean', column: 'i', window, as: 'rm' },
          ],
        });
        const at = (n: ColumnName) => raw.names.indexOf(n);
        const rows = rowsOf(raw.columns);
        const expected = rows.map((row) => [...row]);
        const partKey = (r: Cell[]) => JSON.stringify(partitionBy.map((p) => r[at(p)]));
        for (const key of new Set(rows.map(partKey))) {
          const members = rows
            .map((r, i) => ({ r, i }))
            .filter(({ r }) => partKey(r) === key)
            .sort((p, q) => cmp(p.r[at(order)] ?? null, q.r[at(order)] ?? null) || p.i - q.i);
          members.forEach(({ r, i }, k) => {
            const firstTie = members.findIndex((m) => cmp(m.r[at(order)] ?? null, r[at(order)] ?? null) === 0);
            const frame = members.slice(Math.max(0, k - window + 1), k + 1);
            const xs = frame.map((m) => m.r[at('x')]).filter((v): v is number => v !== null);
            const is = frame.map((m) => m.r[at('i')]).filter((v): v is number => v !== null);
            expected[i]?.push(
              k + 1,
              firstTie + 1,
              members[k - offset]?.r[at('x')] ?? null,
              members[k + offset]?.r[at('s')] ?? null,
              xs.length ? xs.reduce((a, b) => a + b, 0) : null,
              is.length ? is.reduce((a, b) => a + b, 0) / is.length : null,
            );
          });
        }
        const got = rowsOf(fromArrow(out));
        expect(got.map((r) => r.map((v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)))).toEqual(
          expected.map((r) => r.map((v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v))),
        );
      }),
    );
  });
});
