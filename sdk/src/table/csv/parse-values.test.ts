import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, parseBoolean, parseDate, parsed, parseNumber } from './parse-values';

const bytes = (text: string) => new TextEncoder().encode(text);
const number = (text: string) => parseNumber(bytes(text), 0, text.length);
const date = (text: string) => parseDate(bytes(text), 0, text.length);

describe('parseNumber', () => {
  it('equals Number() on the shortest form of any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (d) => {
        expect(number(String(d))).toBe(Object.is(d, -0) ? 0 : d);
      }),
    );
  });

  it('equals Number() on fixed and exponent forms with many digits', () => {
    const forms = fc.oneof(
      fc
        .tuple(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e20, max: 1e20 }), fc.integer({ min: 0, max: 20 }))
        .map(([d, k]) => d.toFixed(k)),
      fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 })).map(([d, k]) => d.toExponential(k)),
      fc.stringMatching(/^[+-]?\d{1,25}(\.\d{0,25})?([eE][+-]?\d{1,3})?$/),
    );
    fc.assert(
      fc.property(forms, (text) => {
        expect(number(text)).toBe(Number(text));
      }),
    );
  });

  it('rejects what is not a number and tells integers apart', () => {
    for (const text of ['', '-', '.', 'e5', '1e', '1.2.3', '12a', '0x10', 'Infinityx', '1 2']) expect(number(text)).toBeNaN();
    expect(number(' 42 ')).toBe(42);
    expect(parsed.isInteger).toBe(true);
    expect(number('42.0')).toBe(42);
    expect(parsed.isInteger).toBe(false);
    expect(number('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('parseBoolean and parseDate', () => {
  it('reads true/false, yes/no and 1/0 in any case (the grammar transform.cast shares)', () => {
    const read = (t: string) => parseBoolean(bytes(t), 0, t.length);
    expect(['true', 'TRUE', 'yes', 'YES', '1', ' Yes '].map(read)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(['False', 'no', 'NO', '0'].map(read)).toEqual([0, 0, 0, 0]);
    for (const t of ['', 'y', 'n', 't', 'f', 'ye', 'tru', 'yess', '2', 'on', 'nope', '1.0']) expect(read(t)).toBeNaN();
  });

  it('reads timestamps with an offset as the instant they name, like Date.parse', () => {
    const offsets = fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean());
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9000, 11, 31)), noInvalidDate: true }),
        offsets,
        (d, [sign, h, m, colon]) => {
          const offset = `${sign}${String(h).padStart(2, '0')}${colon ? ':' : ''}${String(m).padStart(2, '0')}`;
          const text = `${d.toISOString().slice(0, 23)}${offset}`;
          expect(date(text)).toBe(
            Date.parse(`${d.toISOString().slice(0, 23)}${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
          );
          expect(parsed.hasTime).toBe(true);
        },
      ),
    );
    expect(date('2024-03-01 12:00+02')).toBe(Date.UTC(2024, 2, 1, 10));
  });

  it('reads ISO dates and date-times as UTC milliseconds, like Date.UTC', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(date(iso)).toBe(d.getTime());
        expect(parsed.hasTime).toBe(true);
        expect(date(iso.slice(0, 10))).toBe(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
        expect(parsed.hasTime).toBe(false);
      }),
    );
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
  });

  it('rejects impossible dates', () => {
    for (const text of [
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-01-32',
      '2024-1-01',
      '2024-01-01T25:00',
      '2024-01-01T10:00:00+2:00',
      '2024-01-01T10:00:00+02:',
      '2024-01-01T10:00:00+24:00',
      '2024-01-01T10:00:00+02:60',
      '2024-01-01T10:00:00+02:00Z',
      '2024-01-01+02:00',
    ])
      expect(date(text)).toBeNaN();
    expect(date('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
});
