import { type ErrorCode, errorCatalog } from '@causeway/sdk';
import { z } from 'zod';

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

/** A page of `item`s with the count of all of them. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number() });
}

/** Every item at once. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** A stable code from the error catalog (docs/errors.md). */
export const errorCodeSchema = z.enum(Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]]);

/** The body of every error response: a stable code from the catalog, a message for people, and details. */
export const errorBody = z
  .object({
    code: errorCodeSchema.describe('A stable code from the error catalog (docs/errors.md).'),
    message: z.string(),
    details: z
      .record(z.string(), z.unknown())
      .describe('What the code needs: for invalid input `issues`, each with a `code`, a `path` and a `message`.'),
  })
  .meta({ id: 'Error' });

/** Why a run, node or schedule occurrence failed, as stored with it: a catalog code (plain text, so old records still read), a message and the node at fault. */
export const storedErrorSchema = z
  .object({ code: z.string(), message: z.string(), nodeId: z.string().optional() })
  .meta({ id: 'StoredError' });
