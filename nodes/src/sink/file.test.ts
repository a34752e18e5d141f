import { type AnyNodeDefinition, memoryExports, tableSchemaOf, validateGraph } from '@causeway/sdk';
import { memoryFiles, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../index';
import { arrowSource } from '../source/arrow';
import { csvSource } from '../source/csv';
import { jsonSource } from '../source/json';
import { parquetSource } from '../source/parquet';
import { fileSink } from './file';

const day = new Date('2024-03-01T00:00:00Z');
const table = tableOf(
  {
    price: [1.5, null, -3.25],
    rooms: [3, 4, null],
    city: ['Delft', null, 'a,"b"\nc'],
    kind: ['flat', 'house', 'flat'],
    garden: [true, false, null],
    sold: [day, null, day],
  },
  { kind: 'category' },
);

const sources: Record<string, AnyNodeDefinition> = { csv: csvSource, parquet: parquetSource, arrow: arrowSource, jsonl: jsonSource };

async function roundTrip(format: 'csv' | 'parquet' | 'arrow' | 'jsonl') {
  const exports = memoryExports();
  const path = `out/people.${format}`;
  const { outputs } = await runNode(fileSink, { inputs: { table }, config: { path, format }, exports });
  expect(outputs.written).toMatchObject({ path, format, rows: 3 });
  const bytes = exports.files.get(path) as Uint8Array;
  expect(outputs.written.bytes).toBe(bytes.byteLength);
  const source = sources[format] as AnyNodeDefinition;
  const read = await runNode(source, { inputs: {}, config: { file: 'f' }, files: memoryFiles({ f: bytes }) });
  return read.outputs.table as typeof table;
}

describe('sink.file', () => {
  it.each(['csv', 'parquet', 'arrow', 'jsonl'] as const)(
    '%s round-trips values, nulls and types through the matching source',
    async (format) => {
      const back = await roundTrip(format);
      expect(rowsOf(back)).toEqual(rowsOf(table));
      const types = tableSchemaOf(back).columns.map((c) => c.type);
      // Categories come back as text where the format has no dictionary type.
      expect(types).toEqual(['number', 'integer', 'string', format === 'arrow' ? 'category' : 'string', 'boolean', 'date']);
    },
  );

  it('quotes CSV cells holding the delimiter, quotes, line breaks or null-like text, and guards formulas', async () => {
    const exports = memoryExports();
    const odd = tableOf({ text: ['a,b', 'say "hi"', 'two\nlines', 'NA', '=1+1', 'plain'] });
    await runNode(fileSink, { inputs: { table: odd }, config: { path: 'odd.csv' }, exports });
    expect(new TextDecoder().decode(exports.files.get('odd.csv'))).toBe('text\n"a,b"\n"say ""hi"""\n"two\nlines"\n"NA"\n\'=1+1\nplain\n');
  });

  it('writes JSON lines with ISO dates and null for missing values', async () => {
    const exports = memoryExports();
    await runNode(fileSink, { inputs: { table: table.slice(0, 2) }, config: { path: 'p.jsonl', format: 'jsonl' }, exports });
    expect(new TextDecoder().decode(exports.files.get('p.jsonl'))).toBe(
      '{"price":1.5,"rooms":3,"city":"Delft","kind":"flat","garden":true,"sold":"2024-03-01T00:00:00.000Z"}\n' +
        '{"price":null,"rooms":4,"city":null,"kind":"house","garden":false,"sold":null}\n',
    );
  });

  it('refuses a path outside the export folder at validation, on the path field', () => {
    const registry = createBuiltinRegistry();
    for (const path of ['../x.csv', '/tmp/x.csv', '.hidden.csv']) {
      const graph = {
        format: 'causeway.graph/1' as const,
        id: 'g',
        name: 'g',
        nodes: [{ id: 'w', type: 'sink.file', version: 1, position: [0, 0] as [number, number], config: { path } }],
        edges: [],
      };
      const issues = validateGraph(graph, registry, { infer: false }).issues.filter((i) => i.code === 'CONFIG_INVALID');
      expect(issues, path).toMatchObject([{ nodeId: 'w', path: ['nodes', 0, 'config', 'path'], message: expect.stringContaining(path) }]);
    }
  });

  it('fails clearly where the host keeps no files, and is an effect, never cached', async () => {
    await expect(runNode(fileSink, { inputs: { table }, config: { path: 'x.csv' } })).rejects.toMatchObject({ code: 'EXPORTS_MISSING' });
    expect(fileSink.effects).toBe(true);
    expect(fileSink.runtime ?? 'any').toBe('any');
  });
});
