import { type ColumnType, formatValue } from '@causeway/sdk';

/** Which rows a virtualized table draws and which pages it needs, for a scroll position. */
export interface RowWindow {
  first: number;
  last: number;
  pages: number[];
}

/**
 * Rows visible in a viewport of `height` px scrolled to `scrollTop`, plus `overscan` rows either side,
 * and the pages of `pageSize` rows that hold them.
 */
export function rowWindow(
  scrollTop: number,
  height: number,
  rowHeight: number,
  totalRows: number,
  pageSize: number,
  overscan = 10,
): RowWindow {
  if (totalRows <= 0) return { first: 0, last: -1, pages: [] };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(totalRows - 1, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor(last / pageSize); p++) pages.push(p);
  return { first, last, pages };
}

/** Whether a loaded page is worth keeping: within `reach` pages of one on screen (memory stays flat while scrolling). */
export function keepPage(page: number, shown: readonly number[], reach = 6): boolean {
  return shown.some((p) => Math.abs(p - page) <= reach);
}

/** Shows a cell the way the grid shows it: by its column's type (dates as ISO text), null as an empty marker. */
export function formatCell(value: unknown, type: ColumnType): string {
  return value === null || value === undefined ? '∅' : formatValue(value, type);
}
