import { inferNode, memoryFiles, rowsOf, runNode } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { builtinNodes } from '../index';
import { arffSource } from './arff';

const files = memoryFiles({
  'iris.arff': "@relation iris\n@attribute 'sepal length' real\n@attribute class {setosa,virginica}\n@data\n5.1,setosa\n?,virginica\n",
  'bad.arff': '@relation iris\n@attribute class {setosa,virginica}\n@data\nsetosa\nrosa\n',
});

describe('source.arff', () => {
  it('reads an ARFF file through ctx.files and is a built-in node', async () => {
    const { outputs } = await runNode(arffSource, { inputs: {}, config: { file: 'iris.arff' }, files });
    expect(rowsOf(outputs.table)).toEqual([
      { 'sepal length': 5.1, class: 'setosa' },
      { 'sepal length': null, class: 'virginica' },
    ]);
    expect(builtinNodes.map((n) => n.type)).toContain('source.arff');
  });

  it('refuses a bad value naming the file, line and attribute', async () => {
    await expect(runNode(arffSource, { inputs: {}, config: { file: 'bad.arff' }, files })).rejects.toThrow(
      '"bad.arff" cannot be read as ARFF: INPUT_INVALID at line[5]: attribute "class": "rosa" is not one of {setosa, virginica}',
    );
  });

  it('fails with FILE_UNKNOWN for a missing file and fingerprints through ctx.files', async () => {
    await expect(runNode(arffSource, { inputs: {}, config: { file: 'nope' }, files })).rejects.toMatchObject({ code: 'FILE_UNKNOWN' });
    expect(inferNode(arffSource, { config: { file: 'x' } }).outputs).toEqual({});
    const ctx = { files, signal: new AbortController().signal };
    const a = await arffSource.fingerprint?.({ config: { file: 'iris.arff' }, ctx });
    expect(a).toBe(await files.fingerprint('iris.arff'));
    expect(a).not.toBe(await arffSource.fingerprint?.({ config: { file: 'bad.arff' }, ctx }));
  });
});
