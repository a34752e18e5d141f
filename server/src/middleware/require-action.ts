import { UserError } from '@causeway/sdk';
import type { MiddlewareHandler } from 'hono';
import { type RouteAction, roleAllows } from '../auth/roles';
import type { AppEnv } from '../http/app-env';

/** Lets the request through only when its token's role allows the route's action. */
export function requireAction(action: RouteAction): MiddlewareHandler<AppEnv> {
  return async function requireAction(c, next) {
    if (action === 'public') return next();
    const principal = c.get('principal');
    if (principal === undefined)
      throw new UserError('UNAUTHORIZED', 'This route needs an API token: send "Authorization: Bearer <token>".');
    if (!roleAllows(principal.role, action)) {
      throw new UserError('FORBIDDEN', `The role "${principal.role}" may not take the action "${action}".`, {
        details: { action, role: principal.role },
      });
    }
    return next();
  };
}
