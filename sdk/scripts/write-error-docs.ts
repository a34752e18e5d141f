/** Writes docs/errors.md from the error catalog: `npx tsx sdk/scripts/write-error-docs.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorDocsFile, errorDocsText } from './error-docs';

const target = fileURLToPath(new URL(`../../${errorDocsFile}`, import.meta.url));
writeFileSync(target, errorDocsText());
console.log(`wrote ${target}`);
