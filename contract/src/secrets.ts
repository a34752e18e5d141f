import { z } from 'zod';
import { listOf } from './common';

export const secretNameParam = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/, 'a secret name is a letter or _ then letters, digits, _ . -'),
});
/** A secret's name and history; its value never leaves the server. */
export const secretInfo = z
  .object({
    name: z.string(),
    keyId: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedBy: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SecretInfo' });
export const secretList = listOf(secretInfo);
export const putSecretBody = z.object({ value: z.string().min(1).max(65_536) }).strict();
export const putSecretAnswer = z.object({ name: z.string(), created: z.boolean() });
