import { parseCsv } from '@causeway/sdk';
import { inferNode, memoryFiles, rowsOf, runNode } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { csvSource } from './csv';

const files = memoryFiles({
  'people.csv': 'age,name,city\n31,a,NL\n,b,BE\n40,,NL\n',
  'semi.csv': 'a;b\n1;x\n2;y\n',
  'ragged.csv': 'a,b\n1,2\n3\n4,5\n',
  'nulls.csv': 'a,b\n1,-\n-,x\n',
  'german.csv': 'item;price;day\nA;1.234,5;31.01.2024\nB;0,75;01.02.2024\n',
  'export.csv': 'id,id,,score,\n1,2,3,0.5,\n4,5,6,1.5,\n',
});

describe('source.csv', () => {
  it('streams a file of several windows: bad rows keep their lines, the table equals a whole-buffer parse', async () => {
    const lines = ['id,score,label'];
    for (let i = 0; i < 120_000; i++)
      lines.push(i === 100_000 ? `${i},"two\nlines",x,extra` : `${i},${(i * 0.37).toFixed(2)},"l ${i % 7}"`);
    lines.push('late,1.5,"tail"');
    const text = `${lines.join('\n')}\n`;
    const big = memoryFiles({ 'big.csv': text });
    const { outputs, logs } = await runNode(csvSource, { inputs: {}, config: { file: 'big.csv', onBadRow: 'skip' }, files: big });
    expect(text.length).toBeGreaterThan(2 * 2 ** 20);
    expect(logs.map((l) => l.message)).toEqual(['Skipped 1 bad row of "big.csv": line 100002: Line 100002 has 4 fields, expected 3.']);
    const whole = parseCsv(new TextEncoder().encode(text), { onBadRow: 'skip' });
    if (!whole.ok) throw new Error('whole parse failed');
    expect(outputs.table.numRows).toBe(120_000);
    expect(outputs.table.schema.fields.map(String)).toEqual(whole.value.table.schema.fields.map(String));
    for (const name of ['id', 'score', 'label']) {
      expect(outputs.table.getChild(name)?.toArray()).toEqual(whole.value.table.getChild(name)?.toArray());
    }
  });

  it('reads decimal commas, thousands dots and dotted dates when configured', async () => {
    const config = { file: 'german.csv', decimal: ',', thousands: '.', dateFormat: 'DD.MM.YYYY' } as const;
    const { outputs } = await runNode(csvSource, { inputs: {}, config, files });
    expect(rowsOf(outputs.table).map((r) => r.price)).toEqual([1234.5, 0.75]);
    expect(rowsOf(outputs.table).map((r) => r.day)).toEqual([new Date('2024-01-31'), new Date('2024-02-01')]);
    expect(csvSource.config.safeParse({ file: 'x.csv', decimal: ',', thousands: ',' }).error?.issues[0]?.path).toEqual(['thousands']);
  });

  it('reads a file through ctx.files with detected dialect and inferred types', async () => {
    const { outputs, logs } = await runNode(csvSource, { inputs: {}, config: { file: 'people.csv' }, files });
    expect(rowsOf(outputs.table)).toEqual([
      { age: 31, name: 'a', city: 'NL' },
      { age: null, name: 'b', city: 'BE' },
      { age: 40, name: null, city: 'NL' },
    ]);
    expect(logs).toEqual([]);
  });

  it('passes delimiter, header, null tokens and types on to the parser', async () => {
    const semi = await runNode(csvSource, {
      inputs: {},
      config: { file: 'semi.csv', delimiter: ';', types: { a: 'number', b: 'string' } },
      files,
    });
    expect(semi.outputs.table.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
      ['a', 'Float64'],
      ['b', 'Utf8'],
    ]);
    const noHeader = await runNode(csvSource, { inputs: {}, config: { file: 'semi.csv', header: false }, files });
    expect(noHeader.outputs.table.numRows).toBe(3);
    const nulls = await runNode(csvSource, { inputs: {}, config: { file: 'nulls.csv', nullTokens: ['-'] }, files });
    expect(rowsOf(nulls.outputs.table)).toEqual([
      { a: 1, b: null },
      { a: null, b: 'x' },
    ]);
  });

  it('fails on a bad row by default, naming the line', async () => {
    const error = await runNode(csvSource, { inputs: {}, config: { file: 'ragged.csv' }, files }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INPUT_INVALID' });
    expect((error as Error).message).toMatch(/"ragged\.csv" cannot be read as CSV: INPUT_INVALID at line\[3\]/);
  });

  it('skips bad rows when asked and logs them', async () => {
    const { outputs, logs } = await runNode(csvSource, { inputs: {}, config: { file: 'ragged.csv', onBadRow: 'skip' }, files });
    expect(rowsOf(outputs.table)).toEqual([
      { a: 1, b: 2 },
      { a: 4, b: 5 },
    ]);
    expect(logs).toHaveLength(1);
    expect(logs[0]?.level).toBe('warn');
    expect(logs[0]?.message).toMatch(/^Skipped 1 bad row of "ragged\.csv": line 3: /);
  });

  it('reads a header with repeated, empty and trailing names and logs how it named the columns', async () => {
    const { outputs, logs } = await runNode(csvSource, { inputs: {}, config: { file: 'export.csv' }, files });
    expect(rowsOf(outputs.table)[0]).toEqual({ id: 1, id_2: 2, column3: 3, score: 0.5, column5: null });
    expect(logs.map((l) => [l.level, l.message])).toEqual([
      ['info', '"export.csv": The first row was detected as the header.'],
      [
        'info',
        '"export.csv": Column names changed: "id" (column 2) is repeated, read as "id_2"; column 3 has no name, read as "column3"; column 5 has no name, read as "column5".',
      ],
    ]);
  });

  it('warns when types does not list the columns the file has', async () => {
    // infer trusts the partial `types` here; run's warning about it is what this test is about.
    const config = { file: 'people.csv', types: { age: 'number' as const } };
    const { logs } = await runNode(csvSource, { inputs: {}, config, files, checkInfer: false });
    expect(logs.map((l) => l.message)).toEqual([
      '"people.csv" has the columns age, name, city; types lists age, so the editor\'s view of the table is incomplete.',
    ]);
  });

  it('fails with FILE_UNKNOWN for a missing file', async () => {
    await expect(runNode(csvSource, { inputs: {}, config: { file: 'nope.csv' }, files })).rejects.toMatchObject({ code: 'FILE_UNKNOWN' });
  });

  it('fingerprints through ctx.files, so an edited file changes the key', async () => {
    const ctx = { files, signal: new AbortController().signal };
    const edited = { files: memoryFiles({ 'people.csv': 'age\n1\n' }), signal: ctx.signal };
    const config = { file: 'people.csv', onBadRow: 'fail' as const };
    expect(await csvSource.fingerprint?.({ config, ctx })).toBe(await files.fingerprint('people.csv'));
    expect(await csvSource.fingerprint?.({ config, ctx: edited })).not.toBe(await csvSource.fingerprint?.({ config, ctx }));
  });

  it('describes the table at design time only when types lists the columns', () => {
    expect(inferNode(csvSource, { config: { file: 'people.csv' } }).outputs).toEqual({});
    expect(inferNode(csvSource, { config: { file: 'people.csv', types: { age: 'integer', city: 'category' } } }).outputs).toEqual({
      table: {
        columns: [
          { name: 'age', type: 'integer', nullable: true },
          { name: 'city', type: 'category', nullable: true },
        ],
      },
    });
  });

  it('describes the table at design time from the schema read when the file was added; types override its types', () => {
    const schema = {
      columns: [
        { name: 'age', type: 'integer' as const, nullable: true },
        { name: 'city', type: 'string' as const, nullable: false },
      ],
    };
    const known = { schemaOf: (name: string) => (name === 'people.csv' ? schema : undefined) };
    expect(inferNode(csvSource, { config: { file: 'people.csv' }, files: known }).outputs).toEqual({ table: schema });
    expect(inferNode(csvSource, { config: { file: 'people.csv', types: { city: 'category' } }, files: known }).outputs).toEqual({
      table: { columns: [schema.columns[0], { name: 'city', type: 'category', nullable: false }] },
    });
    // A given header or delimiter may change the columns: the file's default reading no longer describes them.
    expect(inferNode(csvSource, { config: { file: 'people.csv', header: false }, files: known }).outputs).toEqual({});
    expect(inferNode(csvSource, { config: { file: 'other.csv' }, files: known }).outputs).toEqual({});
  });

  it('rejects a bad config with paths', () => {
    const result = inferNode(csvSource, {
      config: { file: '', delimiter: ';;', types: { a: 'float' }, onBadRow: 'ignore' },
      fromVersion: 1,
    });
    expect(result.issues.map((i) => i.path)).toEqual([
      ['config', 'file'],
      ['config', 'delimiter'],
      ['config', 'types', 'a'],
      ['config', 'onBadRow'],
    ]);
  });
});
