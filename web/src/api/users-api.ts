import { type createUserBody, type Role, roles, type updateUserBody, userList, userSchema } from '@causeway/contract';
import type { z } from 'zod';
import type { ApiClient } from './api-client';

export { type Role, roles as userRoles, type User } from '@causeway/contract';

/** The role a form's choice names; the choices are the known roles, so another value is a bug. */
export function roleOf(value: string): Role {
  const role = roles.find((r) => r === value);
  if (role === undefined) throw new Error(`"${value}" is not a role.`);
  return role;
}

/** Users (admins only: `users:manage`). Changing a role or password, or disabling, ends the user's sessions. */
export const usersApi = {
  list: (api: ApiClient) => api.request('GET', '/api/users', userList),
  create: (api: ApiClient, body: z.input<typeof createUserBody>) => api.request('POST', '/api/users', userSchema, body),
  update: (api: ApiClient, id: string, body: z.input<typeof updateUserBody>) =>
    api.request('PATCH', `/api/users/${encodeURIComponent(id)}`, userSchema, body),
};
