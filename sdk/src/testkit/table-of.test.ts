import { Type } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors/errors';
import { tableSchemaOf } from '../ports/arrow-schema';
import { rowsOf } from './rows-of';
import { tableOf } from './table-of';

describe('tableOf', () => {
  it('infers integer, number, string, boolean and date columns, with nulls', () => {
    const table = tableOf({
      age: [31, null, 40],
      score: [0.5, 1, null],
      name: ['a', 'b', null],
      ok: [true, null, false],
      when: [new Date('2024-01-02T00:00:00Z'), null, new Date('2024-03-04T05:06:07Z')],
      empty: [null, null, null],
    });
    expect(tableSchemaOf(table).columns).toEqual([
      { name: 'age', type: 'integer', nullable: true },
      { name: 'score', type: 'number', nullable: true },
      { name: 'name', type: 'string', nullable: true },
      { name: 'ok', type: 'boolean', nullable: true },
      { name: 'when', type: 'date', nullable: true },
      { name: 'empty', type: 'string', nullable: true },
    ]);
    expect(table.getChild('age')?.type.typeId).toBe(Type.Int);
    expect(table.getChild('score')?.type.typeId).toBe(Type.Float);
    expect(rowsOf(table)[2]).toEqual({ age: 40, score: null, name: null, ok: false, when: new Date('2024-03-04T05:06:07Z'), empty: null });
  });

  it('marks a field nullable only when its column holds a null', () => {
    const table = tableOf({ a: [1, 2], b: [1, null] });
    expect(table.schema.fields.map((f) => f.nullable)).toEqual([false, true]);
  });

  it('builds explicit types: category as a dictionary, integer as Int32, number as Float64, date from text', () => {
    const table = tableOf(
      { city: ['NL', 'BE', 'NL', null], n: [1, 2, 3, 4], x: [1, 2, 3, 4], d: ['2024-01-01', null, 0, new Date(86_400_000)] },
      { city: 'category', n: 'number', x: 'integer', d: 'date' },
    );
    const city = table.getChild('city');
    expect(city?.type.typeId).toBe(Type.Dictionary);
    expect(String(city?.type)).toBe('Dictionary<Int32, Utf8>');
    expect(String(table.getChild('n')?.type)).toBe('Float64');
    expect(String(table.getChild('x')?.type)).toBe('Int32');
    expect(String(table.getChild('d')?.type)).toBe('Date64<MILLISECOND>');
    expect(rowsOf(table).map((r) => r.city)).toEqual(['NL', 'BE', 'NL', null]);
    expect(rowsOf(table).map((r) => r.d)).toEqual([new Date('2024-01-01'), null, new Date(0), new Date(86_400_000)]);
  });

  it('uses number for numbers that are not 32-bit integers', () => {
    expect(tableSchemaOf(tableOf({ big: [1, 2 ** 40] })).columns[0]?.type).toBe('number');
  });

  it('refuses mixed kinds, ragged columns and values that do not fit a given type', () => {
    expect(() => tableOf({ a: [1, 'x'] })).toThrow(/mixes number and string/);
    expect(() => tableOf({ a: [1, 2], b: [1] })).toThrow(UserError);
    expect(() => tableOf({ a: [1.5] }, { a: 'integer' })).toThrow(/1.5 is not a integer/);
    expect(() => tableOf({ a: ['not a date'] }, { a: 'date' })).toThrow(/not a date/);
  });

  it('builds an empty table', () => {
    const table = tableOf({});
    expect(table.numRows).toBe(0);
    expect(table.numCols).toBe(0);
  });

  it('round-trips any columns of ints, floats, strings and booleans through rowsOf', () => {
    const cell = fc.oneof(fc.constant(null), fc.integer({ min: -1000, max: 1000 }));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, fc.option(fc.string()), fc.option(fc.boolean()), fc.option(fc.double({ noNaN: true }))), { maxLength: 30 }),
        (rows) => {
          const table = tableOf(
            { i: rows.map((r) => r[0]), s: rows.map((r) => r[1]), b: rows.map((r) => r[2]), f: rows.map((r) => r[3]) },
            { i: 'integer', s: 'string', b: 'boolean', f: 'number' },
          );
          expect(rowsOf(table)).toEqual(rows.map(([i, s, b, f]) => ({ i, s, b, f })));
        },
      ),
    );
  });
});

describe('rowsOf', () => {
  it('keeps a column named __proto__ as a plain field', () => {
    const rows = rowsOf(tableOf({ ['__proto__']: [1] }));
    expect(Object.keys(rows[0] ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  });
});
