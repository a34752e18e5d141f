import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { RouteAction } from '../auth/roles';
import { requireAction } from '../middleware/require-action';
import { type ErrorStatus, errorResponses } from './error-responses';

/** The OpenAPI extension that carries a route's action; the role matrix test reads it back. */
export const actionExtension = 'x-causeway-action';

/** A route as its module declares it: a stable `operationId` (generated clients name their methods by it), no security of its own. */
export type RouteDeclaration = Omit<RouteConfig, 'middleware' | 'security' | 'operationId'> & { operationId: string };

/**
 * The error statuses every route of this kind can answer, whatever it does: a wrong token is refused
 * before any route (public ones too), a missing one or a role without the action before validation;
 * input is validated (400) and bodies are capped (413); the database can be lost (503) and bugs happen (500).
 */
function statusesOf(action: RouteAction, request: RouteDeclaration['request']): ErrorStatus[] {
  const statuses: ErrorStatus[] = [401, 500, 503];
  if (action !== 'public') statuses.push(403);
  if (request !== undefined && Object.values(request).some((part) => part !== undefined)) statuses.push(400);
  if (request?.body !== undefined) statuses.push(413);
  return statuses;
}

/**
 * A route with its declared action: the action is checked before any validation, and published
 * in the OpenAPI document (with the security it needs and the errors it can answer) so tests and
 * clients can see what each route needs. A route lists only the errors of its own logic (404, 409…).
 */
export function defineRoute<const R extends RouteDeclaration>(action: RouteAction, config: R) {
  return createRoute({
    ...config,
    responses: { ...errorResponses(...statusesOf(action, config.request)), ...config.responses },
    security: action === 'public' ? [] : [{ bearer: [] }],
    [actionExtension]: action,
    middleware: [requireAction(action)] as const,
  });
}
