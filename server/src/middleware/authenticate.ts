import { UserError } from '@causeway/sdk';
import type { MiddlewareHandler } from 'hono';
import { bearerToken } from '../auth/api-token';
import { isRole } from '../auth/roles';
import type { AppEnv } from '../http/app-env';
import type { TokensRepository } from '../repositories/tokens-repository';
import { hasBody } from './refuse-anonymous-bodies';

/**
 * Resolves the bearer token, when one is sent, into the request's principal. A wrong, revoked or
 * malformed token is refused here; a missing one is left to each route's declared action.
 */
export function authenticate(tokens: TokensRepository): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const header = c.req.header('authorization');
    if (header === undefined) {
      c.set('principal', undefined);
      return next();
    }
    const token = bearerToken(header);
    const info = token === undefined ? undefined : await tokens.findActive(token);
    if (info === undefined || !isRole(info.role)) {
      // As for a missing token: do not go on receiving a body nobody will read.
      if (hasBody(c.req.raw)) c.header('Connection', 'close');
      throw new UserError('UNAUTHORIZED', 'The API token is not valid or was revoked.');
    }
    await tokens.touch(info);
    c.set('principal', { tokenId: info.id, name: info.name, role: info.role, endpoints: info.endpoints });
    return next();
  };
}
