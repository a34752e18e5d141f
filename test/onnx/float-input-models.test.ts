import { predictNode } from '@causeway/nodes';
import type { ModelValue } from '@causeway/sdk';
import { rowsOf, runNode } from '@causeway/sdk/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelAnswer } from '../../server/src/endpoints/model-answer';
import { requestFeeds } from '../../server/src/endpoints/request-feeds';
import { openServedModel } from '../../server/src/endpoints/served-model';
import { churnTable, trainChurnModels } from '../../server/src/endpoints/test-models';
import { createNodeOnnxRuntime } from '../../server/src/onnx/node-runtime';
import { withFloatInputs } from './float-input-model';

// Versions registered before trained models took double inputs take float ones; they must still score.
const runtime = createNodeOnnxRuntime();
afterAll(() => runtime.close());

let models: { logistic: ModelValue; forest: ModelValue };
beforeAll(async () => {
  models = await trainChurnModels();
}, 120_000);

describe.each(['logistic', 'forest'] as const)('a %s model with float inputs', (which) => {
  const older = () => ({ ...models[which], onnx: withFloatInputs(models[which].onnx) });

  it('declares float inputs where the current one declares double', async () => {
    const current = await runtime.createSession(models[which].onnx);
    const before = await runtime.createSession(older().onnx);
    const numeric = (s: typeof current) => s.inputs.filter((i) => i.type !== 'string').map((i) => i.type);
    expect(new Set(numeric(current))).toEqual(new Set(['float64']));
    expect(new Set(numeric(before))).toEqual(new Set(['float32']));
    await current.release();
    await before.release();
  });

  it('scores a table with the same predictions through model.predict', async () => {
    const table = churnTable(300, 9);
    const score = async (model: ModelValue) =>
      rowsOf((await runNode(predictNode, { inputs: { table, model }, config: { batchSize: 64 }, onnx: runtime })).outputs.table);
    expect(await score(older())).toEqual(await score(models[which]));
  });

  it('answers an endpoint request with the same predictions', async () => {
    const table = churnTable(50, 4);
    const columns = Object.fromEntries(
      models[which].card.features.map((f) => [
        f.name,
        Array.from(table.getChild(f.name)?.toArray() ?? [], (v) => (typeof v === 'bigint' ? Number(v) : v)),
      ]),
    );
    const answer = async (onnx: Uint8Array) => {
      const served = await openServedModel('churn', 1, onnx, models[which].card);
      try {
        const { rows, feeds } = requestFeeds(served, { columns });
        return modelAnswer(served, await served.session.run(feeds, served.fetch), rows);
      } finally {
        await served.session.release();
      }
    };
    const current = await answer(models[which].onnx);
    expect(current.predictions).toHaveLength(50);
    expect(await answer(older().onnx)).toEqual(current);
  });
});
