import { formatIssue, type Result, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/** A reader's result as the table, or the UserError naming the file and every issue. */
export function tableOrThrow(result: Result<Table>, file: string, format: string): Table {
  if (result.ok) return result.value;
  const detail = result.issues.map((issue) => formatIssue(issue)).join('; ');
  // A passed limit keeps its own code, so the user sees which setting stopped the read.
  const code = result.issues[0]?.code === 'INPUT_LIMIT' ? 'INPUT_LIMIT' : 'INPUT_INVALID';
  throw new UserError(code, `"${file}" cannot be read as ${format}: ${detail}`, { issues: result.issues });
}
