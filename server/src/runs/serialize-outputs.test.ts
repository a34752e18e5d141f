import { tableFromArrays, tableFromIPC } from 'apache-arrow';
import { describe, expect, test } from 'vitest';
import { serializeOutputs } from './serialize-outputs';

const decoder = new TextDecoder();
const byValue = () => undefined;

describe('serializeOutputs', () => {
  test('tables as Arrow IPC, models as their ONNX bytes and a JSON card, other kinds as JSON text', () => {
    const onnx = Uint8Array.of(8, 1, 18, 4);
    const card = { task: 'classification', features: [{ name: 'age', type: 'number' }] };
    const metrics = { values: { auc: 0.91 } };
    const kinds: Record<string, 'table' | 'model' | 'metrics'> = { rows: 'table', model: 'model', metrics: 'metrics' };
    const { outputs, transfer } = serializeOutputs(
      new Map([['train', { rows: tableFromArrays({ n: Int32Array.of(1, 2, 3) }), model: { onnx, card }, metrics }]]),
      (_node, port) => kinds[port],
      1024,
    );
    const [rows, model, json] = outputs;
    expect(rows).toMatchObject({ nodeId: 'train', port: 'rows', kind: 'table', format: 'arrow' });
    expect(
      tableFromIPC(rows?.bytes as Uint8Array)
        .getChild('n')
        ?.toArray(),
    ).toEqual(Int32Array.of(1, 2, 3));
    expect(model).toMatchObject({ kind: 'model', format: 'onnx' });
    // The model's own bytes go out, by transfer, not a copy.
    expect(model?.bytes).toBe(onnx);
    expect(JSON.parse(decoder.decode(model?.card))).toEqual(card);
    expect(json).toMatchObject({ kind: 'metrics', format: 'json' });
    expect(JSON.parse(decoder.decode(json?.bytes))).toEqual(metrics);
    expect(transfer).toContain(onnx.buffer);
    expect(transfer).toHaveLength(new Set(transfer).size);
  });

  test('a port without a declared kind goes by its value', () => {
    const { outputs } = serializeOutputs(new Map([['n', { t: tableFromArrays({ x: Float64Array.of(1) }), v: [1, 'two'] }]]), byValue, 1024);
    expect(outputs.map((o) => [o.port, o.kind, o.format])).toEqual([
      ['t', 'table', 'arrow'],
      ['v', 'value', 'json'],
    ]);
  });

  test('one buffer shared by two outputs is transferred once', () => {
    const model = { onnx: Uint8Array.of(1, 2, 3), card: { task: 'regression', features: [] } };
    const { transfer } = serializeOutputs(
      new Map([
        ['a', { m: model }],
        ['b', { m: model }],
      ]),
      () => 'model',
      1024,
    );
    expect(transfer.filter((buffer) => buffer === model.onnx.buffer)).toHaveLength(1);
  });

  test('values that cannot be kept are noted with the reason instead of failing', () => {
    const self: Record<string, unknown> = {};
    self.self = self;
    const values = {
      big: 10n,
      loop: self,
      bytes: { data: Float64Array.of(1, 2) },
      map: new Map([['a', 1]]),
      fn: () => 1,
      long: 'x'.repeat(5_000),
      wide: Array.from({ length: 2_000 }, (_, i) => i),
    };
    const { outputs, transfer } = serializeOutputs(new Map([['n', values]]), () => 'value', 1024);
    const notes = Object.fromEntries(outputs.map((o) => [o.port, o.note]));
    expect(notes).toEqual({
      big: 'The output was not kept: it holds a big integer.',
      loop: 'The output was not kept: it refers to itself.',
      bytes: 'The output was not kept: it holds binary data.',
      map: 'The output was not kept: it holds a Map.',
      fn: 'The output was not kept: it holds a function.',
      long: 'The output was not kept: it is larger than the 1024-byte limit for JSON outputs.',
      wide: 'The output was not kept: it is larger than the 1024-byte limit for JSON outputs.',
    });
    expect(outputs.every((o) => o.bytes === undefined)).toBe(true);
    expect(transfer).toEqual([]);
  });

  test('a value that throws while being read is noted, and the other outputs are still kept', () => {
    const hostile = {
      get broken() {
        throw new Error('no access');
      },
    };
    const { outputs } = serializeOutputs(new Map([['n', { bad: hostile, good: 1 }]]), () => 'value', 1024);
    expect(outputs.map((o) => [o.port, o.note ?? decoder.decode(o.bytes)])).toEqual([
      ['bad', 'The output was not kept: it could not be serialized (no access).'],
      ['good', '1'],
    ]);
  });

  test('the cap counts bytes, not characters', () => {
    // 400 three-byte characters: 1,202 bytes of JSON from 402 characters.
    const { outputs } = serializeOutputs(new Map([['n', { v: '€'.repeat(400) }]]), () => 'value', 1024);
    expect(outputs[0]?.note).toMatch(/larger than the 1024-byte limit/);
  });

  test('a model whose card is not JSON keeps its ONNX file and notes the card', () => {
    const model = { onnx: Uint8Array.of(1), card: { task: 'other', features: [], seen: 3n } };
    const [output] = serializeOutputs(new Map([['n', { m: model }]]), () => 'model', 1024).outputs;
    expect(output).toMatchObject({ kind: 'model', format: 'onnx', note: 'The model card was not kept: it holds a big integer.' });
    expect(output?.bytes).toBe(model.onnx);
    expect(output?.card).toBeUndefined();
  });

  test('a table port holding something else is noted, not kept', () => {
    const [output] = serializeOutputs(new Map([['n', { t: { rows: 1 } }]]), () => 'table', 1024).outputs;
    expect(output).toEqual({ nodeId: 'n', port: 't', kind: 'table', note: 'The output is not a table, so it was not kept.' });
  });
});
