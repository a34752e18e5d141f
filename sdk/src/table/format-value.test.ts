import { describe, expect, it } from 'vitest';
import { countText, formatDate, formatNumber, formatValue } from './format-value';

describe('formatValue', () => {
  it('shows dates as ISO text, the day alone at midnight', () => {
    expect(formatValue(1325376000000, 'date')).toBe('2012-01-01');
    expect(formatValue(Date.UTC(2012, 0, 1, 9, 30), 'date')).toBe('2012-01-01T09:30:00Z');
    expect(formatValue(Date.UTC(2012, 0, 1, 9, 30, 0, 250), 'date')).toBe('2012-01-01T09:30:00.250Z');
    expect(formatValue(BigInt(Date.UTC(1969, 11, 31)), 'date')).toBe('1969-12-31');
    expect(formatValue(new Date(Date.UTC(2020, 1, 29)))).toBe('2020-02-29');
    expect(formatDate(Date.UTC(12000, 0, 1))).toBe('+012000-01-01');
  });

  it('keeps numbers of other types numbers, nulls empty, nested values JSON', () => {
    expect(formatValue(1325376000000, 'integer')).toBe('1325376000000');
    expect(formatValue(0.1 + 0.2, 'number')).toBe('0.3');
    expect(formatValue(2n ** 63n - 1n, 'integer')).toBe('9223372036854775807');
    expect(formatValue(null, 'date')).toBe('');
    expect(formatValue(true, 'boolean')).toBe('true');
    expect(formatValue({ a: 1n })).toBe('{"a":"1"}');
  });

  it('gives dates that are not finite as they are', () => {
    expect(formatDate(Number.NaN)).toBe('NaN');
    expect(formatDate(1e20)).toBe('100000000000000000000');
  });
});

describe('formatNumber', () => {
  it('keeps six significant digits and every digit of the whole part', () => {
    expect(formatNumber(1.23456789)).toBe('1.23457');
    expect(formatNumber(123456789.123)).toBe('123456789.12');
    expect(formatNumber(-0.000123456789)).toBe('-0.000123457');
    expect(formatNumber(0.8765432, 4)).toBe('0.8765');
    expect(formatNumber(42)).toBe('42');
  });

  it('writes very large and very small magnitudes as exponents', () => {
    expect(formatNumber(1.5e-9)).toBe('1.5e-9');
    expect(formatNumber(2.5e300)).toBe('2.5e300');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
  });
});

describe('countText', () => {
  it('is singular for one and plural otherwise', () => {
    expect(countText(1, 'row')).toBe('1 row');
    expect(countText(0, 'row')).toBe('0 rows');
    expect(countText(1234, 'row')).toBe('1,234 rows');
    expect(countText(2, 'class', 'classes')).toBe('2 classes');
  });
});
