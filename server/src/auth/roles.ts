import { type Role, roles } from '@causeway/contract';

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
  'plugins:grant',
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
  'metrics:read',
] as const;

export type Action = (typeof actions)[number];

/** The roles, declared in the HTTP contract (`client`: a narrow role for applications that only call model endpoints). */
export { type Role, roles };

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
  // Developers build and try graphs with their plugins; releases are installed by ops. `-dev` versions (`causeway plugin dev`) are theirs.
  developer: new Set<Action>([...everyone, 'graphs:write', 'runs:write', 'plugins:dev']),
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
    'metrics:read',
  ]),
  admin: new Set<Action>(actions),
  client: new Set<Action>(['self:read', 'endpoints:predict']),
  metrics: new Set<Action>(['self:read', 'metrics:read']),
};

/** Whether `role` may take `action`. */
export function roleAllows(role: Role, action: Action): boolean {
  return roleActions[role].has(action);
}

/** What each action allows, for the generated role table (docs/roles.md). */
export const actionMeanings: Record<Action, string> = {
  'graphs:read': 'read graphs, their versions, templates and uploaded files',
  'graphs:write': 'save graphs and versions, upload and delete files',
  'runs:read': 'read runs, their events and outputs',
  'runs:write': 'start, cancel and retry runs',
  'nodes:read': 'read the node catalogue',
  'self:read': 'read who the token belongs to and what it may do',
  'plugins:read': 'list plugins and load their bundles',
  'plugins:write': 'install, enable, disable and delete plugin releases',
  'plugins:dev': 'install `-dev` plugin versions (`causeway plugin dev`) and delete those they installed',
  'plugins:grant': 'grant plugins the network hosts and secrets they ask for, at install or later (revoke)',
  'schedules:read': 'read schedules and their occurrences',
  'schedules:write': 'create, change and delete schedules',
  'endpoints:read': 'read endpoints, their history and live figures',
  'endpoints:write': 'create endpoints, promote, canary, shadow, roll back, set sampling',
  'endpoints:predict': 'call an endpoint’s predict',
  'models:read': 'read registered models, versions, cards and ONNX files',
  'models:write': 'register versions and change their stage',
  'secrets:read': 'list secret names (never their values)',
  'secrets:write': 'create, replace and delete secrets',
  'audit:read': 'read the audit log',
  'tokens:manage': 'create and revoke API tokens',
  'users:manage': 'create users, change their role or password, disable them',
  'metrics:read': 'scrape the Prometheus metrics at `GET /metrics`',
};

/** Who each role is for, for the generated role table. */
export const roleMeanings: Record<Role, string> = {
  analyst: 'builds, saves and runs graphs; calls endpoints',
  developer: 'writes plugins: reads everything an analyst reads and installs `-dev` plugin versions',
  ops: 'runs production: schedules, endpoints, models, plugin releases, secrets, the audit log',
  admin: 'everything, including users and tokens',
  client: 'an application that only calls model endpoints',
  metrics: 'a Prometheus scraper that only reads `GET /metrics`',
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** What a route declares it needs: an action, or `public` for routes that need no token (health only). */
export type RouteAction = Action | 'public';
