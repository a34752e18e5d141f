import { z } from 'zod';
import { roles } from './auth';
import { listOf } from './common';

/** A user who signs in with a password; passwords are never sent back. */
export const userSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string(),
    hasPassword: z.boolean(),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'User' });
export const userList = listOf(userSchema);

/** Passwords: long enough to resist guessing, short enough that hashing stays cheap to refuse. */
export const passwordSchema = z.string().min(12, 'A password needs at least 12 characters.').max(256);
const userName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'Use letters, digits and . _ @ - only.');

export const userIdParam = z.object({ id: z.string().uuid() });
export const createUserBody = z.object({ name: userName, role: z.enum(roles), password: passwordSchema }).strict();
export const updateUserBody = z
  .object({ role: z.enum(roles).optional(), password: passwordSchema.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Give role, password or disabled.');
