import { z } from '@hono/zod-openapi';

/** The body of every error response. */
export const errorSchema = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }).openapi('Error');

/** Standard error responses for a route. */
export function errorResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 503>) {
  const out: Record<number, { description: string; content: { 'application/json': { schema: typeof errorSchema } } }> = {};
  for (const status of [401, 403, 503, ...statuses]) {
    out[status] = { description: 'Error', content: { 'application/json': { schema: errorSchema } } };
  }
  return out;
}

/** `?limit=&offset=` paging. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** A JSON body with the given schema. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { required: true, content: { 'application/json': { schema } } } } as const;
}

/** A JSON response with the given schema. */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } } as const;
}
