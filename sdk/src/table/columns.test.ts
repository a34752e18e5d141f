import { Field, Int32, List, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boolVector, dateVector, dictionaryVector, float64Vector, int32Vector, utf8Vector } from './build-vector';
import { readColumn } from './columns';
import { takeRows } from './take-rows';
import { takeVector } from './take-vector';
import { fromArrow, rawTableArb, rowsOf, toArrow, typeOf } from './testing/arbitraries';

describe('readColumn', () => {
  it('reads every kind, single- and multi-chunk, as Arrow reads it', () => {
    fc.assert(
      fc.property(rawTableArb(), (raw) => {
        const table = toArrow(raw);
        raw.names.forEach((name, k) => {
          const col = readColumn(table.getChild(name)!);
          const expected = raw.columns[k]!;
          const got = expected.map((_, i) => {
            if (col.valid && !col.valid[i]) return null;
            if (col.kind === 'number') return col.values[i];
            if (col.kind === 'boolean') return col.values[i] === 1;
            if (col.kind === 'category') return col.dictionary[col.codes[i]!];
            return col.get(i);
          });
          expect(got).toEqual(expected.map((v) => (typeof v === 'number' && Object.is(v, -0) ? -0 : v)));
        });
      }),
    );
  });

  it('reads a single-chunk Float64 column without copying', () => {
    const values = new Float64Array([1, 2, 3]);
    const col = readColumn(float64Vector(values));
    expect(col.kind === 'number' && col.values.buffer).toBe(values.buffer);
  });
});

describe('builders', () => {
  it('round-trip typed arrays and validity through Arrow', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -1e6, max: 1e6 }), { nil: null }), { maxLength: 70 }), (cells) => {
        const valid = Uint8Array.from(cells, (v) => (v === null ? 0 : 1));
        const nums = cells.map((v) => v ?? 0);
        const expectNullable = (vector: { get(i: number): unknown; length: number }, map: (v: number) => unknown) =>
          expect(Array.from({ length: vector.length }, (_, i) => vector.get(i))).toEqual(cells.map((v) => (v === null ? null : map(v))));
        expectNullable(float64Vector(Float64Array.from(nums), valid), (v) => v);
        expectNullable(int32Vector(Int32Array.from(nums), valid), (v) => v);
        expectNullable(
          boolVector(
            Uint8Array.from(nums, (v) => (v > 0 ? 1 : 0)),
            valid,
          ),
          (v) => v > 0,
        );
        expectNullable(utf8Vector(cells.map((v) => (v === null ? null : `é${v}`))), (v) => `é${v}`);
        expectNullable(
          dictionaryVector(
            Int32Array.from(nums, (v) => Math.abs(v) % 3),
            ['x', 'y', 'zé'],
            valid,
          ),
          (v) => ['x', 'y', 'zé'][Math.abs(v) % 3],
        );
        expectNullable(
          dateVector(
            Float64Array.from(nums, (v) => v * 86_400_000),
            valid,
          ),
          (v) => v * 86_400_000,
        );
      }),
    );
  });

  it('builds dates before 1970 and far after', () => {
    const ms = [Date.UTC(1900, 0, 1), Date.UTC(2262, 5, 1), -1];
    const v = dateVector(Float64Array.from(ms));
    expect([v.get(0), v.get(1), v.get(2)]).toEqual(ms);
  });
});

describe('takeRows', () => {
  it('equals picking rows one by one, -1 giving a row of nulls', () => {
    fc.assert(
      fc.property(
        rawTableArb().chain((raw) => {
          const n = raw.columns[0]!.length;
          return fc.tuple(fc.constant(raw), fc.array(fc.integer({ min: -1, max: n - 1 }), { maxLength: 30 }));
        }),
        ([raw, picks]) => {
          const out = takeRows(toArrow(raw), Int32Array.from(picks));
          const rows = rowsOf(raw.columns);
          const expected = picks.map((i) => (i < 0 ? raw.names.map(() => null) : rows[i]!));
          expect(rowsOf(fromArrow(out))).toEqual(expected);
          expect(out.batches.length).toBe(1);
          expect(out.schema.fields.map((f) => String(f.type))).toEqual(raw.names.map((n) => String(typeOf(n))));
        },
      ),
    );
  });

  it('falls back to Arrow builders for nested types, keeping the type', () => {
    const lists = vectorFromArray([[1], [2, 3], null], new List(new Field('item', new Int32(), true)));
    const out = takeVector(lists, new Int32Array([1, -1, 0]));
    expect(String(out.type)).toBe(String(lists.type));
    expect([out.get(0)?.toArray(), out.get(1), out.get(2)?.toArray()]).toEqual([Int32Array.of(2, 3), null, Int32Array.of(1)]);
  });

  it('gathers nothing from an empty table', () => {
    const raw = { names: ['x' as const, 's' as const], columns: [[], []], chunks: [0] };
    const out = takeRows(toArrow(raw), new Int32Array());
    expect(out.numRows).toBe(0);
    expect(out.numCols).toBe(2);
  });
});
