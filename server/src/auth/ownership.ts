import { UserError } from '@causeway/sdk';
import type { Role } from './roles';

/** Resources that have an owner, and who besides the owner may change one. */
export const ownedResources = {
  graph: { changes: 'save versions of it, rename it, delete it', anyOf: ['admin'] },
  run: { changes: 'cancel it', anyOf: ['ops', 'admin'] },
  file: { changes: 'overwrite it, delete it', anyOf: ['admin'] },
  secret: { changes: 'replace its value, change its grants, delete it', anyOf: ['admin'] },
} as const satisfies Record<string, { changes: string; anyOf: readonly Role[] }>;

export type OwnedResource = keyof typeof ownedResources;

/** Whether `actor` may change a resource `owner` owns: the owner, or a role that may change any. */
export function mayChange(resource: OwnedResource, actor: { name: string; role: Role }, owner: string): boolean {
  return actor.name === owner || (ownedResources[resource].anyOf as readonly Role[]).includes(actor.role);
}

/**
 * Refuses with `NOT_OWNER` (403) unless {@link mayChange}.
 *
 * @example
 * requireOwner('graph', actorOf(c), info.owner, `graph "${id}"`);
 */
export function requireOwner(resource: OwnedResource, actor: { name: string; role: Role }, owner: string, what: string): void {
  if (mayChange(resource, actor, owner)) return;
  const others = ownedResources[resource].anyOf.join(' or ');
  throw new UserError(
    'NOT_OWNER',
    `The ${what} belongs to "${owner}"; only they or ${others === 'admin' ? 'an admin' : others} may ${ownedResources[resource].changes.split(',')[0]}.`,
    {
      details: { owner },
    },
  );
}
