// biome-ignore-all lint/a11y/useSemanticElements: a virtualized grid positions rows absolutely, which <table> layout cannot do
// biome-ignore-all lint/a11y/useFocusableInteractive: the scroll area takes focus for the whole grid; cells are read-only
import type { TableSchema } from '@causeway/sdk';
import { type Table, tableFromIPC } from 'apache-arrow';
import { useEffect, useRef, useState } from 'react';
import type { TablePage } from '../runner/runner-protocol';
import { formatCell, rowWindow } from './row-window';

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
  const [view, setView] = useState({ top: 0, height: 400 });
  const [pages, setPages] = useState<ReadonlyMap<number, Table>>(() =>
    firstPage ? new Map([[0, tableFromIPC(firstPage.ipc)]]) : new Map(),
  );
  const loading = useRef(new Set<number>());
  const visible = rowWindow(view.top, view.height, rowHeight, totalRows, pageSize);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setView((v) => ({ ...v, height: el.clientHeight })));
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
          setPages((old) => {
            const next = new Map(old);
            next.set(page, table);
            // Keep memory flat while scrolling through a million rows.
            if (next.size > 12) for (const key of next.keys()) if (Math.abs(key - page) > 6) next.delete(key);
            return next;
          });
        },
        () => loading.current.delete(page),
      );
    }
  }, [pageKey, fetchPage]);

  const rows = [];
  for (let r = visible.first; r <= visible.last; r++) {
    const page = pages.get(Math.floor(r / pageSize));
    const at = r % pageSize;
    rows.push(
      <div className="tr" role="row" aria-rowindex={r + 2} key={r} style={{ transform: `translateY(${r * rowHeight}px)` }}>
        <span className="td row-number" role="rowheader">
          {r + 1}
        </span>
        {schema.columns.map((column, c) => {
          const value = page ? page.getChildAt(c)?.get(at) : undefined;
          return (
            <span role="gridcell" className={`td ${value === null ? 'null' : ''} type-${column.type}`} key={column.name}>
              {page ? formatCell(value) : '…'}
            </span>
          );
        })}
      </div>,
    );
  }
  const gridTemplate = `64px repeat(${schema.columns.length}, minmax(120px, 1fr))`;
  return (
    <div
      className="data-table"
      role="grid"
      aria-rowcount={totalRows + 1}
      aria-colcount={schema.columns.length + 1}
      aria-label={`Table, ${totalRows} rows`}
      style={{ ['--grid' as string]: gridTemplate }}
    >
      <div className="tr thead" role="row" aria-rowindex={1}>
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
        onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      >
        <div style={{ height: totalRows * rowHeight, position: 'relative' }}>{rows}</div>
      </div>
    </div>
  );
}
