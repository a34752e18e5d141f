import {
  Bool,
  DateMillisecond,
  Dictionary,
  Float64,
  Int32,
  makeData,
  makeVector,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnTypeOf } from '../../ports/arrow-schema';
import { parseCsv } from './parse-csv';
import { writeCsv, writeCsvChunks } from './write-csv';

const day = 86_400_000;

function reread(text: string, types?: Record<string, 'integer' | 'number' | 'boolean' | 'date' | 'string' | 'category'>) {
  const r = parseCsv(new TextEncoder().encode(text), { header: true, delimiter: ',', ...(types ? { types } : {}) });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.table;
}

describe('writeCsv', () => {
  it('quotes what must be quoted, writes nulls empty and guards formulas', () => {
    const table = new Table({
      text: vectorFromArray(['a,b', 'say "hi"', 'two\nlines', '', 'NA', null, '=SUM(A1)', '+1', '-x', '@me', '\tx', 'plain'], new Utf8()),
    });
    expect(writeCsv(table)).toBe(`text\n"a,b"\n"say ""hi"""\n"two\nlines"\n""\n"NA"\n\n'=SUM(A1)\n'+1\n'-x\n'@me\n'\tx\nplain\n`);
    expect(writeCsv(table, { delimiter: ';', header: false, lineEnding: '\r\n' }).split('\r\n')[0]).toBe('a,b');
  });

  it('writes dates as ISO and numbers and booleans as they read back', () => {
    const table = new Table({
      d: makeVector(makeData({ type: new DateMillisecond(), length: 1, data: new BigInt64Array([BigInt(19_000 * day)]) })),
      t: makeVector(
        makeData({ type: new TimestampMillisecond('UTC'), length: 1, data: new BigInt64Array([BigInt(19_000 * day + 3_723_004)]) }),
      ),
      x: vectorFromArray([0.1 + 0.2], new Float64()),
      b: vectorFromArray([true], new Bool()),
    });
    expect(writeCsv(table)).toBe('d,t,x,b\n2022-01-08,2022-01-08T01:02:03.004Z,0.30000000000000004,true\n');
  });

  it('keeps the time of day a date column holds', () => {
    const ms = [19_000 * day, 19_000 * day + 9 * 3_600_000];
    const table = new Table({
      d: makeVector(makeData({ type: new DateMillisecond(), length: 2, data: BigInt64Array.from(ms, BigInt) })),
    });
    expect(writeCsv(table)).toBe('d\n2022-01-08\n2022-01-08T09:00:00Z\n');
    expect(reread(writeCsv(table), { d: 'date' }).getChild('d')?.toArray()).toEqual(BigInt64Array.from(ms, BigInt));
  });

  it('streams big tables in pieces that join to the whole', () => {
    const table = new Table({
      n: vectorFromArray(
        Array.from({ length: 25 }, (_, i) => i),
        new Int32(),
      ),
    });
    const pieces = [...writeCsvChunks(table, {}, 10)];
    expect(pieces).toHaveLength(4);
    expect(pieces.join('')).toBe(writeCsv(table));
  });

  it('round-trips through parseCsv with inferred types', () => {
    const table = new Table({
      id: vectorFromArray([1, 2, 3, 4], new Int32()),
      x: vectorFromArray([1.5, -0.25, null, 1e-300], new Float64()),
      ok: vectorFromArray([true, false, null, true], new Bool()),
      city: vectorFromArray(['Oslo', 'Oslo', 'Rome', 'Oslo'], new Dictionary(new Utf8(), new Int32())),
    });
    const back = reread(writeCsv(table));
    expect(back.schema.fields.map((f) => columnTypeOf(f.type))).toEqual(['integer', 'number', 'boolean', 'category']);
    expect(back.toArray().map((r) => r.toJSON())).toEqual(table.toArray().map((r) => r.toJSON()));
  });

  it('round-trips random tables of every column type (property)', () => {
    const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { freq: 5, nil: null });
    const row = fc.record({
      i: nullable(fc.integer({ min: -2147483648, max: 2147483647 })),
      f: nullable(fc.double({ noNaN: true }).map((d) => (Object.is(d, -0) ? 0 : d))),
      b: nullable(fc.boolean()),
      d: nullable(fc.integer({ min: -700_000, max: 2_900_000 }).map((n) => n * day)),
      t: nullable(fc.integer({ min: -6e13, max: 2.5e14 })),
      s: nullable(fc.string({ unit: 'grapheme', maxLength: 8 })),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const column = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
        const table = new Table({
          i: vectorFromArray(column('i'), new Int32()),
          f: vectorFromArray(column('f'), new Float64()),
          b: vectorFromArray(column('b'), new Bool()),
          d: makeVector(
            makeData({
              type: new DateMillisecond(),
              length: rows.length,
              data: BigInt64Array.from(column('d'), (v) => BigInt(v ?? 0)),
              nullBitmap: bits(column('d')),
            }),
          ),
          t: makeVector(
            makeData({
              type: new TimestampMillisecond('UTC'),
              length: rows.length,
              data: BigInt64Array.from(column('t'), (v) => BigInt(v ?? 0)),
              nullBitmap: bits(column('t')),
            }),
          ),
          s: vectorFromArray(column('s'), new Utf8()),
        });
        const back = reread(writeCsv(table), { i: 'integer', f: 'number', b: 'boolean', d: 'date', t: 'date', s: 'string' });
        const guarded = (s: string | null) => (s !== null && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
        expect(back.toArray().map((r) => r.toJSON())).toEqual(rows.map((r) => ({ ...r, s: guarded(r.s) })));
      }),
      { numRuns: 200 },
    );
  });
});

function bits(values: (number | null)[]): Uint8Array {
  const out = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v !== null) out[i >> 3] = (out[i >> 3] as number) | (1 << (i & 7));
  });
  return out;
}
