import { type ErrorCode, formatPath, type Issue, UserError } from '@causeway/sdk';

/**
 * The error for a request body the hostile-JSON check refused. Its checks are written for graphs; in a
 * request, a value that is not JSON data (a number like `1e400` that parses to Infinity) is a bad
 * request, `REQUEST_INVALID`, naming the field; size, depth and forbidden-key refusals keep their codes.
 */
export function refusedBody(issues: readonly Issue[]): UserError {
  const code = (issue: Issue): ErrorCode => (issue.code === 'GRAPH_SCHEMA' ? 'REQUEST_INVALID' : issue.code);
  const first = issues[0] as Issue;
  return new UserError(code(first), `The request body was refused: ${first.message}`, {
    issues: issues.slice(0, 10).map((issue) => ({ ...issue, code: code(issue) })),
    details: { field: formatPath(first.path) },
  });
}
