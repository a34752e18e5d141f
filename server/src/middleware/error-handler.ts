import { CausewayError, type ErrorCode, errorCatalog, isUserFacing } from '@causeway/sdk';
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable } from '../db/database-unavailable';
import type { AppEnv } from '../http/app-env';
import { httpStatus } from '../http/http-status';
import type { Logger } from '../logger';

const codeByHttpStatus: Record<number, ErrorCode> = {
  400: 'REQUEST_INVALID',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'REQUEST_INVALID',
};

/**
 * Turns every thrown error into JSON `{ code, message, details }`: Causeway errors keep their code,
 * a lost database becomes 503 `DATABASE_UNAVAILABLE`, anything else is logged and answered with a
 * generic 500. Never a stack trace.
 */
export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return function errorHandler(error, c) {
    if (error instanceof CausewayError && isUserFacing(error.code)) {
      return c.json(error.toJSON(), httpStatus(error.code));
    }
    if (error instanceof HTTPException) {
      const code = codeByHttpStatus[error.status] ?? 'REQUEST_INVALID';
      const status = error.status >= 400 && error.status < 500 ? error.status : 400;
      return c.json({ code, message: error.message || errorCatalog[code].summary, details: {} }, status);
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn('database unavailable', { path: c.req.path, error: describe(error) });
      c.header('Retry-After', '2');
      return c.json({ code: 'DATABASE_UNAVAILABLE', message: errorCatalog.DATABASE_UNAVAILABLE.summary, details: {} }, 503);
    }
    logger.error('internal error', { method: c.req.method, path: c.req.path, error: describe(error), stack: error.stack });
    return c.json({ code: 'INTERNAL', message: errorCatalog.INTERNAL.summary, details: {} }, 500);
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
