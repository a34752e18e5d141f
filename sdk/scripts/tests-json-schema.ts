import { z } from 'zod';
import { graphTestsFormat, graphTestsSchema } from '../src/graph-tests/schema';

/** Where the published JSON Schema of the tests format is written, relative to sdk/. */
export const testsJsonSchemaFile = `schema/${graphTestsFormat.replace('/', '-')}.schema.json`;

/**
 * The JSON Schema of `<graph>.tests.json` as it is committed, made like the graph's: from the zod
 * schema, with an `$id`, a title, 2-space indent and a trailing newline.
 *
 * @example
 * writeFileSync(testsJsonSchemaFile, testsJsonSchemaText());
 */
export function testsJsonSchemaText(): string {
  const { $schema, ...generated } = z.toJSONSchema(graphTestsSchema, { target: 'draft-2020-12', io: 'input' });
  const schema = {
    $schema,
    $id: `urn:causeway:schema:${graphTestsFormat}`,
    title: `Causeway graph tests (${graphTestsFormat})`,
    description:
      'Test cases of the Causeway graph beside this file (churn.tests.json tests churn.json): fixtures in place of outputs, config overrides, and checks on outputs. See docs/testing-graphs.md.',
    ...generated,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
