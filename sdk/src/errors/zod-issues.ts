import type { z } from 'zod';
import type { ErrorCode } from './catalog';
import { formatPath, type Issue, type IssuePath } from './issue';

type ZodIssue = z.core.$ZodIssue;

/**
 * Maps zod's issues to Causeway issues under `basePath`, each message naming its field.
 *
 * @example
 * const r = schema.safeParse(config);
 * if (!r.success) issues.push(...fromZodIssues(r.error.issues, 'CONFIG_INVALID', ['nodes', 0, 'config'], 'split'));
 */
export function fromZodIssues(zodIssues: readonly ZodIssue[], code: ErrorCode, basePath: IssuePath, nodeId?: string): Issue[] {
  return zodIssues.map((zodIssue) => {
    const inner = zodIssue.path.filter((part): part is string | number => typeof part !== 'symbol');
    const field = inner.length === 0 ? '' : `${formatPath(inner)}: `;
    const issue: Issue = { code, path: [...basePath, ...inner], message: `${field}${zodIssue.message}` };
    if (nodeId !== undefined) issue.nodeId = nodeId;
    return issue;
  });
}
