import { writeCsv, writeParquet } from '@causeway/sdk';
import { type RecordBatch, Table, tableFromIPC } from 'apache-arrow';

/** The file formats a table output downloads as. */
export type TableFileFormat = 'csv' | 'parquet';

/** A table as a file: CSV (dates and timestamps as ISO text) or Parquet. */
export function tableFile(table: Table, format: TableFileFormat): Uint8Array {
  return format === 'csv' ? new TextEncoder().encode(writeCsv(table)) : writeParquet(table);
}

/** Pages of one table as Arrow IPC streams (as the server sends them), joined back into one table. */
export function tableOfPages(pages: readonly Uint8Array[]): Table {
  const tables = pages.map((page) => tableFromIPC(page));
  const first = tables[0];
  if (first === undefined) return new Table();
  const batches: RecordBatch[] = tables.flatMap((t) => t.batches);
  return batches.length === 0 ? first : new Table(first.schema, batches);
}
