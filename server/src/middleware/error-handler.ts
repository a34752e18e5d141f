import type { ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../http/app-env';
import type { Logger } from '../logger';
import { errorAnswer } from './error-response';

/** Turns every thrown error into JSON `{ code, message, details }` (see {@link errorAnswer}). */
export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return function errorHandler(error, c) {
    const answer = errorAnswer(error, logger, { method: c.req.method, path: c.req.path });
    if (answer.retryAfterSeconds !== undefined) c.header('Retry-After', String(answer.retryAfterSeconds));
    return c.json(answer.body, answer.status as ContentfulStatusCode);
  };
}
