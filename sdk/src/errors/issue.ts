import type { ErrorCode } from './catalog';

/**
 * A path into a JSON document, as zod reports it: object keys and array indexes.
 *
 * @example
 * const path: IssuePath = ['nodes', 0, 'config', 'column'];
 */
export type IssuePath = ReadonlyArray<string | number>;

/**
 * One thing wrong with a graph, a config or an input. `path` points into the JSON document
 * (e.g. `['nodes', 3, 'config', 'where']`); `nodeId` names the node when there is one, so a
 * canvas can put the issue on it.
 *
 * @example
 * const issue: Issue = { code: 'CONFIG_INVALID', path: ['nodes', 0, 'config', 'test'], nodeId: 'split', message: 'test: must be at most 1' };
 */
export interface Issue {
  code: ErrorCode;
  path: IssuePath;
  message: string;
  nodeId?: string;
}

/**
 * What a validation returns instead of throwing.
 *
 * @example
 * const r = parseGraph(text);
 * if (!r.ok) for (const i of r.issues) console.error(formatIssue(i));
 */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/**
 * Writes an issue path the way a person reads it: `nodes[3].config.where`.
 *
 * @example
 * formatPath(['nodes', 3, 'config', 'where']) // 'nodes[3].config.where'
 */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * One line for a person: `CONFIG_INVALID at nodes[0].config.test (node "split"): …`.
 *
 * @example
 * formatIssue({ code: 'GRAPH_CYCLE', path: ['edges'], message: 'a → b → a' });
 */
export function formatIssue(issue: Issue): string {
  const node = issue.nodeId === undefined ? '' : ` (node "${issue.nodeId}")`;
  return `${issue.code} at ${formatPath(issue.path)}${node}: ${issue.message}`;
}
