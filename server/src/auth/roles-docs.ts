import { ownedResources } from './ownership';
import { type Action, actionMeanings, actions, roleActions, roleMeanings, roles } from './roles';

/** Where the role table lives, from the repository's root. */
export const rolesDocsFile = 'docs/roles.md';

/** docs/roles.md as `roles.ts` gives it: who each role is for, and which actions each may take. */
export function rolesDocsText(): string {
  const header = `| action | ${roles.join(' | ')} | allows |`;
  const rule = `| --- | ${roles.map(() => ':-:').join(' | ')} | --- |`;
  const row = (action: Action) =>
    `| \`${action}\` | ${roles.map((role) => (roleActions[role].has(action) ? '✓' : '')).join(' | ')} | ${actionMeanings[action]} |`;
  return [
    '# Roles',
    '',
    '<!-- Generated from server/src/auth/roles.ts by `npx tsx server/scripts/write-roles-docs.ts`; do not edit. -->',
    '',
    'Every API route declares one action; a token (or a signed-in user) may call it when its role has',
    'that action. `GET /api/health` and `POST /api/auth/sign-in` need no token.',
    '',
    '| role | for |',
    '| --- | --- |',
    ...roles.map((role) => `| **${role}** | ${roleMeanings[role]} |`),
    '',
    header,
    rule,
    ...actions.map(row),
    '',
    '## Who may change what',
    '',
    'Graphs, runs, files and secrets have an owner: whoever created, started (a scheduled run: whoever made',
    'the schedule) or uploaded them. Besides the action above, changing one needs its owner or a role in',
    'the last column; anyone else gets `NOT_OWNER` (403). Reading is not limited by ownership. The shipped',
    'templates have no owner: anyone who may write graphs may change them.',
    '',
    '| resource | the owner may | so may any |',
    '| --- | --- | --- |',
    ...Object.entries(ownedResources).map(([resource, rule]) => `| ${resource} | ${rule.changes} | ${rule.anyOf.join(', ')} |`),
    '',
    'A secret is used (by a run, as a database connection, a webhook …) only by admins and the roles and',
    'users in its grants — at first its creator alone; a run uses secrets as its owner, with the role the',
    'owner had when the run was made. Anything else fails with `SECRET_FORBIDDEN`.',
    '',
  ].join('\n');
}
