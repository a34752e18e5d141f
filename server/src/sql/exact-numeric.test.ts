import { describe, expect, it } from 'vitest';
import { exactNumeric } from './exact-numeric';

describe('exactNumeric', () => {
  it('gives numbers a double holds exactly, whatever zeros PostgreSQL writes', () => {
    expect(['2.50', '-0.125', '0.0', '-007.5', '100', '0.1'].map(exactNumeric)).toEqual([2.5, -0.125, 0, -7.5, 100, 0.1]);
  });

  it('keeps the text of a decimal a double would round, and of NaN', () => {
    expect(['12345678901234567.89', '0.30000000000000000001', '9007199254740993', 'NaN'].map(exactNumeric)).toEqual([
      '12345678901234567.89',
      '0.30000000000000000001',
      '9007199254740993',
      'NaN',
    ]);
  });
});
