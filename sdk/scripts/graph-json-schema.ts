import { z } from 'zod';
import { graphFormat, graphSchema } from '../src/graph/schema';

/** Where the published JSON Schema of the current graph format is written, relative to sdk/. */
export const graphJsonSchemaFile = `schema/${graphFormat.replace('/', '-')}.schema.json`;

/**
 * The JSON Schema of the current graph format as it is committed: generated from the zod schema,
 * with an `$id` and a title, 2-space indent and a trailing newline.
 *
 * @example
 * writeFileSync(graphJsonSchemaFile, graphJsonSchemaText());
 */
export function graphJsonSchemaText(): string {
  const { $schema, ...generated } = z.toJSONSchema(graphSchema, { target: 'draft-2020-12' });
  const schema = {
    $schema,
    $id: `urn:causeway:schema:${graphFormat}`,
    title: `Causeway graph (${graphFormat})`,
    description:
      'A Causeway pipeline graph as saved to a file. Node configs are checked against their node types when the graph is validated; secrets appear in configs only as { "$secret": "name" }. See docs/graph-format.md.',
    ...generated,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
