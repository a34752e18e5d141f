/** Writes docs/roles.md from the roles: `npx tsx server/scripts/write-roles-docs.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rolesDocsFile, rolesDocsText } from '../src/auth/roles-docs';

const target = fileURLToPath(new URL(`../../${rolesDocsFile}`, import.meta.url));
writeFileSync(target, rolesDocsText());
console.log(`wrote ${target}`);
