import { describe, expect, it } from 'vitest';
import { tableOf } from '../testkit/table-of';
import { compareTables, rowsOfTable, rowsOfValues } from './compare-tables';

const scores = tableOf({
  id: [1, 2, 3, 4, 5, 6, 7],
  score: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
  label: ['a', 'b', 'a', 'b', 'a', 'b', 'a'],
});

describe('compareTables', () => {
  it('finds a table equal to itself and to the same rows as text', () => {
    expect(compareTables(scores, rowsOfTable(scores)).equal).toBe(true);
    const rows = [1, 2, 3, 4, 5, 6, 7].map((id, i) => [String(id), (id / 10).toString(), i % 2 === 0 ? 'a' : 'b']);
    expect(compareTables(scores, rowsOfValues(['id', 'score', 'label'], rows)).equal).toBe(true);
  });

  it('allows numbers within a column tolerance, and no more', () => {
    const near = tableOf({
      id: [1, 2, 3, 4, 5, 6, 7],
      score: [0.1005, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
      label: ['a', 'b', 'a', 'b', 'a', 'b', 'a'],
    });
    expect(compareTables(near, rowsOfTable(scores), { score: 0.001 }).equal).toBe(true);
    expect(compareTables(near, rowsOfTable(scores), { score: 0.0001 }).equal).toBe(false);
    expect(compareTables(near, rowsOfTable(scores), 0.001).equal).toBe(true);
  });

  it('shows the first differing rows with their columns and counts the rest', () => {
    const off = tableOf({ id: [1, 2, 3, 4, 5, 6, 7], score: [9, 9, 9, 9, 9, 9, 0.7], label: ['a', 'b', 'a', 'b', 'a', 'x', 'a'] });
    const diff = compareTables(off, rowsOfTable(scores));
    expect(diff.differingRows).toBe(6);
    expect(diff.lines[0]).toBe('row 1: score 9 ≠ 0.1');
    expect(diff.lines).toContain('…and 1 more differing rows');
    expect(diff.lines.at(-1)).toBe('6 of 7 rows differ, by column: score 6, label 1');
  });

  it('names missing and unexpected columns and a different row count', () => {
    const other = tableOf({ id: [1], extra: [true] });
    const diff = compareTables(other, rowsOfTable(scores));
    expect(diff.lines.slice(0, 3)).toEqual(['missing columns: score, label', 'unexpected columns: extra', '1 rows, expected 7']);
  });

  it('tells null from a value', () => {
    const withNull = tableOf({ id: [1, null] });
    expect(compareTables(withNull, rowsOfValues(['id'], [[1], [0]])).lines[0]).toBe('row 2: id null ≠ 0');
  });
});
