/** What a route does, declared on the route and checked by one middleware. */
export const actions = [
  'graphs:read',
  'graphs:write',
  'runs:read',
  'runs:write',
  'nodes:read',
  'self:read',
  'plugins:read',
  'plugins:write',
  'plugins:dev',
  'schedules:read',
  'schedules:write',
  'endpoints:read',
  'endpoints:write',
  'endpoints:predict',
  'models:read',
  'models:write',
  'secrets:read',
  'secrets:write',
  'audit:read',
  'tokens:manage',
  'users:manage',
] as const;

export type Action = (typeof actions)[number];

/** `client`: a narrow role for applications that only call model endpoints. */
export const roles = ['analyst', 'developer', 'ops', 'admin', 'client'] as const;
export type Role = (typeof roles)[number];

const everyone: Action[] = [
  'self:read',
  'graphs:read',
  'runs:read',
  'nodes:read',
  'plugins:read',
  'endpoints:read',
  'models:read',
  'schedules:read',
];

/** The actions each role may take; admin may take every action. */
export const roleActions: Record<Role, ReadonlySet<Action>> = {
  analyst: new Set<Action>([...everyone, 'graphs:write', 'runs:write', 'endpoints:predict']),
  // Installing plugins is an ops action; developers may only load `-dev` versions of their own (`causeway plugin dev`).
  developer: new Set<Action>([...everyone, 'plugins:dev']),
  ops: new Set<Action>([
    ...everyone,
    'plugins:write',
    'runs:write',
    'schedules:write',
    'endpoints:write',
    'endpoints:predict',
    'models:write',
    'secrets:read',
    'secrets:write',
    'audit:read',
  ]),
  admin: new Set<Action>(actions),
  client: new Set<Action>(['self:read', 'endpoints:predict']),
};

/** Whether `role` may take `action`. */
export function roleAllows(role: Role, action: Action): boolean {
  return roleActions[role].has(action);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** What a route declares it needs: an action, or `public` for routes that need no token (health only). */
export type RouteAction = Action | 'public';
