import { type ColumnSchema, formatPath, type Issue } from '@causeway/sdk';
import type { FieldModel } from './form-model';

/** What every field editor receives. `onChange` records one undo step per field (typing merges). */
export interface FieldProps<F extends FieldModel = FieldModel> {
  id: string;
  label: string;
  field: F;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Issues on this field (and below it). */
  issues: readonly Issue[];
  /** Columns of the tables feeding the node, from schema propagation. */
  columns: readonly ColumnSchema[];
  /** Columns of the tables the node itself outputs (a source's columns, for its per-column settings). */
  outputColumns: readonly ColumnSchema[];
  /** The node's whole config, for fields that depend on a sibling (a model's versions). */
  config: Readonly<Record<string, unknown>>;
  /** Names of files added to the editor (for file fields). */
  files: readonly string[];
  /** Where the field sits in the config, e.g. `['columns', 2, 'name']`. */
  path: ReadonlyArray<string | number>;
  required: boolean;
  description?: string | undefined;
}

/** The part of an issue's path inside the node's config, or undefined when it is not about the config. */
export function configPathOf(issue: Issue): ReadonlyArray<string | number> | undefined {
  const at = issue.path.indexOf('config');
  return at < 0 ? undefined : issue.path.slice(at + 1);
}

/** Issues at or below a config path. */
export function issuesUnder(issues: readonly Issue[], path: ReadonlyArray<string | number>): Issue[] {
  return issues.filter((issue) => {
    const rest = configPathOf(issue);
    return rest !== undefined && rest.length >= path.length && path.every((part, i) => String(rest[i]) === String(part));
  });
}

/** An issue's message as its field shows it: without the field path the message starts with (the label says it). */
export function fieldMessage(issue: Issue): string {
  const path = configPathOf(issue);
  if (!path || path.length === 0) return issue.message;
  const prefix = `${formatPath(path)}: `;
  return issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
}

/**
 * Issues the form has no field for: about the node or its whole config, or about a top-level config
 * key the form does not show (an unknown key in a saved graph), so the inspector lists them at the top.
 */
export function issuesOutsideForm(issues: readonly Issue[], formKeys: readonly string[]): Issue[] {
  if (formKeys.includes('')) return issues.filter((issue) => (configPathOf(issue)?.length ?? 0) === 0);
  return issues.filter((issue) => {
    const rest = configPathOf(issue);
    return rest === undefined || rest.length === 0 || !formKeys.includes(String(rest[0]));
  });
}
