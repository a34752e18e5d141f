import { z } from 'zod';
import { listOf } from './common';

/**
 * The roles a token or user can have; `client` is a narrow role for applications that only call model endpoints,
 * `metrics` one for a Prometheus scraper that only reads `GET /metrics`.
 */
export const roles = ['analyst', 'developer', 'ops', 'admin', 'client', 'metrics'] as const;
export type Role = (typeof roles)[number];

export const signInBody = z.object({ name: z.string().trim().min(1).max(100), password: z.string().min(1).max(256) }).strict();

/** A sign-in session (`POST /api/auth/sign-in`): its token expires after 12 hours. */
export const session = z.object({ token: z.string().min(1), expiresAt: z.string(), name: z.string(), role: z.string() });

/** The calling token (`GET /api/auth/me`) with the actions its role may take. */
export const me = z.object({ name: z.string(), role: z.string(), actions: z.array(z.string()) });

export const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    expiresAt: z.string().nullable().describe('After this the token is refused; null: it does not expire.'),
    endpoints: z.array(z.string()).nullable().describe('The endpoints the token may use; null: every endpoint its role may use.'),
  })
  .meta({ id: 'Token' });
export const tokenList = listOf(tokenSchema);

const endpointName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'an endpoint name is a letter or digit, then letters, digits, _ . -');
const future = z.iso
  .datetime({ offset: true })
  .refine((at) => Date.parse(at) > Date.now(), 'must be in the future')
  .describe('ISO 8601 time after which the token is refused.');

export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(roles),
    endpoints: z
      .array(endpointName)
      .min(1)
      .max(100)
      .optional()
      .describe('Scope the token to these endpoints (for application tokens); it is refused on any other.'),
    expiresAt: future.optional(),
  })
  .strict();
/** A new token: its value is shown this once. */
export const createdToken = tokenSchema.extend({ token: z.string() });

/** Rotation: a new key for the same application; the old one keeps working for `overlapSeconds`, then only the new one does. */
export const rotateTokenBody = z
  .object({
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .default(86_400)
      .describe('How long the old key stays valid beside the new one (default one day; 0 ends it at once).'),
  })
  .strict();
export const rotatedToken = createdToken.extend({
  previous: z.object({ id: z.string(), expiresAt: z.string() }).describe('The old key and when it stops working.'),
});
export const tokenIdParam = z.object({ id: z.string().uuid() });
