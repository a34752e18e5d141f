// biome-ignore-all lint/a11y/useSemanticElements: a virtualized grid positions rows absolutely, which <table> layout cannot do
// biome-ignore-all lint/a11y/useFocusableInteractive: the scroll area takes focus for the whole grid; cells are read-only
import { countText, type TableSchema } from '@causeway/sdk';
import { type Table, tableFromIPC } from 'apache-arrow';
import { memo, startTransition, useEffect, useRef, useState } from 'react';
import type { TablePage } from '../runner/runner-protocol';
import { formatCell, keepPage, rowWindow } from './row-window';

const rowHeight = 24;
const pageSize = 500;

export interface DataTableProps {
  totalRows: number;
  schema: TableSchema;
  /** Loads rows [offset, offset + limit) as Arrow IPC. */
  fetchPage: (offset: number, limit: number) => Promise<TablePage>;
  /** The first page, already loaded with the preview. */
  firstPage?: TablePage;
}

/** A virtualized table: only the visible rows are in the DOM; pages of rows come from the worker as Arrow IPC. */
export function DataTable({ totalRows, schema, fetchPage, firstPage }: DataTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  // The first visible row, not the scroll offset: scrolling within a row renders nothing.
  const [firstRow, setFirstRow] = useState(0);
  const [height, setHeight] = useState(400);
  const [pages, setPages] = useState<ReadonlyMap<number, Table>>(() =>
    firstPage ? new Map([[0, tableFromIPC(firstPage.ipc)]]) : new Map(),
  );
  const loading = useRef(new Set<number>());
  const visible = rowWindow(firstRow * rowHeight, height, rowHeight, totalRows, pageSize);
  const shown = useRef(visible.pages);
  shown.current = visible.pages;

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // The observer hands over the size: no layout read of our own.
    const observer = new ResizeObserver((entries) => {
      const box = entries.at(-1)?.contentRect;
      if (box) setHeight(box.height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const pageKey = visible.pages.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: pageKey stands for the visible pages
  useEffect(() => {
    for (const page of visible.pages) {
      if (pages.has(page) || loading.current.has(page)) continue;
      loading.current.add(page);
      fetchPage(page * pageSize, pageSize).then(
        (result) => {
          loading.current.delete(page);
          const table = tableFromIPC(result.ipc);
          // A page arriving may wait for the user's next scroll or key press, never the other way round.
          startTransition(() =>
            setPages((old) => {
              const next = new Map(old);
              next.set(page, table);
              // Keep memory flat while scrolling through a million rows; never drop a page on screen.
              if (next.size > 12) for (const key of next.keys()) if (!keepPage(key, shown.current)) next.delete(key);
              return next;
            }),
          );
        },
        () => loading.current.delete(page),
      );
    }
  }, [pageKey, fetchPage]);

  const rows = [];
  for (let r = visible.first; r <= visible.last; r++) {
    rows.push(<Row key={r} row={r} page={pages.get(Math.floor(r / pageSize))} schema={schema} />);
  }
  const gridTemplate = `64px repeat(${schema.columns.length}, minmax(120px, 1fr))`;
  return (
    <div
      className="data-table"
      role="grid"
      aria-rowcount={totalRows + 1}
      aria-colcount={schema.columns.length + 1}
      aria-label={`Table, ${countText(totalRows, 'row')}`}
      style={{ ['--grid' as string]: gridTemplate, ['--table-min-width' as string]: `${64 + 120 * schema.columns.length}px` }}
    >
      <div className="tr thead" role="row" aria-rowindex={1} ref={head}>
        <span className="td row-number" role="columnheader">
          #
        </span>
        {schema.columns.map((c) => (
          <span className="td" role="columnheader" key={c.name} title={`${c.type}${c.nullable ? ', nullable' : ''}`}>
            {c.name} <small>{c.type}</small>
          </span>
        ))}
      </div>
      <div
        className="tbody"
        role="rowgroup"
        ref={scroller}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll area must be reachable to scroll by keyboard
        tabIndex={0}
        onScroll={(e) => {
          setFirstRow(Math.floor(e.currentTarget.scrollTop / rowHeight));
          if (head.current) head.current.scrollLeft = e.currentTarget.scrollLeft;
        }}
      >
        {/* Contained: a row coming into view is laid out and painted without touching the rest of the page. */}
        <div style={{ height: totalRows * rowHeight, position: 'relative', contain: 'strict' }}>{rows}</div>
      </div>
    </div>
  );
}

/** One row; memoised, so scrolling re-renders only the rows that come into view or whose page arrived. */
const Row = memo(function Row({ row, page, schema }: { row: number; page: Table | undefined; schema: TableSchema }) {
  const at = row % pageSize;
  return (
    <div className="tr" role="row" aria-rowindex={row + 2} style={{ transform: `translateY(${row * rowHeight}px)` }}>
      <span className="td row-number" role="rowheader">
        {row + 1}
      </span>
      {schema.columns.map((column, c) => {
        const value = page ? page.getChildAt(c)?.get(at) : undefined;
        return (
          <span role="gridcell" className={`td ${value === null ? 'null' : ''} type-${column.type}`} key={column.name}>
            {page ? formatCell(value, column.type) : '…'}
          </span>
        );
      })}
    </div>
  );
});
