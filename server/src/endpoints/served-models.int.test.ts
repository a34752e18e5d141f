import type { ModelValue } from '@causeway/sdk';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelVersionSource, VersionInfo } from './model-version-source';
import type { ServedModel } from './served-model';
import { ServedModels } from './served-models';
import { trainChurnModels } from './test-models';

// Every version is the same real model under another number: what is bounded is the sessions held.
function versionsOf(model: ModelValue): ModelVersionSource {
  return {
    info: async (modelName, version) => ({ modelName, version, card: model.card, gate: null }),
    onnx: async (_info: VersionInfo) => model.onnx,
  };
}

/** Scores one row with the session itself: a released session refuses. */
function scoreOne(served: ServedModel): Promise<unknown> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of served.session.inputMetadata) {
    if (!input.isTensor) continue;
    feeds[input.name] = input.type === 'string' ? new ort.Tensor('string', ['plus'], [1, 1]) : new ort.Tensor('float64', [1], [1, 1]);
  }
  return served.session.run(feeds);
}

describe('ServedModels holds at most its bound of onnxruntime sessions', () => {
  let model: ModelValue;
  beforeAll(async () => {
    model = (await trainChurnModels()).logistic;
  });

  it('after 100 versions served with a bound of 16: 16 open, the least recently used closed, the rest kept', async () => {
    const served = new ServedModels(versionsOf(model), 16);
    const first = await served.get('churn', 1);
    for (let version = 2; version <= 100; version++) {
      await served.get('churn', version);
      // Version 1 stays in use until version 50, then is left alone.
      if (version < 50) await served.get('churn', 1);
    }
    expect(served.size).toBe(16);
    expect(served.loads).toBe(100);

    // The 16 most recently used are open: asking again loads nothing.
    for (let version = 85; version <= 100; version++) await served.get('churn', version);
    expect(served.loads).toBe(100);
    // Version 1 was evicted and its session released: a request opens it again.
    const kept = await served.get('churn', 100);
    await expect(scoreOne(kept)).resolves.toBeDefined();
    await expect(scoreOne(first)).rejects.toThrow();
    await served.get('churn', 1);
    expect(served.loads).toBe(101);
    expect(served.size).toBe(16);
    await served.close();
    expect(served.size).toBe(0);
  });

  it('concurrent first requests for one version open it once', async () => {
    const served = new ServedModels(versionsOf(model), 2);
    await Promise.all(Array.from({ length: 20 }, () => served.get('churn', 7)));
    expect(served.loads).toBe(1);
    await served.close();
  });
});
