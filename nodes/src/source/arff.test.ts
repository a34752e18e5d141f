import { memoryFiles, rowsOf, runNode } from '@causeway/sdk/testkit';
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
});
