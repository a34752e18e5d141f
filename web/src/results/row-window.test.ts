import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCell, keepPage, rowWindow } from './row-window';

describe('rowWindow', () => {
  it('covers the viewport with overscan and lists the pages holding it', () => {
    expect(rowWindow(2400, 480, 24, 100_000, 200, 10)).toEqual({ first: 90, last: 130, pages: [0] });
    expect(rowWindow(24 * 99_990, 480, 24, 100_000, 200, 10).last).toBe(99_999);
  });

  it('always includes every visible row and stays inside the table', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.nat(60_000_000), fc.integer({ min: 1, max: 2000 }), (total, top, height) => {
        const w = rowWindow(top, height, 24, total, 500);
        const visible = Math.floor(top / 24);
        const inside = w.first >= 0 && w.last <= total - 1;
        const covers = visible > total - 1 || (w.first <= visible && w.last >= Math.min(total - 1, visible));
        const paged = w.pages.every((p) => p * 500 <= w.last && (p + 1) * 500 > w.first);
        return inside && covers && paged;
      }),
    );
  });

  it('keeps pages near the ones on screen, and those always', () => {
    expect(keepPage(1500, [1500, 1501])).toBe(true);
    expect(keepPage(1507, [1500, 1501])).toBe(true);
    expect(keepPage(1508, [1500, 1501])).toBe(false);
    // A page that arrives after the user scrolled far away is not kept.
    expect(keepPage(3, [1500])).toBe(false);
    expect(keepPage(0, [])).toBe(false);
  });

  it('formats cells', () => {
    expect(formatCell(null, 'date')).toBe('∅');
    expect(formatCell(0.1 + 0.2, 'number')).toBe('0.3');
    expect(formatCell(12n, 'integer')).toBe('12');
    // Arrow hands a date column's cells over as epoch milliseconds.
    expect(formatCell(Date.UTC(2012, 0, 1), 'date')).toBe('2012-01-01');
    expect(formatCell(Date.UTC(2012, 0, 1), 'integer')).toBe('1325376000000');
  });
});
