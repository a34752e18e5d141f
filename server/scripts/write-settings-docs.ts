/** Writes docs/settings.md from the settings catalog: `npx tsx server/scripts/write-settings-docs.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { settingsDocsFile, settingsDocsText } from '../src/settings/settings-docs';

const target = fileURLToPath(new URL(`../../${settingsDocsFile}`, import.meta.url));
writeFileSync(target, settingsDocsText());
console.log(`wrote ${target}`);
