import { z } from 'zod';
import { roles } from './auth';
import { listOf } from './common';

export const secretNameParam = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/, 'a secret name is a letter or _ then letters, digits, _ . -'),
});
/** Who may use a secret besides admins: whole roles and single users (by name). */
export const secretGrantsSchema = z
  .object({
    roles: z.array(z.enum(roles)).max(roles.length).default([]),
    users: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  })
  .strict();
const grantsAnswer = z.object({ roles: z.array(z.string()), users: z.array(z.string()) });

/** A secret's name and history; its value never leaves the server. */
export const secretInfo = z
  .object({
    name: z.string(),
    keyId: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedBy: z.string(),
    updatedAt: z.string(),
    grants: grantsAnswer.describe('Who may use it besides admins'),
  })
  .meta({ id: 'SecretInfo' });
export const secretList = listOf(secretInfo);
export const putSecretBody = z.object({ value: z.string().min(1).max(65_536) }).strict();
export const putSecretAnswer = z.object({ name: z.string(), created: z.boolean() });
export const secretGrantsAnswer = z.object({ name: z.string(), grants: grantsAnswer });
