import { type Table, tableFromIPC } from 'apache-arrow';
import type { Result } from '../../errors/issue';
import { arrowBoundsProblem } from './arrow-bounds';

/**
 * Reads an Arrow IPC file or stream into a table, zero-copy: the table's buffers are views of `bytes`.
 * Bytes that are not Arrow IPC, or whose metadata claims rows or buffers beyond the bytes present,
 * give an INPUT_INVALID issue instead of an exception or a table of phantom rows.
 *
 * @example
 * const r = readArrow(tableToIPC(table, 'file'));
 * if (r.ok) r.value.numRows;
 */
export function readArrow(bytes: Uint8Array): Result<Table> {
  if (bytes.byteLength === 0) return { ok: false, issues: [{ code: 'INPUT_INVALID', path: [], message: 'The file is empty.' }] };
  try {
    const table = tableFromIPC(bytes);
    if (table.schema.fields.length === 0) {
      return {
        ok: false,
        issues: [{ code: 'INPUT_INVALID', path: [], message: 'The data is not an Arrow IPC file or stream (no schema found).' }],
      };
    }
    const bad = arrowBoundsProblem(table, bytes.byteLength);
    if (bad) return { ok: false, issues: [{ code: 'INPUT_INVALID', path: [], message: `The Arrow file is corrupt: ${bad}.` }] };
    return { ok: true, value: table };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [{ code: 'INPUT_INVALID', path: [], message: `The data is not a readable Arrow IPC file or stream: ${reason}` }],
    };
  }
}
