import type { z } from 'zod';
import { ApiError } from './api-error';

/** Where in an answer an issue sits, as a reader writes it: `items[0].status`. */
function fieldOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the answer itself';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/**
 * A server answer checked against its contract schema. An answer of another shape (a server of another
 * version, a proxy's page) becomes `ApiError` code `UNEXPECTED_ANSWER` naming the request and the first
 * field that does not match, instead of a blank cell or a crash far from the cause.
 */
export function parseAnswer<S extends z.ZodType>(schema: S, json: unknown, request: string, status: number): z.output<S> {
  const parsed = schema.safeParse(json);
  // Checked, not reshaped: the answer goes on as the server sent it, so a field the contract has not
  // declared yet (a newer server's) is kept rather than silently dropped.
  if (parsed.success) return json as z.output<S>;
  const issue = parsed.error.issues[0];
  const where = issue === undefined ? 'the answer itself' : fieldOf(issue.path);
  return failAnswer(status, request, `${where}: ${issue?.message ?? 'unexpected value'}`, parsed.error.issues);
}

function failAnswer(status: number, request: string, problem: string, issues: unknown): never {
  throw new ApiError(status, 'UNEXPECTED_ANSWER', `The server's answer to ${request} does not match the API contract at ${problem}.`, {
    issues,
  });
}
