import { UserError } from '@causeway/sdk';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';

/**
 * Refuses a request that carries a body but no `Authorization` header (401) before anything reads
 * the body, unless `isPublic` says the route takes bodies without a token (sign-in). The answer
 * closes the connection, so the server does not go on receiving a body nobody will read.
 */
export function refuseAnonymousBodies(isPublic: (method: string, path: string) => boolean): MiddlewareHandler<AppEnv> {
  return async function refuseAnonymousBodies(c, next) {
    if (c.req.header('authorization') !== undefined || !hasBody(c.req.raw) || isPublic(c.req.method, c.req.path)) return next();
    c.header('Connection', 'close');
    throw new UserError('UNAUTHORIZED', 'This route needs an API token: send "Authorization: Bearer <token>".');
  };
}

/** Whether the request declares or streams a body. */
export function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return length !== '0';
  return request.headers.has('transfer-encoding') || request.body !== null;
}
