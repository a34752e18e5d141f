import { checkJsonValue, graphLimits, type Issue, UserError } from '@causeway/sdk';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import { refusedBody } from './refused-body';
import { unstorableAt, unstorableTextError } from './unstorable-text';

/**
 * Refuses hostile JSON bodies before any validator sees them: malformed text, nesting deeper than
 * the graph limit, over-long strings, the keys `__proto__`, `constructor`, `prototype`, and text
 * PostgreSQL cannot store (NUL, lone surrogates: 400 `REQUEST_INVALID` naming the field).
 * The parsed text stays cached, so validators read it without parsing twice.
 */
export function jsonGuard(): MiddlewareHandler<AppEnv> {
  return async function jsonGuard(c, next) {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) return next();
    const text = await c.req.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new UserError('REQUEST_INVALID', 'The request body is not valid JSON.');
    }
    const issues: Issue[] = checkJsonValue(value, { ...graphLimits, bytes: Math.max(text.length, 1) });
    if (issues.length > 0) throw refusedBody(issues);
    const unstorable = unstorableAt(value);
    if (unstorable !== undefined) throw unstorableTextError('body', unstorable);
    return next();
  };
}
