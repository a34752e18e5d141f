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
  })
  .meta({ id: 'Token' });
export const tokenList = listOf(tokenSchema);
export const createTokenBody = z.object({ name: z.string().trim().min(1).max(100), role: z.enum(roles) }).strict();
/** A new token: its value is shown this once. */
export const createdToken = tokenSchema.extend({ token: z.string() });
export const tokenIdParam = z.object({ id: z.string().uuid() });
