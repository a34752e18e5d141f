import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean';
import { levenshtein } from './levenshtein';
import { unknownColumn } from './unknown-column';

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('age', 'age')).toBe(0);
    expect(levenshtein('agee', 'age')).toBe(1);
  });

  it('is a metric: symmetric, zero only for equal strings, triangle inequality', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b, c) => {
        expect(levenshtein(a, b)).toBe(levenshtein(b, a));
        expect(levenshtein(a, b) === 0).toBe(a === b);
        expect(levenshtein(a, c)).toBeLessThanOrEqual(levenshtein(a, b) + levenshtein(b, c));
        expect(levenshtein(a, b)).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });
});

describe('didYouMean', () => {
  it('suggests the closest name only when it is a likely typo', () => {
    expect(didYouMean('Agee', ['age', 'name'])).toBe('age');
    expect(didYouMean('nmae', ['age', 'name'])).toBe('name');
    expect(didYouMean('zzz', ['age', 'name'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });

  it('words the message with or without a suggestion', () => {
    expect(unknownColumn('agee', ['age'])).toBe('Unknown column "agee"; did you mean "age"?');
    expect(unknownColumn('zzz', ['age', 'name'])).toBe('Unknown column "zzz" (columns are "age", "name").');
    expect(unknownColumn('zzz', [])).toBe('Unknown column "zzz" (the table has no columns).');
  });
});
