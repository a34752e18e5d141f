import { CausewayError } from '@causeway/sdk';
import { memoryFiles, runNode, tableOf } from '@causeway/sdk/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importModelNode } from '../../model/import';
import { logisticRegressionNode } from '../../model/logistic-regression';
import { GraphBuilder } from './graph-builder';
import { cardKey } from './model-card';
import { onnx } from './onnx-proto';
import { readModel } from './read-model';

const train = tableOf({
  age: [31, 40, null, 52, 23, 35, 61, 44],
  plan: ['basic', 'pro', 'pro', null, 'basic', 'team', 'pro', 'basic'],
  churn: ['no', 'yes', 'yes', 'no', 'no', 'yes', 'no', 'yes'],
});
const trained = (await runNode(logisticRegressionNode, { inputs: { table: train }, config: { target: 'churn' } })).outputs.model;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof CausewayError)) throw error;
    return error.code;
  }
}

/** A foreign model (no card): one [N, 3] float input, a LinearRegressor. */
function foreignModel(edit?: (model: ReturnType<typeof onnx.ModelProto.decode>) => void): Uint8Array {
  const b = new GraphBuilder();
  b.input('float_input', 'float', [null, 3]);
  b.ml('LinearRegressor', ['float_input'], ['variable'], { coefficients: { floats: [1, 2, 3] }, intercepts: { floats: [0.5] } });
  b.output('variable', 'float', [null, 1]);
  const bytes = b.encode('foreign', { task: 'regression' });
  if (!edit) return bytes;
  const model = onnx.ModelProto.decode(bytes);
  edit(model);
  return onnx.ModelProto.encode(model).finish();
}

describe('readModel', () => {
  it('reads inputs, outputs, opsets and the card of a trained model without running it', () => {
    const info = readModel(trained.onnx);
    expect(info.inputs).toEqual([
      { name: 'age', type: 'float64', dims: ['N', 1] },
      { name: 'plan', type: 'string', dims: ['N', 1] },
    ]);
    expect(info.outputs).toEqual([
      { name: 'label', type: 'string', dims: ['N'] },
      { name: 'probabilities', type: 'float32', dims: ['N', 2] },
    ]);
    expect(info.opsets).toEqual({ 'ai.onnx': 13, 'ai.onnx.ml': 1 });
    expect(info.irVersion).toBe(8);
    expect(info.card.task).toBe('classification');
    expect(info.card.classes).toEqual(['no', 'yes']);
    expect(info.card.features.map((f) => [f.name, f.type])).toEqual([
      ['age', 'integer'],
      ['plan', 'string'],
    ]);
    const age = info.card.features[0]?.stats as {
      kind: string;
      count: number;
      nulls: number;
      mean: number;
      histogram: { counts: number[] };
    };
    expect(age.kind).toBe('numeric');
    expect([age.count, age.nulls]).toEqual([7, 1]);
    expect(age.mean).toBeCloseTo((31 + 40 + 52 + 23 + 35 + 61 + 44) / 7, 12);
    expect(age.histogram.counts.reduce((a, b) => a + b, 0)).toBe(7);
    expect(info.card.features[1]?.stats).toMatchObject({ kind: 'categorical', frequencies: { basic: 3, pro: 3, team: 1 }, nulls: 1 });
  });

  it('builds a card from the file when it has none, taking the task from metadata', () => {
    const info = readModel(foreignModel());
    expect(info.card.task).toBe('regression');
    expect(info.card.features).toEqual([{ name: 'float_input', type: 'number' }]);
    expect(info.inputs).toEqual([{ name: 'float_input', type: 'float32', dims: ['N', 3] }]);
    const noTask = readModel(foreignModel((m) => (m.metadataProps = [{ key: cardKey, value: '{not json' }])));
    expect(noTask.card.task).toBe('other');
  });

  it('refuses files over the size cap', () => {
    expect(codeOf(() => readModel(trained.onnx, 100))).toBe('MODEL_TOO_LARGE');
  });

  it('refuses external data, in initializers and in constant attributes', () => {
    const inInitializer = foreignModel((m) => {
      m.graph?.initializer?.push(
        onnx.TensorProto.create({
          name: 'w',
          dataType: 1,
          dims: [3],
          dataLocation: 1,
          externalData: [{ key: 'location', value: '../../etc/passwd' }],
        }),
      );
    });
    expect(codeOf(() => readModel(inInitializer))).toBe('MODEL_EXTERNAL_DATA');
    const inAttribute = foreignModel((m) => {
      m.graph?.node?.push(
        onnx.NodeProto.create({
          opType: 'Constant',
          output: ['c'],
          attribute: [
            { name: 'value', type: 4, t: { name: 'c', dataType: 1, dims: [1], externalData: [{ key: 'location', value: 'weights.bin' }] } },
          ],
        }),
      );
    });
    expect(codeOf(() => readModel(inAttribute))).toBe('MODEL_EXTERNAL_DATA');
  });

  it('refuses random bytes, text and other formats with MODEL_INVALID', () => {
    expect(codeOf(() => readModel(new TextEncoder().encode('{"format": "causeway.graph/1"}')))).toBe('MODEL_INVALID');
    expect(codeOf(() => readModel(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0)))).toBe('MODEL_INVALID');
    expect(codeOf(() => readModel(new Uint8Array(0)))).toBe('MODEL_INVALID');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(codeOf(() => readModel(bytes))).toBe('MODEL_INVALID');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a field that declares more bytes than the file holds', () => {
    // Field 7 (graph), length-delimited, declaring 2^31 − 1 bytes.
    const huge = Uint8Array.of(0x08, 0x08, 0x3a, 0xff, 0xff, 0xff, 0xff, 0x07, 0x01, 0x02);
    expect(codeOf(() => readModel(huge))).toBe('MODEL_INVALID');
  });

  it('refuses truncated files: every cut either fails with MODEL_INVALID or still reads as a whole model', () => {
    const bytes = trained.onnx;
    let refused = 0;
    for (let cut = 0; cut < bytes.length; cut += Math.max(1, Math.floor(bytes.length / 400))) {
      const code = codeOf(() => readModel(bytes.subarray(0, cut)));
      if (code !== undefined) {
        expect(code).toBe('MODEL_INVALID');
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(300);
    expect(codeOf(() => readModel(bytes.subarray(0, bytes.length - 1)))).toBe('MODEL_INVALID');
  });
});

describe('model.import', () => {
  it('imports a file from ctx.files and reports a clear error for a bad one', async () => {
    const files = memoryFiles({ 'model.onnx': foreignModel(), 'notes.onnx': 'hello' });
    const { outputs, logs } = await runNode(importModelNode, { inputs: {}, config: { file: 'model.onnx' }, files });
    expect(outputs.model.card).toMatchObject({ task: 'regression', source: 'model.onnx' });
    expect(logs[0]?.message).toMatch(/float_input float32\[N, 3\]/);
    await expect(runNode(importModelNode, { inputs: {}, config: { file: 'notes.onnx' }, files })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    });
    await expect(runNode(importModelNode, { inputs: {}, config: { file: 'gone.onnx' }, files })).rejects.toMatchObject({
      code: 'FILE_UNKNOWN',
    });
  });
});
