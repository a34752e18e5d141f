import { describe, expect, test } from 'vitest';
import type { ServedChange } from './endpoints-repository';
import { productionLine, rollbackTarget } from './rollback-target';

const promote = (version: number): ServedChange => ({ kind: 'promote', version });
const rollback = (version: number): ServedChange => ({ kind: 'rollback', version });

describe('rollbackTarget', () => {
  test('rolling back twice walks back through production history, never toggles', () => {
    const history = [promote(1), promote(2), promote(3)];
    expect(rollbackTarget(history, 3)).toBe(2);
    history.push(rollback(2));
    expect(productionLine(history)).toEqual([1, 2]);
    expect(rollbackTarget(history, 2)).toBe(1);
    history.push(rollback(1));
    expect(rollbackTarget(history, 1)).toBeUndefined();
  });

  test('a promotion after a rollback starts a new top; an explicit rollback to an older version cuts the line there', () => {
    const history = [promote(1), promote(2), rollback(1), promote(4), rollback(1), promote(5)];
    expect(productionLine(history)).toEqual([1, 5]);
    expect(rollbackTarget(history, 5)).toBe(1);
  });

  test('promoting the active version again adds nothing to the line', () => {
    expect(productionLine([promote(1), promote(1), promote(2)])).toEqual([1, 2]);
  });
});
