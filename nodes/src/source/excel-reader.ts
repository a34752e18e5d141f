import { readSheet } from 'read-excel-file/universal';

/** The rows of one sheet, by name or 1-based position, through the library's entry for Node and the browser alike. */
export function readSheetRows(bytes: Uint8Array, sheet: string | number): Promise<unknown[][]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return readSheet(buffer, sheet);
}
