/** Writes sdk/schema/causeway.graph-1.schema.json from the zod graph schema: `npx tsx sdk/scripts/write-json-schema.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { graphJsonSchemaFile, graphJsonSchemaText } from './graph-json-schema';

const target = fileURLToPath(new URL(`../${graphJsonSchemaFile}`, import.meta.url));
writeFileSync(target, graphJsonSchemaText());
console.log(`wrote ${target}`);
