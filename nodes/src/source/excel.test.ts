import { readFileSync } from 'node:fs';
import { memoryFiles, rowsOf, runNode } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { excelSource } from './excel';
import { parseA1Range } from './excel-range';

const workbook = new Uint8Array(readFileSync(new URL('../../../test/fixtures/excel/people.xlsx', import.meta.url)));
const files = memoryFiles({ 'people.xlsx': workbook, 'not.xlsx': 'name,age\nAda,36\n' });
const typesOf = (table: { schema: { fields: { name: string; type: unknown }[] } }) =>
  Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));

describe('source.excel', () => {
  it('reads the first sheet with its header, types inferred', async () => {
    const { outputs } = await runNode(excelSource, { inputs: {}, config: { file: 'people.xlsx' }, files });
    expect(rowsOf(outputs.table)).toEqual([
      { name: 'Ada', age: 36, score: 1.5, member: true },
      { name: 'Bo', age: 41, score: null, member: false },
      { name: 'Cy', age: 29, score: 2.25, member: true },
    ]);
    expect(typesOf(outputs.table)).toMatchObject({ age: 'Int32', score: 'Float64', member: 'Bool' });
  });

  it('reads a sheet by name or position and a range of it', async () => {
    for (const sheet of ['Sales', 2]) {
      const { outputs } = await runNode(excelSource, { inputs: {}, config: { file: 'people.xlsx', sheet, range: 'C3:E5' }, files });
      expect(rowsOf(outputs.table)).toEqual([
        { city: 'Lyon', sales: 10.5, units: 3 },
        { city: 'Nice', sales: 7.25, units: 2 },
      ]);
    }
    const open = await runNode(excelSource, {
      inputs: {},
      config: { file: 'people.xlsx', sheet: 'Sales', range: 'D4', header: false },
      files,
    });
    expect(rowsOf(open.outputs.table)).toEqual([
      { column1: 10.5, column2: 3 },
      { column1: 7.25, column2: 2 },
    ]);
  });

  it('refuses a missing sheet, a range outside the sheet and a malformed range, naming the field', async () => {
    await expect(runNode(excelSource, { inputs: {}, config: { file: 'people.xlsx', sheet: 'Nope' }, files })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      issues: [{ path: ['config', 'sheet'], message: expect.stringContaining('People, Sales') }],
    });
    await expect(runNode(excelSource, { inputs: {}, config: { file: 'people.xlsx', range: 'Z90:Z99' }, files })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      issues: [{ path: ['config', 'range'] }],
    });
    expect(excelSource.config.safeParse({ file: 'x.xlsx', range: 'B9:A1' }).error?.issues[0]?.path).toEqual(['range']);
    expect(excelSource.config.safeParse({ file: 'x.xlsx', range: '1A' }).success).toBe(false);
  });

  it('fails a file that is not a workbook, naming it', async () => {
    await expect(runNode(excelSource, { inputs: {}, config: { file: 'not.xlsx' }, files })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringContaining('"not.xlsx" cannot be read as an .xlsx workbook'),
    });
  });

  it('parses A1 ranges by hand', () => {
    expect(parseA1Range('C3:E5')).toEqual({ firstRow: 2, firstColumn: 2, lastRow: 4, lastColumn: 4 });
    expect(parseA1Range('aa10')).toEqual({ firstRow: 9, firstColumn: 26, lastRow: Infinity, lastColumn: Infinity });
    expect(parseA1Range('A0')).toBeUndefined();
    expect(parseA1Range('A1:B2:C3')).toBeUndefined();
  });
});
