import type { Table } from 'apache-arrow';
import { tableToIPC } from 'apache-arrow';
import type { Result } from '../errors/issue';
import type { FileStore } from '../node/context';
import { tableSchemaOf } from '../ports/arrow-schema';
import { parseCsv } from '../table/csv/parse-csv';
import { writeCsv } from '../table/csv/write-csv';
import { readArrow } from '../table/formats/read-arrow';
import type { GoldenRead } from './check-assertion';
import { rowsOfTable } from './compare-tables';

/**
 * Reads a golden table (`.csv` or `.arrow`) from the tests' folder; when it cannot be read, the
 * answer names the file and why (missing, not CSV or Arrow, malformed).
 *
 * @example
 * const golden = await readGolden(files, 'golden/scores.csv');
 */
export async function readGolden(files: FileStore, name: string, actual?: Table, signal?: AbortSignal): Promise<GoldenRead> {
  const fail = (why: string): GoldenRead => ({ ok: false, message: `golden file "${name}" cannot be read: ${why}` });
  const kind = goldenKind(name);
  if (!kind) return fail('it is neither a .csv nor an .arrow file');
  let bytes: Uint8Array;
  try {
    bytes = await files.read(name, signal);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`${reason.replace(/\.$/, '')}; run causeway test --update to write it`);
  }
  const parsed = kind === 'csv' ? readCsvGolden(bytes, actual) : readArrow(bytes);
  if (!parsed.ok) return fail(parsed.issues.map((issue) => issue.message).join('; '));
  return { ok: true, rows: rowsOfTable(parsed.value) };
}

/**
 * The bytes `--update` writes for a golden: CSV text or an Arrow IPC file, by the name's extension.
 *
 * @example
 * await writeFile(path, goldenBytes('golden/scores.csv', table));
 */
export function goldenBytes(name: string, table: Table): Uint8Array {
  return goldenKind(name) === 'arrow' ? tableToIPC(table, 'file') : new TextEncoder().encode(writeCsv(table));
}

// CSV does not say its types: read it as the actual table is typed (yes/no stays text), and by
// inference when that does not fit, so a changed type shows in the diff rather than as a bad file.
function readCsvGolden(bytes: Uint8Array, actual: Table | undefined): Result<Table> {
  if (actual) {
    const types = Object.fromEntries(tableSchemaOf(actual).columns.map((column) => [column.name, column.type]));
    const typed = parseCsv(bytes, { header: true, types });
    if (typed.ok) return { ok: true, value: typed.value.table };
  }
  const inferred = parseCsv(bytes, { header: true });
  return inferred.ok ? { ok: true, value: inferred.value.table } : inferred;
}

function goldenKind(name: string): 'csv' | 'arrow' | undefined {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.(arrow|feather)$/i.test(name)) return 'arrow';
  return undefined;
}
