import { describe, expect, test } from 'vitest';
import { shadowDisagreements } from './shadow-disagreements';

describe('shadowDisagreements', () => {
  test('numbers within the tolerance agree; beyond it they disagree', () => {
    expect(shadowDisagreements([100, 200, 300], [100.0000001, 200.4, 299], 0.5)).toBe(1);
    expect(shadowDisagreements([100, 200, 300], [100.0000001, 200.4, 299], 0)).toBe(3);
  });

  test('classes must be equal whatever the tolerance; a missing row disagrees', () => {
    expect(shadowDisagreements(['yes', 'no', 'no'], ['yes', 'yes'], 10)).toBe(2);
    expect(shadowDisagreements([1, null], [1, 0], 10)).toBe(1);
  });
});
