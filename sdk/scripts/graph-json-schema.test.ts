import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGraph } from '../src/graph/parse-graph';
import { graphFormat } from '../src/graph/schema';
import { graphJsonSchemaFile, graphJsonSchemaText } from './graph-json-schema';
import { testsJsonSchemaFile, testsJsonSchemaText } from './tests-json-schema';

const committed = () => readFileSync(fileURLToPath(new URL(`../${graphJsonSchemaFile}`, import.meta.url)), 'utf8');

describe('the published graph JSON Schema', () => {
  it('is committed as the script writes it (run `npx tsx sdk/scripts/write-json-schema.ts` after changing the schema)', () => {
    expect(committed()).toBe(graphJsonSchemaText());
  });

  it('names itself and describes the graph object', () => {
    const schema = JSON.parse(committed());
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `urn:causeway:schema:${graphFormat}`,
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['format', 'id', 'name', 'nodes', 'edges']),
    });
    expect(schema.properties.format).toEqual({ type: 'string', const: graphFormat });
    expect(schema.properties.nodes.maxItems).toBe(5_000);
  });
});

describe('docs/graph-format.md', () => {
  it('shows an example that parseGraph accepts', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/graph-format.md', import.meta.url)), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? '';
    const r = parseGraph(example);
    expect(r.ok ? r.value.nodes.map((n) => n.id) : r.issues).toEqual(['load', 'split']);
  });
});

describe('the published tests JSON Schema', () => {
  it('is committed as the script writes it (run `npm run schema` after changing the tests schema)', () => {
    const file = fileURLToPath(new URL(`../${testsJsonSchemaFile}`, import.meta.url));
    expect(readFileSync(file, 'utf8')).toBe(testsJsonSchemaText());
    expect(JSON.parse(readFileSync(file, 'utf8')).properties.format).toEqual({ type: 'string', const: 'causeway.tests/1' });
  });
});
