import { formatIssue, type Result, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/** A reader's result as the table, or the UserError naming the file and every issue. */
export function tableOrThrow(result: Result<Table>, file: string, format: string): Table {
  if (result.ok) return result.value;
  const detail = result.issues.map((issue) => formatIssue(issue)).join('; ');
  throw new UserError('INPUT_INVALID', `"${file}" cannot be read as ${format}: ${detail}`, { issues: result.issues });
}
