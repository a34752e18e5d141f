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
  ].join('\n');
}
