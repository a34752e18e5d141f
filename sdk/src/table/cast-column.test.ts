import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { float64Vector, utf8Vector } from './build-vector';
import { castColumn } from './cast-column';

const values = (r: ReturnType<typeof castColumn>) =>
  r.ok ? Array.from({ length: r.value.length }, (_, i) => r.value.get(i) as unknown) : r.issues;

describe('castColumn', () => {
  it('round-trips numbers through strings', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ noNaN: true }), { nil: null })), (xs) => {
        const asText = castColumn(
          float64Vector(
            Float64Array.from(xs, (v) => v ?? 0),
            Uint8Array.from(xs, (v) => (v === null ? 0 : 1)),
          ),
          'string',
        );
        expect(asText.ok).toBe(true);
        if (!asText.ok) return;
        expect(values(castColumn(asText.value, 'number'))).toEqual(xs.map((v) => (v === null ? null : v === 0 ? 0 : v)));
      }),
    );
  });

  it('parses integers, booleans and ISO dates, empty text as null', () => {
    expect(values(castColumn(utf8Vector([' 42 ', '', null, '-7']), 'integer'))).toEqual([42, null, null, -7]);
    expect(values(castColumn(utf8Vector(['Yes', 'false', '1']), 'boolean'))).toEqual([true, false, true]);
    expect(values(castColumn(utf8Vector(['2024-02-29', '2024-02-29T12:00:00Z']), 'date'))).toEqual([
      Date.UTC(2024, 1, 29),
      Date.UTC(2024, 1, 29, 12),
    ]);
    expect(values(castColumn(utf8Vector(['b', 'a', 'b']), 'category'))).toEqual(['b', 'a', 'b']);
  });

  it('names the failing rows', () => {
    const r = castColumn(utf8Vector(['1', 'forty', '3', '4.5']), 'integer');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['INPUT_INVALID', [1], 'row 2: "forty" is not a number'],
      ['INPUT_INVALID', [3], 'row 4: "4.5" is not a whole number within ±2^31'],
    ]);
    const dates = castColumn(utf8Vector(['03/04/2024']), 'date');
    expect(dates.ok ? null : dates.issues[0]?.message).toBe('row 1: "03/04/2024" is not an ISO 8601 date');
  });

  it('caps the issues and counts the rest', () => {
    const r = castColumn(utf8Vector(Array.from({ length: 25 }, () => 'x')), 'number');
    expect(r.ok ? [] : r.issues.map((i) => i.message).slice(-1)).toEqual(['15 more rows do not convert']);
  });
});
