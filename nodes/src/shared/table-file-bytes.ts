import { writeArrow, writeCsv, writeJson, writeParquet } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/** The file formats writers write tables in. */
export const tableFileFormats = ['csv', 'parquet', 'arrow', 'jsonl'] as const;
/** One of {@link tableFileFormats}. */
export type TableFileFormat = (typeof tableFileFormats)[number];

/** A table as the bytes of a file: CSV (UTF-8), Parquet, Arrow IPC (file format) or JSON lines. */
export function tableFileBytes(table: Table, format: TableFileFormat): Uint8Array {
  if (format === 'arrow') return writeArrow(table);
  if (format === 'parquet') return writeParquet(table);
  if (format === 'jsonl') return writeJson(table, 'ndjson');
  return new TextEncoder().encode(writeCsv(table));
}
