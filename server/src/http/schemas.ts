import { z } from '@hono/zod-openapi';

export { errorResponses } from './error-responses';

/**
 * A whole number in a query string or a path: digits only, documented as an integer. Not
 * `z.coerce.number()`, which also takes null (as 0) and so is published as integer-or-null,
 * a type a query string cannot carry.
 */
export function integerParam(min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value),
    z.number({ error: 'expected a whole number' }).int().min(min).max(max),
  );
}

/** `?limit=&offset=` paging. */
export const pageQuery = z.object({
  limit: integerParam(1, 200).default(50),
  offset: integerParam(0, 1_000_000).default(0),
});

/** A JSON body with the given schema. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { required: true, content: { 'application/json': { schema } } } } as const;
}

/** Raw bytes in a body, declared as a plain schema: nothing validates it before the route, which reads the stream itself. */
export const binarySchema = { type: 'string' as const, format: 'binary' };

/** A `multipart/form-data` body of file parts (name → what it holds), all required; declared, not validated, like {@link binarySchema}. */
export function multipartFiles(parts: Record<string, string>) {
  return {
    type: 'object' as const,
    properties: Object.fromEntries(Object.entries(parts).map(([name, description]) => [name, { ...binarySchema, description }])),
    required: Object.keys(parts),
  };
}

/** A JSON response with the given schema. */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } } as const;
}
