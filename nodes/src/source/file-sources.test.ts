import { writeArrow, writeParquet } from '@causeway/sdk';
import { inferNode, memoryFiles, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { arrowSource } from './arrow';
import { jsonSource } from './json';
import { parquetSource } from './parquet';

const people = tableOf({ age: [31, null, 40], city: ['NL', 'BE', null] });
const files = memoryFiles({
  'people.json': '[{"age":31,"city":"NL"},{"city":"BE"},{"age":40,"city":null}]',
  'people.ndjson': '{"age":31,"city":"NL"}\n{"age":null,"city":"BE"}\n{"age":40}\n',
  'nested.json': '[{"a":{"b":1}}]',
  'broken.json': '[{"a":1},\n{"a":}]',
  'people.parquet': writeParquet(people),
  'people.arrow': writeArrow(people),
  'people.arrows': writeArrow(people, 'stream'),
  'half.parquet': writeParquet(people).subarray(0, 30),
});

describe('file sources read bytes through ctx.files', () => {
  it('source.json reads arrays and NDJSON alike', async () => {
    for (const file of ['people.json', 'people.ndjson']) {
      const { outputs } = await runNode(jsonSource, { inputs: {}, config: { file }, files });
      expect(rowsOf(outputs.table)).toEqual(rowsOf(people));
    }
  });

  it('source.json reports bad JSON with file, line and column, and nested values when asked to fail', async () => {
    await expect(runNode(jsonSource, { inputs: {}, config: { file: 'broken.json' }, files })).rejects.toThrow(
      /"broken\.json" cannot be read as JSON: INPUT_INVALID at line\[2\]\.column\[\d+\]: Invalid JSON at line 2, column 6/,
    );
    await expect(runNode(jsonSource, { inputs: {}, config: { file: 'nested.json', nested: 'fail' }, files })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
    const kept = await runNode(jsonSource, { inputs: {}, config: { file: 'nested.json' }, files });
    expect(rowsOf(kept.outputs.table)).toEqual([{ a: '{"b":1}' }]);
  });

  it('source.parquet reads all or chosen columns, and refuses a truncated file', async () => {
    const all = await runNode(parquetSource, { inputs: {}, config: { file: 'people.parquet' }, files });
    expect(rowsOf(all.outputs.table)).toEqual(rowsOf(people));
    const some = await runNode(parquetSource, { inputs: {}, config: { file: 'people.parquet', columns: ['city'] }, files });
    expect(rowsOf(some.outputs.table)).toEqual([{ city: 'NL' }, { city: 'BE' }, { city: null }]);
    await expect(runNode(parquetSource, { inputs: {}, config: { file: 'half.parquet' }, files })).rejects.toThrow(
      /"half\.parquet" cannot be read as Parquet/,
    );
  });

  it('source.arrow reads IPC files and streams', async () => {
    for (const file of ['people.arrow', 'people.arrows']) {
      const { outputs } = await runNode(arrowSource, { inputs: {}, config: { file }, files });
      expect(rowsOf(outputs.table)).toEqual(rowsOf(people));
    }
    await expect(runNode(arrowSource, { inputs: {}, config: { file: 'people.json' }, files })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
  });

  it('every file source fails with FILE_UNKNOWN for a missing file and fingerprints through ctx.files', async () => {
    const ctx = { files, signal: new AbortController().signal };
    for (const node of [jsonSource, parquetSource, arrowSource] as const) {
      await expect(runNode(node, { inputs: {}, config: { file: 'nope' }, files })).rejects.toMatchObject({ code: 'FILE_UNKNOWN' });
      expect(inferNode(node, { config: { file: 'x' } }).outputs).toEqual({});
    }
    const a = await jsonSource.fingerprint?.({ config: { file: 'people.json', format: 'auto', nested: 'json' }, ctx });
    const b = await jsonSource.fingerprint?.({ config: { file: 'people.ndjson', format: 'auto', nested: 'json' }, ctx });
    expect(a).toBe(await files.fingerprint('people.json'));
    expect(a).not.toBe(b);
  });
});
