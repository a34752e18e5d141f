import type { z } from '@hono/zod-openapi';

export { integerParam, pageQuery } from '@causeway/contract';
export { errorResponses } from './error-responses';

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
