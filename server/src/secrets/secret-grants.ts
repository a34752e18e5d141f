import { secretGrantsSchema } from '@causeway/contract';
import type { z } from 'zod';
import type { Role } from '../auth/roles';

export type SecretGrants = z.output<typeof secretGrantsSchema>;

/** Who is using a secret: a run's owner (and the role it had), a schedule's maker, a caller. */
export interface SecretUser {
  name: string;
  role: Role | string | null;
}

/** The grants a new secret gets: its creator only (admins may always use it). */
export function defaultGrants(creator: string): SecretGrants {
  return { roles: [], users: [creator] };
}

/** Reads stored grants; anything unreadable grants nobody but admins. */
export function grantsOf(stored: unknown): SecretGrants {
  const raw = typeof stored === 'string' ? safeJson(stored) : stored;
  const parsed = secretGrantsSchema.safeParse(raw);
  return parsed.success ? parsed.data : { roles: [], users: [] };
}

/** Whether `user` may use a secret with these grants: admins always, else a granted role or name. */
export function grantAllows(grants: SecretGrants, user: SecretUser): boolean {
  if (user.role === 'admin') return true;
  if (grants.users.includes(user.name)) return true;
  return user.role !== null && (grants.roles as readonly string[]).includes(user.role);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
