/** Writes the published JSON Schemas (graph and tests formats) under sdk/schema/: `npx tsx sdk/scripts/write-json-schema.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { graphJsonSchemaFile, graphJsonSchemaText } from './graph-json-schema';
import { testsJsonSchemaFile, testsJsonSchemaText } from './tests-json-schema';

for (const [file, text] of [
  [graphJsonSchemaFile, graphJsonSchemaText()],
  [testsJsonSchemaFile, testsJsonSchemaText()],
] as const) {
  const target = fileURLToPath(new URL(`../${file}`, import.meta.url));
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
