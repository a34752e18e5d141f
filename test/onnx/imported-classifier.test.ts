import { evaluateModel, importModelNode, predictNode } from '@causeway/nodes';
import { memoryFiles, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../nodes/src/ml/onnx/graph-builder';
import { createNodeOnnxRuntime } from '../../server/src/onnx/node-runtime';

/**
 * A classifier as other tools write one: outputs named as they like (`output_label`, `output_proba`),
 * and a label that is not the ArgMax of the probabilities (here ArgMin, as onnxruntime's binary tree
 * ensembles can answer).
 */
function foreignClassifier(): Uint8Array {
  const b = new GraphBuilder();
  b.input('float_input', 'float', [null, 2]);
  b.node('Softmax', ['float_input'], ['output_proba'], { axis: { int: 1 } });
  b.node('ArgMin', ['float_input'], ['output_label'], { axis: { int: 1 }, keepdims: { int: 0 } });
  b.output('output_label', 'int64', [null]);
  b.output('output_proba', 'float', [null, 2]);
  return b.encode('foreign', {});
}

const onnx = createNodeOnnxRuntime();
afterAll(() => onnx.close());

describe('an imported classifier with a declared output mapping', () => {
  it('is scored into prediction and probability columns that model.evaluate reads, the label from the probabilities', async () => {
    const files = memoryFiles({ 'foreign.onnx': foreignClassifier() });
    const { outputs: imported } = await runNode(importModelNode, {
      inputs: {},
      config: { file: 'foreign.onnx', classifier: { label: 'output_label', probabilities: 'output_proba', classes: ['no', 'yes'] } },
      files,
    });
    const table = tableOf({ a: [2, 0, 3, 1], b: [0, 1, 1, 5], churn: ['no', 'yes', 'no', 'yes'] }, { churn: 'category' });
    const { outputs, logs } = await runNode(predictNode, {
      inputs: { table, model: imported.model },
      config: { columns: ['a', 'b'] },
      onnx,
    });
    expect(rowsOf(outputs.table).map((r) => r.prediction)).toEqual(['no', 'yes', 'no', 'yes']);
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'The model\'s "output_label" disagrees with the most probable class of "output_proba" on 4 of 4 rows; prediction is the most probable class.',
    ]);
    const { outputs: evaluated } = await runNode(evaluateModel, {
      inputs: { table: outputs.table, model: imported.model },
      config: { target: 'churn' },
    });
    expect(evaluated.metrics.values.accuracy).toBe(1);
    expect(evaluated.metrics.values.auc).toBe(1);
  });

  it('names a declared output the model lacks', async () => {
    const files = memoryFiles({ 'foreign.onnx': foreignClassifier() });
    await expect(
      runNode(importModelNode, {
        inputs: {},
        config: { file: 'foreign.onnx', classifier: { probabilities: 'probabilities', classes: ['no', 'yes'] } },
        files,
      }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'The model has no tensor output "probabilities"; its tensor outputs are "output_label", "output_proba".',
    });
  });
});
