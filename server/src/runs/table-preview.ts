import { type TableSchema, tableSchemaOf } from '@causeway/sdk';
import { tableFromIPC, tableToIPC } from 'apache-arrow';

/** A page of a table output as JSON rows. */
export interface TablePreview {
  offset: number;
  limit: number;
  total: number;
  schema: TableSchema;
  rows: Array<Record<string, unknown>>;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Rows `offset … offset + limit` of an Arrow IPC table, as JSON-safe rows (big integers beyond 2^53 as strings). */
export function tablePreview(ipc: Uint8Array, offset: number, limit: number): TablePreview {
  const table = tableFromIPC(ipc);
  const page = table.slice(offset, offset + limit);
  const names = table.schema.fields.map((field) => field.name);
  const columns = names.map((_, i) => page.getChildAt(i));
  const rows: Array<Record<string, unknown>> = [];
  for (let r = 0; r < page.numRows; r++) {
    const row: Record<string, unknown> = {};
    names.forEach((name, i) => {
      row[name] = plain(columns[i]?.get(r) ?? null);
    });
    rows.push(row);
  }
  return { offset, limit, total: table.numRows, schema: tableSchemaOf(table), rows };
}

/** The same page as Arrow IPC (stream format). */
export function tablePreviewIpc(ipc: Uint8Array, offset: number, limit: number): Uint8Array {
  return tableToIPC(tableFromIPC(ipc).slice(offset, offset + limit), 'stream');
}
