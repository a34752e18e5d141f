import { CausewayError, type ErrorCode, errorCatalog, isUserFacing } from '@causeway/sdk';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable } from '../db/database-unavailable';
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

/** What an error is answered with: its status, `{ code, message, details }` and, for a lost database or a spent limit, a retry hint. */
export interface ErrorAnswer {
  status: number;
  body: { code: ErrorCode; message: string; details: Record<string, unknown> } | ReturnType<CausewayError['toJSON']>;
  retryAfterSeconds?: number;
}

/**
 * Causeway errors keep their code, a lost database becomes 503 `DATABASE_UNAVAILABLE`, anything
 * else is logged and answered with a generic 500. Never a stack trace.
 */
export function errorAnswer(error: unknown, logger: Logger, request: { method: string; path: string }): ErrorAnswer {
  if (error instanceof CausewayError && isUserFacing(error.code)) {
    const retry = error.details.retryAfterSeconds;
    return { status: httpStatus(error.code), body: error.toJSON(), ...(typeof retry === 'number' ? { retryAfterSeconds: retry } : {}) };
  }
  if (error instanceof HTTPException) {
    const code = codeByHttpStatus[error.status] ?? 'REQUEST_INVALID';
    const status = error.status >= 400 && error.status < 500 ? error.status : 400;
    return { status, body: { code, message: error.message || errorCatalog[code].summary, details: {} } };
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn('database unavailable', { path: request.path, error: describe(error) });
    return {
      status: 503,
      body: { code: 'DATABASE_UNAVAILABLE', message: errorCatalog.DATABASE_UNAVAILABLE.summary, details: {} },
      retryAfterSeconds: 2,
    };
  }
  const stack = error instanceof Error ? error.stack : undefined;
  logger.error('internal error', { method: request.method, path: request.path, error: describe(error), stack });
  return { status: 500, body: { code: 'INTERNAL', message: errorCatalog.INTERNAL.summary, details: {} } };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
