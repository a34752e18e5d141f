import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { RouteAction } from '../auth/roles';
import { requireAction } from '../middleware/require-action';

/** The OpenAPI extension that carries a route's action; the role matrix test reads it back. */
export const actionExtension = 'x-causeway-action';

/**
 * A route with its declared action: the action is checked before any validation, and published
 * in the OpenAPI document so tests and clients can see what each route needs.
 */
export function defineRoute<const R extends Omit<RouteConfig, 'middleware'>>(action: RouteAction, config: R) {
  return createRoute({
    ...config,
    [actionExtension]: action,
    ...(action === 'public' ? {} : { security: [{ bearer: [] }] }),
    middleware: [requireAction(action)] as const,
  });
}
