import { errorBody } from '@causeway/contract';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';

/** Where an app's OpenAPI components are registered. */
export type OpenAPIRegistry = OpenAPIHono['openAPIRegistry'];

/** The body of every error response, from the contract. */
export const errorSchema = errorBody;

// As JSON Schema: `registry.register` would call `.openapi()` on it, which only the zod instance that
// @hono/zod-openapi extended has (under vitest the contract's zod and Hono's can be two copies).
const errorComponent = z.toJSONSchema(errorBody, { target: 'draft-2020-12', io: 'input' }).$defs?.Error ?? {};

const retryAfter = { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' as const } } };

/** Each status an error can be answered with, as a named response component. */
const errorStatuses = {
  400: { name: 'BadRequest', description: 'The request is invalid; `details.issues` says where.' },
  401: { name: 'Unauthorized', description: 'No valid token, or (signing in) a wrong name or password.' },
  403: { name: 'Forbidden', description: "The token's role may not take this route's action." },
  404: { name: 'NotFound', description: 'What the request names does not exist.' },
  409: { name: 'Conflict', description: 'The request conflicts with the current state (it exists, or is not in a state that allows it).' },
  413: { name: 'PayloadTooLarge', description: 'The body is larger than the limit in `details.limit`.' },
  422: { name: 'Unprocessable', description: 'The request is well formed but refused; `details` says why.' },
  429: { name: 'TooManyRequests', description: 'Too many attempts; retry after `Retry-After` seconds.', headers: retryAfter },
  500: { name: 'InternalError', description: 'An unexpected error; it is logged on the server.' },
  502: { name: 'BadGateway', description: 'A server the request depends on (such as the plugin registry) failed; the message names it.' },
  503: { name: 'Unavailable', description: 'The database cannot be reached; retry after `Retry-After` seconds.', headers: retryAfter },
} as const;

/** An HTTP status some error is answered with. */
export type ErrorStatus = keyof typeof errorStatuses;

/** References to the error responses of `statuses`, for a route's `responses`. */
export function errorResponses(...statuses: ErrorStatus[]): Partial<Record<ErrorStatus, { $ref: string }>> {
  return Object.fromEntries(statuses.map((status) => [status, { $ref: `#/components/responses/${errorStatuses[status].name}` }]));
}

/** Adds the `Error` schema and one response component per error status to the document. */
export function registerErrorResponses(registry: OpenAPIRegistry): void {
  registry.registerComponent('schemas', 'Error', errorComponent as object);
  const schema = { $ref: '#/components/schemas/Error' };
  for (const { name, description, ...rest } of Object.values(errorStatuses)) {
    registry.registerComponent('responses', name, { description, ...rest, content: { 'application/json': { schema } } });
  }
}
