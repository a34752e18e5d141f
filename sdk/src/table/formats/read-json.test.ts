import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../testkit/rows-of';
import { readJson } from './read-json';
import { writeJson } from './write-json';

const bytes = (text: string) => new TextEncoder().encode(text);
const typesOf = (table: { schema: { fields: { name: string; type: unknown }[] } }) =>
  table.schema.fields.map((f) => [f.name, String(f.type)]);

function ok(text: string, options = {}) {
  const r = readJson(bytes(text), options);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
}

describe('readJson', () => {
  it('reads an array of records with inferred types and missing keys as null', () => {
    const table = ok('[{"id":1,"x":1.5,"ok":true,"day":"2024-01-02","name":"a"},{"id":2,"ok":false,"name":"b","extra":"z"}]');
    expect(typesOf(table)).toEqual([
      ['id', 'Int32'],
      ['x', 'Float64'],
      ['ok', 'Bool'],
      ['day', 'Date64<MILLISECOND>'],
      ['name', 'Utf8'],
      ['extra', 'Utf8'],
    ]);
    const cities = ok('[{"c":"NL"},{"c":"NL"},{"c":"BE"},{"c":"NL"}]');
    expect(typesOf(cities)).toEqual([['c', 'Dictionary<Int32, Utf8>']]);
    expect(rowsOf(cities).map((r) => r.c)).toEqual(['NL', 'NL', 'BE', 'NL']);
    expect(rowsOf(table).map((r) => [r.id, r.x, r.ok, r.name, r.extra])).toEqual([
      [1, 1.5, true, 'a', null],
      [2, null, false, 'b', 'z'],
    ]);
  });

  it('reads NDJSON, detected from the first character, skipping blank lines and CRLF', () => {
    const table = ok('{"a":1}\r\n\r\n{"a":2,"b":"2024-01-02T10:00:00Z"}\n');
    expect(rowsOf(table)).toEqual([
      { a: 1, b: null },
      { a: 2, b: new Date(Date.UTC(2024, 0, 2, 10)) },
    ]);
    expect(typesOf(table)[1]).toEqual(['b', 'Timestamp<MILLISECOND, UTC>']);
  });

  it('keeps nested values as JSON text, or fails on them when asked', () => {
    expect(rowsOf(ok('[{"a":{"b":[1,2]}}]'))).toEqual([{ a: '{"b":[1,2]}' }]);
    const r = readJson(bytes('[{"a":1},{"a":[1]}]'), { nested: 'fail' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/Column "a" row 2 holds a nested value/);
  });

  it('turns mixed kinds into text and large integers into Float64', () => {
    const table = ok('[{"m":1,"big":3000000000},{"m":"x","big":1}]', { categoryMaxRatio: 0 });
    expect(typesOf(table)).toEqual([
      ['m', 'Utf8'],
      ['big', 'Float64'],
    ]);
    expect(rowsOf(table)).toEqual([
      { m: '1', big: 3000000000 },
      { m: 'x', big: 1 },
    ]);
  });

  it('reports bad JSON with its line and column', () => {
    const array = readJson(bytes('[\n  {"a": 1},\n  {"a": tru}\n]'));
    expect(array).toMatchObject({ ok: false, issues: [{ code: 'INPUT_INVALID', path: ['line', 3, 'column', 12] }] });
    if (!array.ok) expect(array.issues[0]?.message).toBe('Invalid JSON at line 3, column 12: unexpected "}".');
    const nd = readJson(bytes('{"a":1}\n{"a":2\n'));
    expect(nd).toMatchObject({ ok: false, issues: [{ path: ['line', 2, 'column', 7] }] });
    if (!nd.ok) expect(nd.issues[0]?.message).toMatch(/line 2, column 7: the JSON ends too early/);
  });

  it('refuses what is not records: scalars, a non-object line, empty input, invalid UTF-8', () => {
    expect(readJson(bytes('[1,2]'))).toMatchObject({
      ok: false,
      issues: [{ path: [0], message: 'Item 0 of the array is not an object.' }],
    });
    expect(readJson(bytes('{"a":1}\n[1]\n'))).toMatchObject({ ok: false, issues: [{ path: ['line', 2] }] });
    expect(readJson(bytes('  \n'))).toMatchObject({ ok: false, issues: [{ message: 'The file is empty.' }] });
    expect(readJson(new Uint8Array([0x5b, 0xff, 0x5d]))).toMatchObject({
      ok: false,
      issues: [{ message: 'The file is not valid UTF-8 text.' }],
    });
    expect(readJson(bytes('{"a":1}'), { format: 'array' }).ok).toBe(false);
  });

  it('keeps __proto__ as an ordinary column', () => {
    expect(rowsOf(ok('[{"__proto__":1,"b":2}]'))).toEqual([{ ['__proto__']: 1, b: 2 }]);
  });

  it('round-trips random records through writeJson (NDJSON and array)', () => {
    const record = fc.record({ n: fc.option(fc.integer({ min: -1000, max: 1000 })), s: fc.option(fc.string()), b: fc.boolean() });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 30 }), fc.constantFrom('ndjson', 'array' as const), (records, format) => {
        const table = ok(records.map((r) => JSON.stringify(r)).join('\n'), { categoryMaxDistinct: 0 });
        const again = ok(new TextDecoder().decode(writeJson(table, format)), { categoryMaxDistinct: 0 });
        const expected = records.map((r) => ({ n: r.n, s: r.s, b: r.b }));
        expect(rowsOf(again)).toEqual(rowsOf(table));
        expect(rowsOf(table).map((r) => ({ n: r.n, s: r.s, b: r.b }))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
