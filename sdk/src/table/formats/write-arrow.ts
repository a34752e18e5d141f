import { type Table, tableToIPC } from 'apache-arrow';

/**
 * Writes a table as Arrow IPC: the `file` format (random access, default) or the `stream` format.
 *
 * @example
 * const bytes = writeArrow(table); // readArrow(bytes) gives the table back
 */
export function writeArrow(table: Table, format: 'file' | 'stream' = 'file'): Uint8Array {
  return tableToIPC(table, format);
}
