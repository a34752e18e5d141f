import type { ApiClient } from './api-client';

/** A user who signs in with a password (`GET /api/users`); passwords are never sent back. */
export interface User {
  id: string;
  name: string;
  role: string;
  hasPassword: boolean;
  createdAt: string;
  disabledAt: string | null;
}

/** The roles a user can have (those of `server/src/auth/roles.ts`). */
export const userRoles = ['analyst', 'developer', 'ops', 'admin', 'client'] as const;

/** Users (admins only: `users:manage`). Changing a role or password, or disabling, ends the user's sessions. */
export const usersApi = {
  list: (api: ApiClient) => api.request<{ items: User[] }>('GET', '/api/users'),
  create: (api: ApiClient, body: { name: string; role: string; password: string }) => api.request<User>('POST', '/api/users', body),
  update: (api: ApiClient, id: string, body: { role?: string; password?: string; disabled?: boolean }) =>
    api.request<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, body),
};
